import { randomUUID } from 'node:crypto';
import type { Change, JsonValue } from '../../shared/sync/change';
import { columnSpec, isTableName, type TableName, type ValuesOf } from '../../shared/sync/schema';
import { verifyChange, type ChangeApplier } from './apply';
import { chosenValue, listConflicts, type ConflictChoice } from './conflicts';
import type { StoreCore } from './core';
import { ChangeRejectedError, RecordNotFoundError } from './errors';
import { campaignOf, textState, unknownTable } from './reads';
import { encodeBase64, TextEditCache, yjsClientId, type MergedText } from './text';

/**
 * Local writes: every edit is a change in the log, written in the same transaction as the domain
 * table it materializes, through the same apply path as remote changes (apply.ts).
 */

export interface WriteOptions {
  readonly author?: string;
}

export interface InsertOptions extends WriteOptions {
  /** A given (deterministic) id; default a random UUID. */
  readonly id?: string;
}

export class LocalWrites {
  private readonly textEdits: TextEditCache;

  constructor(
    private readonly core: StoreCore,
    private readonly applier: ChangeApplier,
  ) {
    this.textEdits = new TextEditCache(yjsClientId(core.node));
  }

  /** Creates a row (with `deleted: false`) and returns its id. */
  insert<T extends TableName>(table: T, campaign: string, values: ValuesOf<T>, options: InsertOptions = {}): string {
    const id = options.id ?? (table === 'campaigns' ? campaign : randomUUID());
    this.writeFields(table, id, campaign, { deleted: false, ...(values as Record<string, unknown>) }, options.author);
    return id;
  }

  /** Changes some fields of an existing row. Fields whose value is unchanged make no change. */
  update<T extends TableName>(table: T, id: string, values: ValuesOf<T>, options: WriteOptions = {}): Change[] {
    return this.writeFields(
      table,
      id,
      campaignOf(this.core, table, id),
      values as Record<string, unknown>,
      options.author,
    );
  }

  /** Sets the lww field `deleted` (a tombstone: its fields stay, so a restore brings everything back). */
  setDeleted(table: TableName, id: string, deleted: boolean, options: WriteOptions = {}): Change[] {
    return this.writeFields(table, id, campaignOf(this.core, table, id), { deleted }, options.author);
  }

  /** Applies a Yjs update made by an editor bound to the text (see textState) as a local change. */
  applyTextUpdate(
    table: TableName,
    id: string,
    column: string,
    update: Uint8Array,
    options: WriteOptions = {},
  ): Change {
    const spec = columnSpec(table, column);
    if (!spec || spec.kind !== 'text') throw new ChangeRejectedError(`${table}.${column} is not a shared text`);
    const change = this.core.localChange(
      table,
      id,
      campaignOf(this.core, table, id),
      column,
      encodeBase64(update),
      options.author,
    );
    this.core.transaction(() => this.applier.apply([{ change, json: JSON.stringify(change.value), update }], 'local'));
    return change;
  }

  /** Resolves a conflict with a new local change that has seen the current winner, so the conflict closes on every replica. */
  resolveConflict(conflictId: string, choice: ConflictChoice, options: WriteOptions = {}): Change {
    const conflict = listConflicts(this.core).find((candidate) => candidate.id === conflictId);
    if (!conflict) throw new RecordNotFoundError(`no open conflict ${conflictId}`);
    const value = chosenValue(conflict, choice, this.core.node);
    const change = this.core.localChange(
      conflict.table,
      conflict.rowId,
      conflict.campaign,
      conflict.column,
      value,
      options.author,
    );
    this.core.transaction(() => this.applier.apply([{ change, json: JSON.stringify(change.value) }], 'local'));
    return change;
  }

  private writeFields(
    table: TableName,
    id: string,
    campaign: string,
    values: Record<string, unknown>,
    author?: string,
  ): Change[] {
    const core = this.core;
    if (!isTableName(table)) throw unknownTable(table);
    if (table === 'campaigns' && id !== campaign) throw new ChangeRejectedError('a campaign row is its own campaign');
    return core.transaction(() => {
      const changes: Change[] = [];
      for (const [column, raw] of Object.entries(values)) {
        if (raw === undefined) continue;
        const spec = columnSpec(table, column);
        if (!spec)
          throw new ChangeRejectedError(`unknown column ${JSON.stringify(column.slice(0, 80))} of table ${table}`);
        let value: JsonValue;
        let json: string;
        let merged: MergedText | undefined;
        if (spec.kind === 'text') {
          if (typeof raw !== 'string') throw new ChangeRejectedError(`${table}.${column} takes a string`);
          // A rich text is a tree the editor edits: a plain string cannot say where it goes.
          if (spec.root === 'xml' && raw === '') continue;
          if (spec.root === 'xml')
            throw new ChangeRejectedError(
              `${table}.${column} is a rich text: write it with applyTextUpdate (a Yjs update of its fragment)`,
            );
          const state = textState(core, table, id, column);
          const edit = this.textEdits.diff(
            `${table}\u0000${id}\u0000${column}`,
            state.byteLength > 0 ? state : null,
            raw,
          );
          if (!edit) continue;
          value = encodeBase64(edit.update);
          json = JSON.stringify(value);
          merged = edit;
        } else {
          value = raw as JsonValue;
          json = JSON.stringify(value);
          const current = core
            .stmt('SELECT value FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?')
            .get(table, id, column) as { value: string } | undefined;
          if (current && current.value === json) continue;
        }
        const change = core.localChange(table, id, campaign, column, value, author);
        const verdict = verifyChange(change, 0, 1);
        if (!verdict.ok) throw new ChangeRejectedError(verdict.reason, { table, column });
        this.applier.apply([{ change, json, ...(merged ? { merged } : {}) }], 'local');
        changes.push(change);
      }
      return changes;
    });
  }
}
