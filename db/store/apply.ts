import type { SqliteStatement as Statement } from '../connection';
import type { Change } from '../../shared/sync/change';
import type { ChangeSourceKind, SetAsideChange } from '../../shared/sync/replica';
import type { ReasonCode } from '../../shared/sync/reasons';
import { MAX_TEXT_UPDATE_CHARS, columnSpec, type ColumnSpec, type TableName } from '../../shared/sync/schema';
import { checkChangeRules } from '../../shared/sync/validate';
import { toStorage } from './codec';
import { refreshConflicts, type VersionRow } from './conflicts';
import type { StoreCore } from './core';
import { ChangeRejectedError } from './errors';
import { OWN_ID_COLUMNS } from './own-ids';
import { evictClaim, ownsByConstruction } from './row-claims';
import { decodeBase64, mergeUpdate, type MergedText } from './text';

/**
 * The one apply path of local and remote changes: checking a change against the registry, then
 * writing it to the log, merging it into its field (lww, judgement, text) and materializing the
 * winner in the domain table, in the caller's transaction.
 *
 * Merge rules (see shared/sync/schema.ts for the kinds):
 * - lww / judgement: the field's winner is the change with the greatest hlc (field_versions).
 * - judgement: the open conflicts of a field are recomputed from all of its versions (conflicts.ts).
 * - lww: the same rule keeps a concurrent loser visible as an automatic resolution ("theirs kept,
 *   yours was …", conflicts.ts), but only when the incoming change and the field's winner did not
 *   see each other: a sequential edit costs one point read and closes the field's conflicts.
 * - text: every Yjs update is merged into the field's state; the domain column holds the text.
 * - Deletes are the lww boolean field `deleted`. An edit concurrent with a delete is merged into
 *   the row's fields but does not undelete it: the row stays deleted until someone restores it,
 *   and then shows every edit, so nothing typed is lost.
 */

/** A checked change on its way into the log, with what checking it already computed. */
export interface Incoming {
  readonly change: Change;
  /** JSON text of the value, as the log keeps it. */
  readonly json: string;
  /** For a shared text: the decoded Yjs update. */
  readonly update?: Uint8Array;
  /** For a local text edit: the merged state it makes (nothing to merge again). */
  readonly merged?: MergedText;
}

export type Verdict =
  | { readonly ok: true; readonly update?: Uint8Array }
  | { readonly ok: false; readonly code: ReasonCode; readonly reason: string };

/**
 * Whether a change may be applied, with the decoded Yjs update of a shared text. A well-formed
 * text update takes a fast path: canonical base64 within the size limit is exactly what its
 * registry entry accepts (a base64 string of at most MAX_TEXT_UPDATE_CHARS), and it is decoded
 * once here for the merge.
 */
export function verifyChange(change: Change, index: number, total: number): Verdict {
  const spec = columnSpec(change.table, change.column);
  if (spec?.kind === 'text' && !(change.table === 'campaigns' && change.rowId !== change.campaign)) {
    const value = change.value;
    const update = typeof value === 'string' && value.length <= MAX_TEXT_UPDATE_CHARS ? decodeBase64(value) : null;
    if (update) return { ok: true, update };
  }
  return checkChange(change, index, total);
}

/** The one change validation's rules (shared/sync/validate.ts), with the store's message. */
function checkChange(change: Change, index: number, total: number): Verdict {
  const verdict = checkChangeRules(change, JSON.stringify(change.value), { schemaVersion: Number.MAX_SAFE_INTEGER });
  if (verdict.ok) return { ok: true };
  return {
    ok: false,
    code: verdict.code,
    reason: `Change ${index + 1} of ${total} (${change.id}) refused: ${verdict.message}; nothing was applied.`,
  };
}

export class ChangeApplier {
  /** Upserts of a domain row, by table and column list (see flushMaterialized). */
  private readonly rowUpserts = new Map<string, Statement>();
  /** Fields of one row waiting to be written to its domain table (see materialize). */
  private pendingRow: {
    table: string;
    rowId: string;
    campaign: string;
    changeId: string;
    values: Map<string, string | number | null>;
  } | null = null;

  /** The last row whose campaign was checked (see claimRow): a row's fields come together. */
  private claimed = '';
  /** Changes set aside by evicting a forged claim during the current call. */
  private evicted: SetAsideChange[] = [];

  constructor(private readonly core: StoreCore) {}

  /**
   * Applies checked changes; the caller holds the transaction. `context`: the whole batch these
   * items are part of, when they are applied one by one (their rows' creating values).
   */
  apply(
    items: readonly Incoming[],
    source: ChangeSourceKind,
    onProgress?: (done: number, total: number) => void,
    context: readonly Incoming[] = items,
  ): { applied: number; duplicates: number; conflicts: number; autoResolved: number; evicted: SetAsideChange[] } {
    const core = this.core;
    this.claimed = '';
    this.evicted = [];
    let applied = 0;
    let duplicates = 0;
    let conflicts = 0;
    let autoResolved = 0;
    const insert = core.stmt(
      `INSERT OR IGNORE INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const newest = new Map<string, { campaign: string; node: string; hlc: string }>();
    const getVersion = core.stmt(
      'SELECT hlc, prev, value FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?',
    );
    const putVersion = core.stmt(
      `INSERT INTO field_versions (tbl, row_id, col, hlc, prev, value) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, prev = excluded.prev, value = excluded.value`,
    );
    const clearConflicts = core.stmt('DELETE FROM conflicts WHERE tbl = ? AND row_id = ? AND col = ?');
    // When each row was created (migration 008): its earliest change, whatever order they arrive in.
    const putOrigin = core.stmt(
      `INSERT INTO row_origins (tbl, campaign, row_id, first_change) VALUES (?, ?, ?, ?)
       ON CONFLICT (tbl, campaign, row_id) DO UPDATE SET first_change = excluded.first_change
       WHERE excluded.first_change < row_origins.first_change`,
    );
    // A row's fields usually come together, oldest first: one origin write per row, not per field.
    let lastOrigin = { key: '', id: '' };
    const total = items.length;
    try {
      for (let index = 0; index < total; index += 1) {
        const item = items[index] as Incoming;
        const change = item.change;
        const inserted = insert.run(
          change.id,
          change.node,
          change.author,
          change.campaign,
          change.table,
          change.rowId,
          change.column,
          item.json,
          change.prev,
          change.schema,
          source,
        );
        if (inserted.changes === 0) {
          duplicates += 1;
        } else {
          applied += 1;
          const originKey = `${change.table}\u0000${change.campaign}\u0000${change.rowId}`;
          if (originKey !== lastOrigin.key || change.id < lastOrigin.id) {
            putOrigin.run(change.table, change.campaign, change.rowId, change.id);
            lastOrigin = { key: originKey, id: change.id };
          }
          this.claimRow(change, source, context);
          core.commits.record(source, change.campaign, change.table as TableName, change.rowId);
          const key = `${change.campaign}\u0000${change.node}`;
          const seen = newest.get(key);
          if (!seen || change.id > seen.hlc)
            newest.set(key, { campaign: change.campaign, node: change.node, hlc: change.id });
          const spec = columnSpec(change.table, change.column) as ColumnSpec;
          if (spec.kind === 'text') {
            this.mergeText(item);
          } else if (spec.kind === 'judgement') {
            const current = getVersion.get(change.table, change.rowId, change.column) as VersionRow | undefined;
            if (!current || change.hlc > current.hlc) {
              putVersion.run(change.table, change.rowId, change.column, change.hlc, change.prev, item.json);
              this.materialize(change, toStorage(spec, change.value));
            } else {
              this.assertCampaign(change);
            }
            // The first version of a field cannot conflict with anything.
            if (current)
              conflicts += refreshConflicts(core, change.table, change.rowId, change.column, change.campaign);
          } else {
            const current = getVersion.get(change.table, change.rowId, change.column) as VersionRow | undefined;
            if (!current || change.hlc > current.hlc) {
              putVersion.run(change.table, change.rowId, change.column, change.hlc, change.prev, item.json);
              this.materialize(change, toStorage(spec, change.value));
              if (current) {
                // The replaced winner was unseen by this change: it may be a concurrent loser.
                if (current.hlc > (change.prev ?? ''))
                  autoResolved += refreshConflicts(core, change.table, change.rowId, change.column, change.campaign);
                // Every version is at most the replaced winner, which this change saw: nothing is open.
                else clearConflicts.run(change.table, change.rowId, change.column);
              }
            } else {
              this.assertCampaign(change);
              // A loser the winner had not seen (a later one it had seen cannot change anything).
              if (change.hlc > (current.prev ?? ''))
                autoResolved += refreshConflicts(core, change.table, change.rowId, change.column, change.campaign);
            }
          }
        }
        if (onProgress && (index % 500 === 499 || index === total - 1)) onProgress(index + 1, total);
      }
      this.flushMaterialized();
    } finally {
      // On an error the transaction rolls back: nothing queued may leak into a later call.
      this.pendingRow = null;
      this.claimed = '';
    }
    const bump = core.stmt(
      'INSERT INTO node_clock (campaign, node, hlc) VALUES (?, ?, ?) ON CONFLICT (campaign, node) DO UPDATE SET hlc = max(hlc, excluded.hlc)',
    );
    for (const entry of newest.values()) bump.run(entry.campaign, entry.node, entry.hlc);
    return { applied, duplicates, conflicts, autoResolved, evicted: this.evicted };
  }

  /**
   * A row id is one campaign's (db/store/row-claims.ts): before a change of campaign C touches
   * row R, R must not be held by another campaign, unless C owns R by construction, in which case
   * the other campaign's forged claim is evicted (set aside) first. Otherwise the change is
   * refused with ROW_OF_OTHER_CAMPAIGN before it merges into anything of the holder's row.
   */
  private claimRow(change: Change, source: ChangeSourceKind, context: readonly Incoming[]): void {
    if (change.table === 'campaigns') return;
    const key = `${change.campaign}\u0000${change.table}\u0000${change.rowId}`;
    if (key === this.claimed) return;
    const pending = this.pendingRow;
    if (pending && pending.table === change.table && pending.rowId === change.rowId) this.flushMaterialized();
    const held = this.core.stmt(`SELECT campaign_id FROM "${change.table}" WHERE id = ?`).get(change.rowId) as
      { campaign_id: string } | undefined;
    if (held && held.campaign_id !== change.campaign) {
      if (!this.ownsRow(change, context)) {
        throw new ChangeRejectedError(
          `Change ${change.id} refused: ${change.table} row ${change.rowId} belongs to another campaign than ${change.campaign}; nothing was applied.`,
          undefined,
          'ROW_OF_OTHER_CAMPAIGN',
        );
      }
      this.evicted.push(
        ...evictClaim(this.core, change.table, change.rowId, held.campaign_id, change.campaign, source),
      );
    }
    this.claimed = key;
  }

  /** Whether the change's campaign owns its row by construction, counting the creating values still ahead in the batch. */
  private ownsRow(change: Change, context: readonly Incoming[]): boolean {
    const columns = OWN_ID_COLUMNS[change.table];
    if (!columns) return false;
    const ahead = context
      .map((item) => item.change)
      .filter(
        (next) =>
          next.campaign === change.campaign &&
          next.table === change.table &&
          next.rowId === change.rowId &&
          columns.includes(next.column),
      );
    return ownsByConstruction(this.core, change.campaign, change.table, change.rowId, ahead);
  }

  private mergeText(item: Incoming): void {
    const change = item.change;
    let merged = item.merged;
    if (!merged) {
      const update = item.update ?? decodeBase64(change.value as string);
      if (!update) throw new ChangeRejectedError(`Change ${change.id} refused: not base64`);
      const current = this.core
        .stmt('SELECT state FROM text_states WHERE tbl = ? AND row_id = ? AND col = ?')
        .get(change.table, change.rowId, change.column) as { state: Uint8Array } | undefined;
      try {
        merged = mergeUpdate(
          current ? new Uint8Array(current.state) : null,
          update,
          columnSpec(change.table, change.column)?.root ?? 'text',
        );
      } catch (error) {
        throw new ChangeRejectedError(
          `Change ${change.id} refused: ${change.table}.${change.column} is not a valid Yjs update (${error instanceof Error ? error.message : String(error)}); nothing was applied.`,
          { table: change.table, column: change.column },
          'BAD_TEXT_UPDATE',
        );
      }
    }
    this.core
      .stmt(
        `INSERT INTO text_states (tbl, row_id, col, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (tbl, row_id, col) DO UPDATE SET state = excluded.state`,
      )
      .run(change.table, change.rowId, change.column, merged.state);
    this.materialize(change, merged.text);
  }

  /**
   * Queues one field for its domain table; consecutive fields of the same row are written by one
   * upsert (flushMaterialized), which creates the row on its first change. A bundle lists a
   * row's fields together, so an import writes each row about once instead of once per field.
   */
  private materialize(change: Change, value: string | number | null): void {
    const pending = this.pendingRow;
    if (
      pending &&
      (pending.table !== change.table || pending.rowId !== change.rowId || pending.campaign !== change.campaign)
    )
      this.flushMaterialized();
    if (!this.pendingRow)
      this.pendingRow = {
        table: change.table,
        rowId: change.rowId,
        campaign: change.campaign,
        changeId: change.id,
        values: new Map(),
      };
    this.pendingRow.values.set(change.column, value);
  }

  private flushMaterialized(): void {
    const pending = this.pendingRow;
    if (!pending) return;
    this.pendingRow = null;
    const columns = [...pending.values.keys()];
    const values = [...pending.values.values()];
    const key = `${pending.table}\u0000${columns.join(',')}`;
    let upsert = this.rowUpserts.get(key);
    if (!upsert) {
      // Identifiers were checked against the registry before any change reaches this point.
      const quoted = columns.map((column) => `"${column}"`);
      const updates = quoted.map((column) => `${column} = excluded.${column}`).join(', ');
      upsert =
        pending.table === 'campaigns'
          ? this.core.db.prepare(
              `INSERT INTO campaigns (id, ${quoted.join(', ')}) VALUES (?${', ?'.repeat(columns.length)}) ON CONFLICT (id) DO UPDATE SET ${updates}`,
            )
          : this.core.db.prepare(
              `INSERT INTO "${pending.table}" (id, campaign_id, ${quoted.join(', ')}) VALUES (?, ?${', ?'.repeat(columns.length)})
       ON CONFLICT (id) DO UPDATE SET ${updates} WHERE campaign_id = excluded.campaign_id`,
            );
      this.rowUpserts.set(key, upsert);
    }
    if (pending.table === 'campaigns') {
      // A campaign row is its own campaign (checked before apply).
      upsert.run(pending.rowId, ...values);
      return;
    }
    const result = upsert.run(pending.rowId, pending.campaign, ...values);
    if (result.changes === 0) {
      throw new ChangeRejectedError(
        `Change ${pending.changeId} refused: ${pending.table} row ${pending.rowId} belongs to another campaign than ${pending.campaign}; nothing was applied.`,
        undefined,
        'ROW_OF_OTHER_CAMPAIGN',
      );
    }
  }

  private assertCampaign(change: Change): void {
    if (change.table === 'campaigns') return;
    this.flushMaterialized();
    const row = this.core.stmt(`SELECT campaign_id FROM "${change.table}" WHERE id = ?`).get(change.rowId) as
      { campaign_id: string } | undefined;
    if (row && row.campaign_id !== change.campaign) {
      throw new ChangeRejectedError(
        `Change ${change.id} refused: ${change.table} row ${change.rowId} belongs to another campaign than ${change.campaign}; nothing was applied.`,
        undefined,
        'ROW_OF_OTHER_CAMPAIGN',
      );
    }
  }
}
