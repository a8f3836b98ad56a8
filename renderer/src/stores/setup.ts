import { create } from 'zustand';
import type { ContractError } from '../../../shared/contract/result';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { api } from '../api';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

interface SetupState {
  readonly campaignId: string | null;
  readonly setup: CampaignSetup | null;
  readonly loadState: LoadState;
  readonly loadError: ContractError | null;
  /** Loads the set-up of a campaign (keeps the shown data while reloading the same campaign). */
  load(campaignId: string): Promise<void>;
  reload(): Promise<void>;
}

/** The open campaign's lists, organisations and team: the workspace screens all read from here. */
export const useSetup = create<SetupState>((set, get) => ({
  campaignId: null,
  setup: null,
  loadState: 'idle',
  loadError: null,
  load: async (campaignId) => {
    const same = get().campaignId === campaignId;
    set({ campaignId, loadState: 'loading', loadError: null, ...(same ? {} : { setup: null }) });
    const result = await api.invoke('setup.get', { campaignId });
    if (get().campaignId !== campaignId) return;
    if (result.ok) set({ setup: result.value, loadState: 'ready' });
    else set({ loadState: 'error', loadError: result.error });
  },
  reload: async () => {
    const id = get().campaignId;
    if (id) await get().load(id);
  },
}));
