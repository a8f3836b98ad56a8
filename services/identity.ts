import type { Profile } from '../db/profile';
import type { Identity } from '../shared/contract/identity';
import type { identityChannels } from '../shared/contract/identity';
import { ServiceError } from './errors';
import type { HandlersOf } from './handler';

const key = (campaignId: string) => `identity:${campaignId}`;

/** The member chosen as "me" in this campaign on this profile, or null. */
export function currentMemberId(profile: Profile, campaignId: string): string | null {
  const id = profile.store.getSyncState(key(campaignId));
  if (!id) return null;
  const member = profile.store.get('members', id);
  return member && member.campaign_id === campaignId ? id : null;
}

/** Where the sync account's memberships (campaign and role, from the server's "me") are kept, local only. */
export const ACCOUNT_MEMBERSHIPS_KEY = 'sync:memberships';

/** Keeps the sync account's memberships (the server's "me" answer) on the laptop; null forgets them. */
export function keepAccountMemberships(
  profile: Pick<Profile, 'store'>,
  memberships: readonly { readonly campaign: string; readonly role: string }[] | null,
): void {
  const kept = memberships?.map(({ campaign, role }) => ({ campaign, role })) ?? [];
  profile.store.setSyncState(ACCOUNT_MEMBERSHIPS_KEY, memberships ? JSON.stringify(kept) : '');
}

/**
 * The sync account's roles in a campaign as the server last told this laptop; null when the
 * laptop has no sync account, or the account is no member of that campaign.
 */
export function accountRoles(profile: Pick<Profile, 'store'>, campaignId: string): readonly string[] | null {
  const raw = profile.store.getSyncState(ACCOUNT_MEMBERSHIPS_KEY);
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const roles = parsed
    .filter(
      (entry): entry is { campaign: string; role: string } =>
        typeof entry === 'object' &&
        entry !== null &&
        (entry as { campaign?: unknown }).campaign === campaignId &&
        typeof (entry as { role?: unknown }).role === 'string',
    )
    .map((entry) => entry.role);
  return roles.length > 0 ? roles : null;
}

/**
 * How a write that does not need an author is signed: by the chosen member where there is one
 * (so a conflict card can say whose value it was), else by the laptop (the store's default).
 */
export function signedBy(profile: Profile, campaignId: string): { readonly author?: string } {
  const id = currentMemberId(profile, campaignId);
  return id ? { author: id } : {};
}

/**
 * The author to record on a write in this campaign: the chosen member; refused with a clear
 * message when nobody was chosen, because notes and items must say whose they are.
 */
export function requireAuthor(profile: Profile, campaignId: string): string {
  const id = currentMemberId(profile, campaignId);
  if (!id) {
    const message = 'Choose who you are in this campaign first (the team member whose notes these are).';
    // The path "identity" lets the UI tell this refusal from others: it keeps what was typed and asks for a name.
    throw new ServiceError('FORBIDDEN', message, [{ path: 'identity', message, key: 'field.entry.chooseIdentity' }]);
  }
  return id;
}

export function readIdentity(profile: Profile, campaignId: string): Identity {
  if (!profile.store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
  const members = profile.store
    .list('members', { campaign_id: campaignId }, { orderBy: ['name', 'id'] })
    .map((member) => ({ id: member.id, name: member.name ?? member.id }));
  const memberId = currentMemberId(profile, campaignId);
  return { campaignId, memberId, memberName: members.find((member) => member.id === memberId)?.name ?? null, members };
}

type IdentityHandlers = HandlersOf<typeof identityChannels>;

export function createIdentityHandlers(
  profile: Profile,
  onChange: (campaignId: string) => void = () => {},
): IdentityHandlers {
  return {
    'identity.get': ({ campaignId }) => readIdentity(profile, campaignId),
    'identity.set': ({ campaignId, memberId }) => {
      const member = profile.store.get('members', memberId);
      if (!member || member.campaign_id !== campaignId)
        throw new ServiceError('NOT_FOUND', `No member ${memberId} in campaign ${campaignId}`);
      profile.store.setSyncState(key(campaignId), memberId);
      onChange(campaignId);
      return readIdentity(profile, campaignId);
    },
  };
}
