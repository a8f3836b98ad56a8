import type { ContractError } from '../../../shared/contract/result';
import type { Visit } from '../../../shared/domain/model';
import { useContractQuery } from './queries';

const NONE: readonly Visit[] = [];

/** A campaign's visits (and retired ones), current with every change event. */
export function usePlanningData(campaignId: string): {
  readonly visits: readonly Visit[];
  readonly retiredVisits: readonly Visit[];
  readonly error: ContractError | null;
  readonly retry: () => void;
} {
  const query = useContractQuery('planning.get', { campaignId });
  return {
    visits: query.data?.visits ?? NONE,
    retiredVisits: query.data?.retiredVisits ?? NONE,
    error: query.error?.error ?? null,
    retry: () => void query.refetch(),
  };
}
