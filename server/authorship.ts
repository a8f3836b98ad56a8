import { normalizeEmail, sameEmail } from '../shared/domain/email';
import type { Change, JsonValue } from '../shared/sync/change';
import type { RefusedChange } from './api';
import type { Principal } from './auth/tokens';
import type { SqlExecutor } from './store/sql';
import type { ServerStore } from './store/store';

/**
 * Authorship is authenticated (issue 10): a change's `author` is a member id of the campaign
 * (`members` rows), and a member belongs to the account whose e-mail address the member row
 * carries. A pushed change may be signed only
 * - by a member whose address (as the log holds it, or as this batch sets it) is the pushing
 *   account's, or
 * - by the change's own laptop (`author === node`: what a laptop records before anyone chose who
 *   they are; the node itself is bound to its first account, server/sync-service.ts), or
 * - by the account's own address (what the server signs its own changes with; a row id cannot
 *   hold an "@", so no member id is mistaken for an address).
 * Anything else (another member's id, an id no member has, another address) is refused with
 * AUTHOR_MISMATCH and not stored: nobody can sign as the team lead, and figures that count per
 * author (the SWOT agreement) count only what each member made. The server checks rather than
 * stamps, so the change the laptop logged and the change every other laptop receives stay the
 * same change (same id, same content).
 *
 * A refusal someone can mend (a member the server does not tie to this account yet: the team lead
 * puts the account's address on it) is AUTHOR_MISMATCH, and the laptop sends it again. One that no
 * mending can make pass is AUTHOR_OTHER_ACCOUNT: signed with another address than the account's, or
 * as a member whose address is another account of this server (putting this account's address on
 * that member would take it from its owner). The laptop sets those aside instead of retrying.
 *
 * Because a member row is what binds a name and an address to an account, member rows are the
 * team lead's: only an account with the campaign's team-lead role creates, changes, retires or
 * restores them (`refuseMemberRow`); anyone else's member change is refused with
 * MEMBERS_TEAM_LEAD_ONLY, so nobody adds a member carrying someone else's name (or puts their
 * own address on the lead's row) and then signs as them. The laptop refuses the same early
 * (services/setup/member-rights.ts).
 */

function isMemberEmail(change: Change): boolean {
  return change.table === 'members' && change.column === 'email';
}

/** A member-row change by an account that is not the campaign's team lead; null when it may pass. */
export function refuseMemberRow(change: Change, teamLead: boolean): RefusedChange | null {
  if (teamLead || change.table !== 'members') return null;
  return {
    id: change.id,
    code: 'MEMBERS_TEAM_LEAD_ONLY',
    reason: `Member ${change.rowId} (${change.column}): only the team lead adds or changes team members; your change was not applied.`,
  };
}

/**
 * Splits changes into those signed by the pushing account and the refused ones. `changes` are the
 * batch's changes that passed the other rules: their member addresses count as set.
 */
export async function checkAuthors(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  principal: Principal,
  changes: readonly Change[],
): Promise<{ readonly signed: Change[]; readonly refused: RefusedChange[] }> {
  const members = [...new Set(changes.filter((change) => change.author !== change.node).map((c) => c.author))];
  const addresses = new Map<string, { value: JsonValue; hlc: string }>(
    members.length > 0 ? await store.latestValues(tx, campaign, 'members', 'email', members) : [],
  );
  for (const change of changes) {
    if (!isMemberEmail(change)) continue;
    const logged = addresses.get(change.rowId);
    if (!logged || logged.hlc < change.hlc) addresses.set(change.rowId, { value: change.value, hlc: change.hlc });
  }
  const signed: Change[] = [];
  const refused: RefusedChange[] = [];
  /** Whether an address is another account's on this server (asked once per address). */
  const otherAccounts = new Map<string, boolean>();
  const isOtherAccount = async (address: string): Promise<boolean> => {
    const key = normalizeEmail(address);
    let known = otherAccounts.get(key);
    if (known === undefined) {
      const user = await store.userIdOfEmail(tx, key);
      known = user !== null && user !== principal.user.id;
      otherAccounts.set(key, known);
    }
    return known;
  };
  for (const change of changes) {
    if (change.author === change.node || sameEmail(change.author, principal.user.email)) {
      signed.push(change);
      continue;
    }
    const address = addresses.get(change.author)?.value;
    if (typeof address === 'string' && sameEmail(address, principal.user.email)) {
      signed.push(change);
      continue;
    }
    if (change.author.includes('@') || (typeof address === 'string' && (await isOtherAccount(address)))) {
      refused.push({
        id: change.id,
        code: 'AUTHOR_OTHER_ACCOUNT',
        reason: change.author.includes('@')
          ? `Change ${change.id} is signed with the address ${change.author}, not yours (${principal.user.email}); it will never be stored.`
          : `Change ${change.id} is signed by member ${change.author}, who is the account ${String(address)}, not you (${principal.user.email}); it will never be stored.`,
      });
      continue;
    }
    refused.push({
      id: change.id,
      code: 'AUTHOR_MISMATCH',
      reason:
        typeof address === 'string' && address.trim() !== ''
          ? `Change ${change.id} is signed by member ${change.author}, who is ${address}, not you (${principal.user.email}); it was not stored.`
          : `Change ${change.id} is signed by ${change.author}, which is no member of this campaign with your address (${principal.user.email}); it was not stored.`,
    });
  }
  return { signed, refused };
}
