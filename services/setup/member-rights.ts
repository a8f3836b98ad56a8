import type { Profile } from '../../db/profile';
import { ServiceError } from '../errors';
import { accountRoles, currentMemberId } from '../identity';
import { mayChangeMembers } from '../../shared/domain/members';

/**
 * Team members are the team lead's to add, change, retire and restore (issue 10): a member row
 * binds a name and an address to an account, so whoever may write one may sign as that person.
 * The server enforces it by role (server/authorship.ts, MEMBERS_TEAM_LEAD_ONLY); the laptop
 * refuses early, with the same reason, when the sync account (as the server last told this laptop)
 * has no team-lead role in the campaign, or the person chosen as "Ik ben" is no team lead. Before anyone is chosen the laptop cannot tell (a team lead setting up a new
 * campaign adds the first members, themselves included), and the server decides.
 */
export function requireMayChangeMembers(profile: Profile, campaignId: string): void {
  const me = currentMemberId(profile, campaignId);
  const row = me === null ? undefined : profile.store.get('members', me);
  if (mayChangeMembers(row ? [row] : [], me, accountRoles(profile, campaignId))) return;
  throw new ServiceError(
    'FORBIDDEN',
    'Only the team lead adds or changes team members; ask the team lead.',
    undefined,
    'MEMBERS_TEAM_LEAD_ONLY',
  );
}
