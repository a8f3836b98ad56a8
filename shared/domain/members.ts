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

/**
 * Whether the person chosen as "Ik ben" may add, change, retire or restore team members (issue
 * 10): member rows are the team lead's, the server refuses anyone else's (MEMBERS_TEAM_LEAD_ONLY).
 * Before anyone is chosen the laptop cannot tell (a team lead setting up a new campaign adds the
 * first members, themselves included), so the server decides. The set-up service and the team
 * tab both ask this.
 */
export function mayChangeMembers(
  members: readonly Pick<Member, 'id' | 'is_team_lead' | 'deleted'>[],
  me: string | null,
): boolean {
  if (me === null) return true;
  return members.some((member) => member.id === me && member.is_team_lead === true);
}
