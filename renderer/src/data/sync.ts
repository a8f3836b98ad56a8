import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SyncView } from '../../../shared/contract/sync';
import { contractKey } from './invalidation';
import { useContractQuery } from './queries';

const STATUS_KEY = contractKey('sync.status', {});

/**
 * Puts a status the services pushed (a `sync` event) in the cache of the sync-status read. A read
 * still on its way may answer an older status than this one, so it is cancelled first (TanStack
 * restores the state from before it at once, then this status is set).
 */
export function putSyncStatus(client: QueryClient, status: SyncView): void {
  void client.cancelQueries({ queryKey: STATUS_KEY, exact: true });
  client.setQueryData(STATUS_KEY, status);
}

/**
 * Where this laptop stands with the sync server. Current without polling and without reads: the
 * services push every status change whole (`sync` event, put in place by DataProvider), whether a
 * round started, progressed, ended or failed or an edit changed the count of changes to send.
 * No safety refetch either: events are only missed while the stream is closed, and its reopening
 * (`resync`) reads the status again. `show` puts an answer of sync.connect / sync.now /
 * sync.disconnect in place at once.
 */
export function useSyncStatus(): { readonly status: SyncView | null; readonly show: (status: SyncView) => void } {
  const status = useContractQuery('sync.status', {}).data ?? null;
  const client = useQueryClient();
  const show = useCallback((next: SyncView) => client.setQueryData(STATUS_KEY, next), [client]);
  return { status, show };
}
