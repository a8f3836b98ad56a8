import { TABLE_NAMES, columnsOf } from '../../shared/sync/schema';
import type { ChangeApplier } from './apply';
import type { StoreCore } from './core';
import { textState } from './reads';
import { encodeBase64 } from './text';

/** "table.column" of every shared-text column. */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(
  TABLE_NAMES.flatMap((table) =>
    columnsOf(table)
      .filter(([, spec]) => spec.kind === 'text')
      .map(([column]) => `${table}.${column}`),
  ),
);

/**
 * Replaces the Yjs update changes of each text field that the server already stores (local
 * seq up to `throughSeq`: the sync engine's push cursor, optionally of one campaign) by one
 * snapshot change holding the field's merged state. Yjs updates are idempotent and
 * commutative, so the snapshot is safe to apply on any replica whatever it has seen, and no
 * concurrent edit is lost. The snapshot is a new local change (it is pushed like any other).
 * Returns the number of update changes removed.
 *
 * Only a field with at least two edits made on this laptop is compacted: a laptop never
 * re-snapshots what others sent it (their updates, their snapshots), so compaction is
 * idempotent across laptops and a round without edits adds nothing to the server's log (it
 * used to grow by a snapshot per laptop per round, each snapshotting the other's).
 */
export function compactTexts(
  core: StoreCore,
  applier: ChangeApplier,
  options: { throughSeq: number; campaign?: string },
): number {
  const cursor = options.throughSeq;
  if (!Number.isSafeInteger(cursor) || cursor <= 0) return 0;
  return core.transaction(() => {
    const fields = core
      .stmt(
        `SELECT tbl, row_id, col, campaign, sum(source = 'local' AND node = @node) AS n FROM changes WHERE seq <= @cursor AND (@campaign IS NULL OR campaign = @campaign)
         GROUP BY tbl, row_id, col HAVING n > 1`,
      )
      .all({ cursor, campaign: options.campaign ?? null, node: core.node }) as Array<{
      tbl: string;
      row_id: string;
      col: string;
      campaign: string;
      n: number;
    }>;
    let removed = 0;
    for (const field of fields) {
      if (!TEXT_COLUMNS.has(`${field.tbl}.${field.col}`)) continue;
      const state = textState(core, field.tbl, field.row_id, field.col);
      const deleted = core
        .stmt('DELETE FROM changes WHERE tbl = ? AND row_id = ? AND col = ? AND seq <= ?')
        .run(field.tbl, field.row_id, field.col, cursor);
      removed += deleted.changes;
      const snapshot = core.localChange(field.tbl, field.row_id, field.campaign, field.col, encodeBase64(state));
      applier.apply([{ change: snapshot, json: JSON.stringify(snapshot.value), update: state }], 'local');
    }
    return removed;
  });
}
