import {
  QueryClient,
  keepPreviousData,
  useMutation,
  useQuery,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ChannelName, InputOf, OutputOf } from '../../../shared/contract/channels';
import { api, ApiError } from '../api';
import { contractKey } from './invalidation';

/**
 * The renderer's one data layer: reads of the contract cached by TanStack Query and refreshed
 * when the services say what changed (DataProvider, invalidation.ts), never by polling.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fresh until an event says otherwise: the services push every change.
        staleTime: Infinity,
        // A contract refusal is an answer, not a flaky network: show it at once.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

export interface ContractQueryOptions {
  /** False: do not read (yet), e.g. while a needed id is unknown. */
  readonly enabled?: boolean;
  /** Keep showing the previous payload's answer while the new one loads (e.g. a search as you type). */
  readonly keepPrevious?: boolean;
}

/**
 * Reads a channel: `data` is its answer, `error` an ApiError carrying the contract error.
 * Refreshed automatically when a change event touches what the channel reads (reads.ts).
 */
export function useContractQuery<C extends ChannelName>(
  channel: C,
  payload: InputOf<C>,
  options: ContractQueryOptions = {},
): UseQueryResult<OutputOf<C>, ApiError> {
  return useQuery<OutputOf<C>, ApiError>({
    queryKey: contractKey(channel, payload),
    queryFn: () => api.call(channel, payload),
    enabled: options.enabled ?? true,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/**
 * Writes through a channel: `mutateAsync(payload)` answers the value or throws an ApiError
 * (whose `.error` is the contract error to show). No invalidation is needed: the write's
 * change event refreshes every read it affects.
 */
export function useContractMutation<C extends ChannelName>(
  channel: C,
): UseMutationResult<OutputOf<C>, ApiError, InputOf<C>> {
  return useMutation<OutputOf<C>, ApiError, InputOf<C>>({ mutationFn: (payload) => api.call(channel, payload) });
}

export { ApiError };
