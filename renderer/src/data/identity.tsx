import { createContext, useContext, type ReactNode } from 'react';
import { useContractQuery } from './queries';

const CampaignContext = createContext<string | null>(null);

/** Names the open campaign for everything inside the campaign workspace. */
export function CampaignProvider({
  campaignId,
  children,
}: {
  readonly campaignId: string;
  readonly children: ReactNode;
}) {
  return <CampaignContext.Provider value={campaignId}>{children}</CampaignContext.Provider>;
}

/** The open campaign's id (null outside a campaign workspace). */
export function useCampaignId(): string | null {
  return useContext(CampaignContext);
}

/** The member this profile writes as in the campaign (null until chosen, while loading, or outside a campaign). */
export function useMe(campaignId: string | null = null): string | null {
  const fromContext = useCampaignId();
  const id = campaignId ?? fromContext;
  return useContractQuery('identity.get', { campaignId: id ?? '' }, { enabled: id !== null }).data?.memberId ?? null;
}
