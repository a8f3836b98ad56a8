import type { Member } from './model';
import { normalizeEmail } from './email';
import { foldName } from './organisation-import';

/**
 * The one rule for "this team member is already there": the same name (folded: case, accents and
 * spacing do not count) and the same e-mail address (case does not count; no address on both
 * counts as the same). The set-up form warns and offers the existing member; the service refuses
 * the add unless the user confirmed that it is another person.
 */
export function findSameMember(
  members: readonly Pick<Member, 'id' | 'name' | 'email' | 'deleted'>[],
  wanted: { readonly name: string; readonly email?: string | null | undefined },
): Pick<Member, 'id' | 'name' | 'email' | 'deleted'> | null {
  const name = foldName(wanted.name);
  const email = normalizeEmail(wanted.email ?? '');
  if (name === '') return null;
  const same = members.filter(
    (member) => foldName(member.name ?? '') === name && normalizeEmail(member.email ?? '') === email,
  );
  // An active member is the one to offer before a retired one.
  return same.find((member) => !member.deleted) ?? same[0] ?? null;
}

/** The server role that may write member rows (server/authorship.ts `refuseMemberRow`). */
export const TEAM_LEAD_ROLE = 'team-lead';

/**
 * Whether this laptop's person may add, change, retire or restore team members (issue 10): member
 * rows are the team lead's, the server refuses anyone else's (MEMBERS_TEAM_LEAD_ONLY). The server
 * decides by the sync account's role in the campaign, which the laptop keeps from its last login
 * or round (`accountRoles`, null when this laptop has no account that is a member of the
 * campaign): an account without the team-lead role may not, whoever is chosen as "Ik ben". The
 * person chosen as "Ik ben" must be a team lead too. With neither (a new campaign set up on this
 * laptop, before anyone is chosen) the laptop cannot tell, and the server decides. The set-up
 * service and the team tab both ask this.
 */
export function mayChangeMembers(
  members: readonly Pick<Member, 'id' | 'is_team_lead' | 'deleted'>[],
  me: string | null,
  accountRoles: readonly string[] | null = null,
): boolean {
  if (accountRoles !== null && !accountRoles.includes(TEAM_LEAD_ROLE)) return false;
  if (me === null) return true;
  return members.some((member) => member.id === me && member.is_team_lead === true);
}
