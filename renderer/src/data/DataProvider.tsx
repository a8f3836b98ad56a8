import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { StreamListener } from './events';
import { coalesce, invalidateForAll } from './invalidation';
import { createQueryClient } from './queries';

export interface DataProviderProps {
  readonly children: ReactNode;
  /** A given client (tests); a new one otherwise. */
  readonly client?: QueryClient;
  /** The event source (tests); the transport's stream (api.subscribe) otherwise. */
  readonly subscribe?: (listener: StreamListener) => () => void;
}

/** Provides the query cache and keeps it current: subscribes once to the services' change events. */
export function DataProvider({ children, client, subscribe = api.subscribe }: DataProviderProps) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  useEffect(() => {
    const batch = coalesce((events) => void invalidateForAll(queryClient, events));
    const unsubscribe = subscribe(batch.push);
    return () => {
      unsubscribe();
      batch.stop();
    };
  }, [queryClient, subscribe]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
