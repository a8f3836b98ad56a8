import { sameEmail } from '../shared/domain/email';
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
 * Because the address is what binds a member to an account, the address of a member row the
 * server already has is the team lead's to set, also the first time (otherwise a member could put
 * their own address on the lead's row and sign as the lead); GUARDED_FIELDS in
 * server/sync-service.ts keeps it so once set. A member row made in the same push may carry any
 * address: that lets only the addressee sign as it.
 */

function isMemberEmail(change: Change): boolean {
  return change.table === 'members' && change.column === 'email';
}

/** The member rows among these changes' that the log already has (every member row has a name). */
export async function loggedMemberRows(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  changes: readonly Change[],
): Promise<Set<string>> {
  const rowIds = [...new Set(changes.filter(isMemberEmail).map((change) => change.rowId))];
  if (rowIds.length === 0) return new Set();
  return new Set((await store.latestValues(tx, campaign, 'members', 'name', rowIds)).keys());
}

/** A first address for a member row the server already has, set by someone other than the team lead. */
export function refuseMemberAddress(
  change: Change,
  current: { value: JsonValue } | undefined,
  loggedRows: ReadonlySet<string>,
): RefusedChange | null {
  if (!isMemberEmail(change) || current !== undefined || !loggedRows.has(change.rowId)) return null;
  if (change.value === null || (typeof change.value === 'string' && change.value.trim() === '')) return null;
  return {
    id: change.id,
    code: 'FIELD_SERVER_OWNED',
    reason: `The address of member ${change.rowId} ties the member to an account; only the team lead sets it. Your change was not applied.`,
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
