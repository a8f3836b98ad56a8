import { z } from 'zod';
import { channel, idSchema } from './define';

/**
 * Who uses this profile: the team member recorded as author of notes and SWOT items typed here.
 * A profile is one person's; the choice is per campaign because member records are per campaign.
 */
export interface Identity {
  readonly campaignId: string;
  /** The chosen member, or null when nobody was chosen yet in this campaign. */
  readonly memberId: string | null;
  readonly memberName: string | null;
  readonly members: readonly { readonly id: string; readonly name: string }[];
}

export const identityChannels = {
  'identity.get': channel<Identity>()(z.object({ campaignId: idSchema }).strict()),
  'identity.set': channel<Identity>()(z.object({ campaignId: idSchema, memberId: idSchema }).strict()),
} as const;
