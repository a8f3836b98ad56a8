import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SyncView } from '../../../shared/contract/sync';
import { contractKey } from './invalidation';
import { useContractQuery } from './queries';

/**
 * Where this laptop stands with the sync server. Current without polling: the services announce
 * every status change (`local` event `sync`) and every write (the count of changes to send).
 * `show` puts an answer of sync.connect / sync.now / sync.disconnect in place at once.
 */
export function useSyncStatus(): { readonly status: SyncView | null; readonly show: (status: SyncView) => void } {
  const status = useContractQuery('sync.status', {}).data ?? null;
  const client = useQueryClient();
  const show = useCallback((next: SyncView) => client.setQueryData(contractKey('sync.status', {}), next), [client]);
  return { status, show };
}
