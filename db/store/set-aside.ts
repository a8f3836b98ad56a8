import type { Change, JsonValue } from '../../shared/sync/change';
import { ClockSkewError } from '../../shared/sync/hlc';
import type { ReasonCode } from '../../shared/sync/reasons';
import type { ApplyReport } from '../../shared/sync/replica';
import { columnSpec, isTableName, type TableName } from '../../shared/sync/schema';
import { revertTextUpdate } from '../../shared/sync/text-revert';
import type { StoreCore } from './core';
import { ChangeRejectedError } from './errors';
import type { ApplyOptions, RemoteSource } from './remote';
import { decodeBase64 } from './text';

/**
 * What the user does with the changes this laptop set aside (deferred_changes with a reason code,
 * see remote.ts and migration 006): list them per campaign, try one again once its cause is fixed
 * (through the same apply path as when it arrived), or discard it, which moves it to
 * discarded_changes with who discarded it and when (migration 010) so it is never tried again.
 *
 * A change made here that the server refused for good (source `push`, e.g. AUTHOR_OTHER_ACCOUNT:
 * signed as a member who is another account) is set aside too, so the person sees it and the
 * engine stops sending it: it stays in the log and applied on this laptop (nothing is lost), is
 * never retried (no mending makes the server take it) and a discard only records that it was seen.
 */

/** Where a set-aside change came from: a remote source, or this laptop's own change the server refused for good. */
export type SetAsideOrigin = RemoteSource | 'push';

export interface StoredSetAside {
  readonly change: Change;
  readonly code: ReasonCode;
  readonly reason: string;
  readonly source: SetAsideOrigin;
}

export type RetryOutcome =
  { readonly state: 'applied' } | { readonly state: 'refused'; readonly code: ReasonCode; readonly reason: string };

type Apply = (changes: readonly Change[], source: RemoteSource, options: ApplyOptions) => ApplyReport;

interface Row {
  change: string;
  code: ReasonCode;
  reason: string;
  source: SetAsideOrigin;
}

function parse(row: Row): StoredSetAside {
  return { change: JSON.parse(row.change) as Change, code: row.code, reason: row.reason, source: row.source };
}

/** The changes of a campaign set aside because they could not be applied here, newest first. */
export function listSetAsideOf(core: StoreCore, campaign: string, limit = 200): StoredSetAside[] {
  const rows = core
    .stmt(
      `SELECT change, code, reason, source FROM deferred_changes
       WHERE code IS NOT NULL AND json_extract(change, '$.campaign') = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(campaign, limit) as Row[];
  return rows.map(parse);
}

/** How many changes of a campaign are set aside. */
export function countSetAside(core: StoreCore, campaign: string): number {
  const row = core
    .stmt(
      `SELECT count(*) AS n FROM deferred_changes WHERE code IS NOT NULL AND json_extract(change, '$.campaign') = ?`,
    )
    .get(campaign) as { n: number };
  return row.n;
}

/** How many changes are set aside, per campaign (only campaigns with any). */
export function countSetAsideByCampaign(core: StoreCore): Array<{ campaign: string; count: number }> {
  return core
    .stmt(
      `SELECT json_extract(change, '$.campaign') AS campaign, count(*) AS count FROM deferred_changes
       WHERE code IS NOT NULL GROUP BY 1 HAVING typeof(campaign) = 'text' ORDER BY 1`,
    )
    .all() as Array<{ campaign: string; count: number }>;
}

function find(core: StoreCore, campaign: string, id: string): StoredSetAside | null {
  const row = core
    .stmt(
      `SELECT change, code, reason, source FROM deferred_changes
       WHERE id = ? AND code IS NOT NULL AND json_extract(change, '$.campaign') = ?`,
    )
    .get(id, campaign) as Row | undefined;
  return row ? parse(row) : null;
}

/**
 * Tries a set-aside change again through the apply path it first met: applied, it leaves the list;
 * still refused, it stays set aside with today's reason. Null when there is no such change.
 */
export function retrySetAside(core: StoreCore, apply: Apply, campaign: string, id: string): RetryOutcome | null {
  const stored = find(core, campaign, id);
  if (!stored) return null;
  // Refused for good by the server: trying again here changes nothing.
  const source = stored.source;
  if (source === 'push') return { state: 'refused', code: stored.code, reason: stored.reason };
  // A relayed change nobody could verify: applying it here would take it on the relayer's word
  // after all. It leaves the list when it arrives verified (remote.ts clearVerified).
  if (stored.code === 'RELAYED_UNVERIFIED') return { state: 'refused', code: stored.code, reason: stored.reason };
  try {
    return core.transaction((): RetryOutcome => {
      core.stmt('DELETE FROM deferred_changes WHERE id = ?').run(id);
      const report = apply([stored.change], source, { setAside: true });
      const refused = report.setAside?.find((item) => item.change.id === id);
      return refused ? { state: 'refused', code: refused.code, reason: refused.reason } : { state: 'applied' };
    });
  } catch (error) {
    // Refused whole (a clock far ahead, a value nested too deep): it stays as it was.
    if (error instanceof ClockSkewError) return { state: 'refused', code: 'CLOCK_SKEW', reason: error.message };
    if (error instanceof ChangeRejectedError) return { state: 'refused', code: error.code, reason: error.message };
    throw error;
  }
}

/**
 * Sets aside changes of this laptop's log that the server refused for good (source `push`): they
 * stay applied here and are listed with the reason. Returns how many were newly set aside (a
 * discarded one is not set aside again: the trigger of migration 010 ignores it).
 */
export function setAsidePushed(
  core: StoreCore,
  refused: readonly { readonly change: Change; readonly code: ReasonCode; readonly reason: string }[],
): number {
  let added = 0;
  core.transaction(() => {
    for (const { change, code, reason } of refused)
      added += core
        .stmt(
          'INSERT OR IGNORE INTO deferred_changes (id, schema, source, change, code, reason) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(change.id, change.schema, 'push', JSON.stringify(change), code, reason).changes;
  });
  return added;
}

/** Discards a set-aside change for good, recording who did it and when; false when there is no such change. */
export function discardSetAside(core: StoreCore, campaign: string, id: string, by: string, now = new Date()): boolean {
  const stored = find(core, campaign, id);
  if (!stored) return false;
  core.transaction(() => {
    core
      .stmt(
        `INSERT INTO discarded_changes (id, campaign, source, change, code, reason, discarded_at, discarded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        campaign,
        stored.source,
        JSON.stringify(stored.change),
        stored.code,
        stored.reason,
        now.toISOString(),
        by,
      );
    core.stmt('DELETE FROM deferred_changes WHERE id = ?').run(id);
  });
  return true;
}

export interface DiscardedChange {
  readonly change: Change;
  readonly code: ReasonCode | null;
  readonly discardedAt: string;
  readonly discardedBy: string;
}

/** The record of discarded changes of a campaign, newest discard first. */
export function listDiscarded(core: StoreCore, campaign: string, limit = 200): DiscardedChange[] {
  const rows = core
    .stmt(
      `SELECT change, code, discarded_at, discarded_by FROM discarded_changes
       WHERE campaign = ? ORDER BY discarded_at DESC, id DESC LIMIT ?`,
    )
    .all(campaign, limit) as Array<{
    change: string;
    code: ReasonCode | null;
    discarded_at: string;
    discarded_by: string;
  }>;
  return rows.map((row) => ({
    change: JSON.parse(row.change) as Change,
    code: row.code,
    discardedAt: row.discarded_at,
    discardedBy: row.discarded_by,
  }));
}

/** What undoing a refused change here did: the value put back, or nothing to do (the server already put it back). */
export type UndoOutcome = 'restored' | 'removed' | 'unchanged';

/** The local writes an undo makes (the store's own, so the undo is a change like any edit: logged, durable, synced). */
export interface UndoWrites {
  readonly currentValue: (table: TableName, rowId: string, column: string) => unknown;
  readonly setValue: (table: TableName, rowId: string, column: string, value: JsonValue) => void;
  readonly removeRow: (table: TableName, rowId: string) => void;
  readonly applyTextUpdate: (table: TableName, rowId: string, column: string, update: Uint8Array) => void;
}

/**
 * Takes back, on this laptop, a change made here that the server refused for good (source
 * `push`): the field gets back the last value that stands without it (the newest other change of
 * that field in the log that is not itself refused), written as a new local change signed by the
 * laptop, so it is durable and the server and the partner get the same value; a row only the
 * refused changes made is removed (a tombstone); a shared text gets an update that undoes the
 * refused one (shared/sync/text-revert.ts, as for a rejected held edit). Then the card is
 * recorded as discarded by `by`. Null when there is no such refused change.
 */
export function undoPushedSetAside(
  core: StoreCore,
  writes: UndoWrites,
  campaign: string,
  id: string,
  by: string,
  now = new Date(),
): UndoOutcome | null {
  const stored = find(core, campaign, id);
  if (!stored || stored.source !== 'push') return null;
  const { table, rowId, column } = stored.change;
  if (!isTableName(table)) return null;
  // The field's other changes, oldest first, without any this laptop's server refused for good.
  const rows = core
    .stmt(
      `SELECT id, value FROM changes
       WHERE tbl = ? AND row_id = ? AND col = ? AND campaign = ? AND id != ?
         AND id NOT IN (SELECT id FROM deferred_changes WHERE source = 'push')
       ORDER BY id`,
    )
    .all(table, rowId, column, campaign, id) as Array<{ id: string; value: string }>;
  const spec = columnSpec(table, column);
  let outcome: UndoOutcome = 'unchanged';
  core.transaction(() => {
    if (spec?.kind === 'text') {
      const decode = (value: unknown) => (typeof value === 'string' ? decodeBase64(value) : null);
      const approved = rows.map((row) => decode(JSON.parse(row.value))).filter((update) => update !== null);
      const rejected = decode(stored.change.value);
      if (rejected) {
        const { revert } = revertTextUpdate(approved, rejected, spec.root ?? 'text');
        if (revert) {
          writes.applyTextUpdate(table, rowId, column, revert);
          outcome = 'restored';
        }
      }
    } else if (rows.length === 0) {
      // Only refused changes made this row: it goes (when it is here at all).
      if (column !== 'deleted' && writes.currentValue(table, rowId, 'deleted') === false) {
        writes.removeRow(table, rowId);
        outcome = 'removed';
      }
    } else {
      const previous = JSON.parse((rows[rows.length - 1] as { value: string }).value) as JsonValue;
      if (JSON.stringify(writes.currentValue(table, rowId, column)) !== JSON.stringify(previous)) {
        writes.setValue(table, rowId, column, previous);
        outcome = 'restored';
      }
    }
    discardSetAside(core, campaign, id, by, now);
  });
  return outcome;
}
