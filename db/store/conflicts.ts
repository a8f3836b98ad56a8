import type { JsonValue } from '../../shared/sync/change';
import { columnSpec, type TableName } from '../../shared/sync/schema';
import type { StoreCore } from './core';

/**
 * Open conflicts of judgement and lww fields. They are computed from all of a field's versions, so
 * that they are the same on every replica whatever the arrival order: a version is a conflict when
 * it is not the winner, the winner's author had not seen it (its hlc is after the winner's `prev`),
 * no later version replaced it knowingly (no version has it as `prev`), and its value differs.
 * A judgement conflict asks the user to choose; an lww one (`automatic`) was resolved by the last
 * writer, and is kept so that the losing value stays visible and can be restored in one step.
 */

/** `judgement`: the user chooses; `automatic`: last writer won, the loser is shown with a restore. */
export type ConflictKind = 'judgement' | 'automatic';

export interface Conflict {
  /** The id of the losing version (its hlc): the handle to resolve the conflict. */
  readonly id: string;
  readonly kind: ConflictKind;
  readonly table: TableName;
  readonly rowId: string;
  readonly column: string;
  readonly campaign: string;
  readonly winner: { readonly hlc: string; readonly value: JsonValue; readonly node: string; readonly author: string };
  readonly loser: { readonly hlc: string; readonly value: JsonValue; readonly node: string; readonly author: string };
}

export type ConflictChoice = 'mine' | 'theirs' | 'winner' | 'loser';

interface ConflictRow {
  readonly loser_hlc: string;
  readonly tbl: string;
  readonly row_id: string;
  readonly col: string;
  readonly campaign: string;
  readonly winner_hlc: string;
  readonly loser_value: string;
  readonly loser_node: string;
  readonly loser_author: string;
}

export interface VersionRow {
  readonly hlc: string;
  readonly prev: string | null;
  readonly value: string;
}

export function listConflicts(
  core: StoreCore,
  filter: { campaign?: string; table?: TableName; rowId?: string } = {},
): Conflict[] {
  const rows = core
    .stmt(
      `SELECT * FROM conflicts WHERE (@campaign IS NULL OR campaign = @campaign) AND (@tbl IS NULL OR tbl = @tbl) AND (@row IS NULL OR row_id = @row)
       ORDER BY tbl, row_id, col, loser_hlc`,
    )
    .all({ campaign: filter.campaign ?? null, tbl: filter.table ?? null, row: filter.rowId ?? null }) as ConflictRow[];
  return rows.map((row) => {
    const winner = core.stmt('SELECT node, author, value FROM changes WHERE id = ?').get(row.winner_hlc) as
      { node: string; author: string; value: string } | undefined;
    return {
      id: row.loser_hlc,
      kind: columnSpec(row.tbl, row.col)?.kind === 'judgement' ? 'judgement' : 'automatic',
      table: row.tbl as TableName,
      rowId: row.row_id,
      column: row.col,
      campaign: row.campaign,
      winner: {
        hlc: row.winner_hlc,
        value: winner ? (JSON.parse(winner.value) as JsonValue) : null,
        node: winner?.node ?? '',
        author: winner?.author ?? '',
      },
      loser: {
        hlc: row.loser_hlc,
        value: JSON.parse(row.loser_value) as JsonValue,
        node: row.loser_node,
        author: row.loser_author,
      },
    };
  });
}

/**
 * The value that resolves a conflict on this node: 'mine' keeps this node's version (the winner
 * when neither side is this node's), 'theirs' the other; 'winner'/'loser' name a side directly.
 */
export function chosenValue(conflict: Conflict, choice: ConflictChoice, node: string): JsonValue {
  const mineIsLoser = conflict.loser.node === node && conflict.winner.node !== node;
  const keepLoser = choice === 'loser' || (choice === 'mine' && mineIsLoser) || (choice === 'theirs' && !mineIsLoser);
  return keepLoser ? conflict.loser.value : conflict.winner.value;
}

/** Recomputes the open conflicts of one field; returns how many are new. */
export function refreshConflicts(
  core: StoreCore,
  table: string,
  rowId: string,
  column: string,
  campaign: string,
): number {
  const winner = core
    .stmt('SELECT hlc, prev, value FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?')
    .get(table, rowId, column) as VersionRow | undefined;
  if (!winner) return 0;
  const versions = core
    .stmt('SELECT id, node, author, value, prev FROM changes WHERE tbl = ? AND row_id = ? AND col = ?')
    .all(table, rowId, column) as Array<{
    id: string;
    node: string;
    author: string;
    value: string;
    prev: string | null;
  }>;
  const before = new Set(
    (
      core
        .stmt('SELECT loser_hlc FROM conflicts WHERE tbl = ? AND row_id = ? AND col = ?')
        .all(table, rowId, column) as Array<{ loser_hlc: string }>
    ).map((row) => row.loser_hlc),
  );
  const replaced = new Set(versions.map((version) => version.prev).filter((prev): prev is string => prev !== null));
  const seenUpTo = winner.prev ?? '';
  core.stmt('DELETE FROM conflicts WHERE tbl = ? AND row_id = ? AND col = ?').run(table, rowId, column);
  let fresh = 0;
  for (const version of versions) {
    if (
      version.id === winner.hlc ||
      version.id <= seenUpTo ||
      replaced.has(version.id) ||
      version.value === winner.value
    )
      continue;
    core
      .stmt(
        `INSERT INTO conflicts (loser_hlc, tbl, row_id, col, campaign, winner_hlc, loser_value, loser_node, loser_author)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(version.id, table, rowId, column, campaign, winner.hlc, version.value, version.node, version.author);
    if (!before.has(version.id)) fresh += 1;
  }
  return fresh;
}
