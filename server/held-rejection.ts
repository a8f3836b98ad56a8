import type { Change, JsonValue } from '../shared/sync/change';
import { columnSpec } from '../shared/sync/schema';
import { revertTextUpdate, updateAddsNothing } from '../shared/sync/text-revert';
import type { SqlExecutor } from './store/sql';
import type { ServerStore } from './store/store';

/**
 * What the server logs when a coordinator rejects a held edit, so that the laptop that made the
 * edit (which applied it when it was typed) converges back to the approved value on its next pull:
 *
 * - a last-writer-wins field: the approved value again, stamped after the rejected one;
 * - a shared text (Yjs): the rejected update itself and then an update that undoes it
 *   (shared/sync/text-revert.ts). The undo names the rejected update's items, so every laptop
 *   needs both for the texts to stay the same everywhere; the rejected words end up deleted in
 *   every copy.
 *
 * A field of a row the log has never seen (a row made inside an approved visit) gets nothing:
 * writing it would create that row on every laptop. The edit's author is told about the
 * rejection either way, with the text they wrote (`editedText`).
 */
export interface Rejection {
  /** Changes to log: [the rejected change, its revert] for a text, [a correction] for a field, or none. */
  readonly changes: readonly { readonly change: Change; readonly pushedBy: 'author' | 'server' }[];
  readonly editedText: string;
}

/** A server-written change of one field (stamped by the server's clock, after `after`). */
export type ServerChangeFactory = (
  table: string,
  rowId: string,
  column: string,
  value: JsonValue,
  prev: string | null,
  after: string | null,
) => Change;

function valueText(value: JsonValue): string {
  return typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value);
}

function decode(value: JsonValue): Uint8Array | null {
  if (typeof value !== 'string' || value === '') return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.byteLength > 0 ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}

export async function rejectionOf(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  rejected: Change,
  serverChange: ServerChangeFactory,
): Promise<Rejection> {
  const spec = columnSpec(rejected.table, rejected.column);
  if (spec?.kind === 'text') {
    const update = decode(rejected.value);
    const approved = (await store.fieldValues(tx, campaign, rejected.table, rejected.rowId, rejected.column))
      .map(decode)
      .filter((bytes): bytes is Uint8Array => bytes !== null);
    if (!update) return { changes: [], editedText: '' };
    const result = revertTextUpdate(approved, update, spec.root ?? 'text');
    const known = approved.length > 0 || (await store.rowLogged(tx, campaign, rejected.table, rejected.rowId));
    if (!result.revert || !known) return { changes: [], editedText: result.editedText };
    const revert = serverChange(
      rejected.table,
      rejected.rowId,
      rejected.column,
      Buffer.from(result.revert).toString('base64'),
      rejected.hlc,
      rejected.hlc,
    );
    return {
      changes: [
        { change: rejected, pushedBy: 'author' },
        { change: revert, pushedBy: 'server' },
      ],
      editedText: result.editedText,
    };
  }
  const current = (await store.latestValues(tx, campaign, rejected.table, rejected.column, [rejected.rowId])).get(
    rejected.rowId,
  );
  const editedText = valueText(rejected.value);
  // Nothing to restore, or a later value already wins over the rejected one everywhere.
  if (!current || current.hlc > rejected.hlc) return { changes: [], editedText };
  const correction = serverChange(
    rejected.table,
    rejected.rowId,
    rejected.column,
    current.value,
    current.hlc,
    rejected.hlc,
  );
  return { changes: [{ change: correction, pushedBy: 'server' }], editedText };
}

/**
 * Of the shared-text changes about to be held, those that add nothing to the field's logged and
 * held updates: a laptop's compaction snapshot of a text whose edit is held (or was rejected and
 * logged with its revert). They are answered as duplicates instead of asking the coordinator to
 * decide the same edit again.
 */
export async function redundantTextHolds(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  holds: readonly Change[],
): Promise<Set<string>> {
  const texts = holds.filter((change) => columnSpec(change.table, change.column)?.kind === 'text');
  const redundant = new Set<string>();
  if (texts.length === 0) return redundant;
  const fieldOf = (change: Change) => `${change.table}\u0000${change.rowId}\u0000${change.column}`;
  const pending = new Map<string, Uint8Array[]>();
  for (const change of await store.pendingHeld(tx, campaign)) {
    const bytes = decode(change.value);
    if (bytes) pending.set(fieldOf(change), [...(pending.get(fieldOf(change)) ?? []), bytes]);
  }
  const logged = new Map<string, Uint8Array[]>();
  for (const change of texts) {
    const key = fieldOf(change);
    const update = decode(change.value);
    if (!update) continue;
    let known = logged.get(key);
    if (!known) {
      known = (await store.fieldValues(tx, campaign, change.table, change.rowId, change.column))
        .map(decode)
        .filter((bytes): bytes is Uint8Array => bytes !== null);
      logged.set(key, known);
    }
    if (updateAddsNothing([...known, ...(pending.get(key) ?? [])], update)) redundant.add(change.id);
    // A later change of the batch may be a snapshot of this one.
    else pending.set(key, [...(pending.get(key) ?? []), update]);
  }
  return redundant;
}
