import { create } from 'zustand';
import type { Campaign, CampaignCreateInput } from '../../../shared/domain/campaign';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

interface CampaignsState {
  readonly campaigns: readonly Campaign[];
  readonly loadState: LoadState;
  readonly loadError: ContractError | null;
  load(): Promise<void>;
  /** Answers the created campaign, or the error to show beside the form. */
  create(input: CampaignCreateInput): Promise<{ ok: true; campaign: Campaign } | { ok: false; error: ContractError }>;
}

export const useCampaigns = create<CampaignsState>((set, get) => ({
  campaigns: [],
  loadState: 'idle',
  loadError: null,
  load: async () => {
    set({ loadState: 'loading', loadError: null });
    const result = await api.invoke('campaigns.list', {});
    if (result.ok) set({ campaigns: result.value, loadState: 'ready' });
    else set({ loadState: 'error', loadError: result.error });
  },
  create: async (input) => {
    const result = await api.invoke('campaigns.create', input);
    if (!result.ok) return { ok: false, error: result.error };
    await get().load();
    return { ok: true, campaign: result.value };
  },
}));
