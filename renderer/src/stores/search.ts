import { create } from 'zustand';
import type { ContractError } from '../../../shared/contract/result';
import type { SearchResult } from '../../../shared/domain/search';
import { api } from '../api';

interface SearchState {
  readonly campaignId: string | null;
  readonly query: string;
  readonly result: SearchResult | null;
  readonly error: ContractError | null;
  setQuery(campaignId: string, query: string): void;
  run(): Promise<void>;
}

/** The campaign search: the last query and its hits stay while the user opens a hit and comes back. */
export const useSearch = create<SearchState>((set, get) => ({
  campaignId: null,
  query: '',
  result: null,
  error: null,
  setQuery: (campaignId, query) => {
    if (get().campaignId !== campaignId) set({ campaignId, result: null, error: null });
    set({ query });
  },
  run: async () => {
    const { campaignId, query } = get();
    if (!campaignId) return;
    if (query.trim() === '') {
      set({ result: null, error: null });
      return;
    }
    const result = await api.invoke('search.query', { campaignId, query });
    if (get().query !== query || get().campaignId !== campaignId) return;
    if (result.ok) set({ result: result.value, error: null });
    else set({ error: result.error });
  },
}));
