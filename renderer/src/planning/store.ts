import { create } from 'zustand';
import type { PlannableStatus } from '../../../shared/domain/planning';

export interface PlanFilters {
  readonly regionId: string;
  readonly sectorId: string;
  readonly memberId: string;
  readonly status: '' | PlannableStatus;
}

export const NO_FILTERS: PlanFilters = { regionId: '', sectorId: '', memberId: '', status: '' };

interface PlanningState {
  /** The campaign the choices below were made in. */
  readonly campaignId: string | null;
  readonly filters: PlanFilters;
  readonly view: 'list' | 'month';
  /** First day of the month shown in the calendar (YYYY-MM). */
  readonly month: string | null;
  /** Opens a campaign's planning: another campaign starts from no filters. */
  enter(campaignId: string): void;
  setFilters(filters: Partial<PlanFilters>): void;
  setView(view: 'list' | 'month'): void;
  setMonth(month: string): void;
}

/**
 * The coordinator's view choices in the planning (kept while moving between screens). UI state
 * only: the visits themselves are read with usePlanningData (the data layer).
 */
export const usePlanning = create<PlanningState>((set, get) => ({
  campaignId: null,
  filters: NO_FILTERS,
  view: 'list',
  month: null,
  enter: (campaignId) => {
    if (get().campaignId !== campaignId) set({ campaignId, filters: NO_FILTERS, month: null });
  },
  setFilters: (filters) => set({ filters: { ...get().filters, ...filters } }),
  setView: (view) => set({ view }),
  setMonth: (month) => set({ month }),
}));
