import { create } from 'zustand';
import type { Identity } from '../../../shared/contract/identity';
import { api } from '../api';

interface IdentityState {
  readonly identity: Identity | null;
  load(campaignId: string): Promise<void>;
  choose(campaignId: string, memberId: string): Promise<boolean>;
}

/** Who this profile writes as in the open campaign: notes and SWOT items carry this member as author. */
export const useIdentity = create<IdentityState>((set) => ({
  identity: null,
  load: async (campaignId) => {
    const result = await api.invoke('identity.get', { campaignId });
    if (result.ok) set({ identity: result.value });
  },
  choose: async (campaignId, memberId) => {
    const result = await api.invoke('identity.set', { campaignId, memberId });
    if (result.ok) set({ identity: result.value });
    return result.ok;
  },
}));
