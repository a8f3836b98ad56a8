import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { StreamListener } from './events';
import { invalidateFor } from './invalidation';
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
  useEffect(() => subscribe((event) => void invalidateFor(queryClient, event)), [queryClient, subscribe]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
