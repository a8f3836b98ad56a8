import type { LocalStore } from '../../db/store/store';
import { UNDOABLE_FIELDS, type UndoStep, type UndoTable } from '../../shared/contract/undo';
import { ServiceError } from '../errors';

export interface RowRef {
  readonly table: UndoTable;
  readonly id: string;
}

type Snapshot = Map<string, Record<string, unknown> | undefined>;

const refKey = (ref: RowRef) => `${ref.table}|${ref.id}`;

function snapshot(store: LocalStore, refs: readonly RowRef[]): Snapshot {
  const rows: Snapshot = new Map();
  for (const ref of refs)
    rows.set(
      refKey(ref),
      store.get(ref.table, ref.id, { includeDeleted: true }) as Record<string, unknown> | undefined,
    );
  return rows;
}

/**
 * Runs an edit and answers, with its result, the writes that take it back: for every record the
 * edit may touch (`before`, listed by the caller before it runs, plus the records it created,
 * `created`), the undoable fields and the tombstone as they were. Generic over the edits and the
 * tables (UNDOABLE_FIELDS), so a SWOT merge, a split, a retire in the set-up lists and the rest
 * share one inverse rule instead of one hand-written undo each.
 */
export function withInverse<T>(
  store: LocalStore,
  before: readonly RowRef[],
  run: () => T,
  created: (result: T) => readonly RowRef[] = () => [],
): { result: T; undo: UndoStep[] } {
  return store.transaction(() => {
    const old = snapshot(store, before);
    const result = run();
    const refs = [...before, ...created(result)];
    const now = snapshot(store, refs);
    const undo: UndoStep[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      const key = refKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      const was = old.get(key);
      const is = now.get(key);
      if (!is) continue;
      if (!was) {
        // Created by the edit: undoing removes it (a tombstone, like every delete).
        undo.push({ table: ref.table, rowId: ref.id, values: {}, deleted: true } as UndoStep);
        continue;
      }
      const values: Record<string, unknown> = {};
      for (const column of UNDOABLE_FIELDS[ref.table]) {
        if (JSON.stringify(was[column] ?? null) !== JSON.stringify(is[column] ?? null))
          values[column] = was[column] ?? (column === 'lemma_id' ? null : '');
      }
      const deletedChanged = Boolean(was.deleted) !== Boolean(is.deleted);
      if (Object.keys(values).length > 0 || deletedChanged) {
        undo.push({
          table: ref.table,
          rowId: ref.id,
          values,
          ...(deletedChanged ? { deleted: Boolean(was.deleted) } : {}),
        } as UndoStep);
      }
    }
    return { result, undo };
  });
}

/** How a step is signed: the author a write of that table in that campaign records. */
export type UndoSigner = (table: UndoTable, campaignId: string) => { readonly author?: string };

/**
 * Writes undo steps through the store as the user's edits, restores first and deletes last
 * (items can then point at a restored lemma), all in one transaction; answers their own inverse.
 */
export function applyUndo(
  store: LocalStore,
  steps: readonly UndoStep[],
  signer: UndoSigner,
): { applied: number; undo: UndoStep[] } {
  const campaigns = new Set<string>();
  for (const step of steps) {
    const row = store.get(step.table, step.rowId, { includeDeleted: true });
    if (!row) throw new ServiceError('NOT_FOUND', `No ${step.table} record ${step.rowId}`);
    campaigns.add(row.campaign_id);
  }
  if (campaigns.size !== 1) throw new ServiceError('INVALID_INPUT', 'An undo covers the records of one campaign');
  const campaignId = [...campaigns][0] as string;
  const order = (step: UndoStep) => (step.deleted === false ? 0 : step.deleted === true ? 2 : 1);
  const sorted = [...steps].sort((a, b) => order(a) - order(b));
  const { undo } = withInverse(
    store,
    steps.map((step) => ({ table: step.table, id: step.rowId })),
    () => {
      for (const step of sorted) {
        const signed = signer(step.table, campaignId);
        if (step.deleted === false) store.restore(step.table, step.rowId, signed);
        if (Object.keys(step.values).length > 0) store.update(step.table, step.rowId, step.values as never, signed);
        if (step.deleted === true) store.remove(step.table, step.rowId, signed);
      }
    },
  );
  return { applied: steps.length, undo };
}
