import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { StreamListener } from './events';
import { coalesce, invalidateForAll } from './invalidation';
import { createQueryClient } from './queries';
import { putSyncStatus } from './sync';

export interface DataProviderProps {
  readonly children: ReactNode;
  /** A given client (tests); a new one otherwise. */
  readonly client?: QueryClient;
  /** The event source (tests); the transport's stream (api.subscribe) otherwise. */
  readonly subscribe?: (listener: StreamListener) => () => void;
}

/**
 * Provides the query cache and keeps it current: subscribes once to the services' events. Change
 * and local events make the reads they affect stale (invalidation.ts); a `sync` event carries the
 * sync status itself, which goes straight into the cache (at once, not paced: it is no read).
 */
export function DataProvider({ children, client, subscribe = api.subscribe }: DataProviderProps) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  useEffect(() => {
    const batch = coalesce((events) => void invalidateForAll(queryClient, events));
    const unsubscribe = subscribe((event) => {
      if (event.type === 'sync') putSyncStatus(queryClient, event.status);
      else batch.push(event);
    });
    return () => {
      unsubscribe();
      batch.stop();
    };
  }, [queryClient, subscribe]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
