import { create } from 'zustand';
import type { ContractError } from '../../../shared/contract/result';
import type { Visit } from '../../../shared/domain/model';
import type { PlannableStatus } from '../../../shared/domain/planning';
import { api } from '../api';

export interface PlanFilters {
  readonly regionId: string;
  readonly sectorId: string;
  readonly memberId: string;
  readonly status: '' | PlannableStatus;
}

export const NO_FILTERS: PlanFilters = { regionId: '', sectorId: '', memberId: '', status: '' };

interface PlanningState {
  readonly campaignId: string | null;
  readonly visits: readonly Visit[];
  readonly retiredVisits: readonly Visit[];
  readonly loadState: 'idle' | 'loading' | 'ready' | 'error';
  readonly loadError: ContractError | null;
  readonly filters: PlanFilters;
  readonly view: 'list' | 'month';
  /** First day of the month shown in the calendar (YYYY-MM). */
  readonly month: string | null;
  load(campaignId: string): Promise<void>;
  reload(): Promise<void>;
  setFilters(filters: Partial<PlanFilters>): void;
  setView(view: 'list' | 'month'): void;
  setMonth(month: string): void;
}

/** The open campaign's visits and the coordinator's view choices (kept while moving between screens). */
export const usePlanning = create<PlanningState>((set, get) => ({
  campaignId: null,
  visits: [],
  retiredVisits: [],
  loadState: 'idle',
  loadError: null,
  filters: NO_FILTERS,
  view: 'list',
  month: null,
  load: async (campaignId) => {
    const same = get().campaignId === campaignId;
    set({ campaignId, loadState: 'loading', ...(same ? {} : { visits: [], retiredVisits: [], filters: NO_FILTERS, month: null }) });
    const result = await api.invoke('planning.get', { campaignId });
    if (get().campaignId !== campaignId) return;
    if (result.ok) set({ visits: result.value.visits, retiredVisits: result.value.retiredVisits, loadState: 'ready', loadError: null });
    else set({ loadState: 'error', loadError: result.error });
  },
  reload: async () => {
    const id = get().campaignId;
    if (id) await get().load(id);
  },
  setFilters: (filters) => set({ filters: { ...get().filters, ...filters } }),
  setView: (view) => set({ view }),
  setMonth: (month) => set({ month }),
}));
