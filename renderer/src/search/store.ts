import { create } from 'zustand';

interface SearchState {
  readonly campaignId: string | null;
  /** What is typed in the search field. */
  readonly query: string;
  /** The query last sent (typing pauses, or Enter): the data layer reads its hits. */
  readonly submitted: string;
  setQuery(campaignId: string, query: string): void;
  submit(): void;
}

/** The campaign search's UI state: the last query stays while the user opens a hit and comes back. */
export const useSearch = create<SearchState>((set, get) => ({
  campaignId: null,
  query: '',
  submitted: '',
  setQuery: (campaignId, query) => {
    if (get().campaignId !== campaignId) set({ campaignId, submitted: '' });
    set({ query });
  },
  submit: () => set({ submitted: get().query }),
}));
