import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { changeSchema, type Change, type JsonValue } from '../../shared/sync/change';
import { ClockSkewError, HybridLogicalClock } from '../../shared/sync/hlc';
import type { ApplyReport, ChangeSourceKind, LoggedChange, SyncReplica } from '../../shared/sync/replica';
import {
  MAX_TEXT_UPDATE_CHARS,
  SYNC_SCHEMA_VERSION,
  checkChangeTarget,
  columnSpec,
  columnsOf,
  TABLE_NAMES,
  isTableName,
  type ColumnSpec,
  type RecordOf,
  type TableName,
  type ValuesOf,
} from '../../shared/sync/schema';
import type { SqliteDatabase } from '../connection';
import { CommitObserver, type CommitListener } from './commits';
import { ChangeRejectedError, RecordNotFoundError } from './errors';
import { fastCheckChange } from './fast-check';
import { decodeBase64, encodeBase64, mergeUpdate, TextEditCache, yjsClientId, type MergedText } from './text';

/**
 * The local store: every edit is a change in the log, written in the same transaction as the
 * domain table it materializes. Local writes and remote changes go through one apply path, so
 * merging is the same code for the UI, bundles, the duo peer link and the server client.
 *
 * Merge rules (see shared/sync/schema.ts for the kinds):
 * - lww / judgement: the field's winner is the change with the greatest hlc (field_versions).
 * - judgement: the open conflicts of a field are computed from all of its versions, so that they
 *   are the same on every replica whatever the arrival order: a version is a conflict when it is
 *   not the winner, the winner's author had not seen it (its hlc is after the winner's `prev`),
 *   no later version replaced it knowingly (no version has it as `prev`), and its value differs.
 * - text: every Yjs update is merged into the field's state; the domain column holds the text.
 * - Deletes are the lww boolean field `deleted`. An edit concurrent with a delete is merged into
 *   the row's fields but does not undelete it: the row stays deleted until someone restores it,
 *   and then shows every edit, so nothing typed is lost.
 */

export interface StoreOptions {
  /** Wall clock in ms (tests move it). */
  readonly now?: () => number;
  /** Changes stamped further ahead than this are refused (default 24 h). */
  readonly maxDriftMs?: number;
  /** The newest sync schema this build understands (default SYNC_SCHEMA_VERSION). */
  readonly schemaVersion?: number;
  /** The team member recorded as author of local changes when a call names none (default: the node id). */
  readonly author?: string;
}

export interface WriteOptions {
  readonly author?: string;
}

export interface InsertOptions extends WriteOptions {
  /** A given (deterministic) id; default a random UUID. */
  readonly id?: string;
}

export interface ApplyOptions {
  /** Called while applying: done of total changes. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Conflict {
  /** The id of the losing version (its hlc): the handle to resolve the conflict. */
  readonly id: string;
  readonly table: TableName;
  readonly rowId: string;
  readonly column: string;
  readonly campaign: string;
  readonly winner: { readonly hlc: string; readonly value: JsonValue; readonly node: string; readonly author: string };
  readonly loser: { readonly hlc: string; readonly value: JsonValue; readonly node: string; readonly author: string };
}

export type ConflictChoice = 'mine' | 'theirs' | 'winner' | 'loser';

/** A checked change on its way into the log, with what checking it already computed. */
interface Incoming {
  readonly change: Change;
  /** JSON text of the value, as the log keeps it. */
  readonly json: string;
  /** For a shared text: the decoded Yjs update. */
  readonly update?: Uint8Array;
  /** For a local text edit: the merged state it makes (nothing to merge again). */
  readonly merged?: MergedText;
}

type Verdict = { readonly ok: true; readonly update?: Uint8Array } | { readonly ok: false; readonly reason: string };

interface VersionRow {
  readonly hlc: string;
  readonly prev: string | null;
  readonly value: string;
}

interface ChangeRow {
  readonly seq: number;
  readonly source: ChangeSourceKind;
  readonly id: string;
  readonly node: string;
  readonly author: string;
  readonly campaign: string;
  readonly tbl: string;
  readonly row_id: string;
  readonly col: string;
  readonly value: string;
  readonly prev: string | null;
  readonly schema: number;
}

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

const CHANGE_COLUMNS = 'seq, source, id, node, author, campaign, tbl, row_id, col, value, prev, schema';

export function rowToChange(row: ChangeRow): Change {
  return {
    id: row.id,
    hlc: row.id,
    node: row.node,
    author: row.author,
    campaign: row.campaign,
    table: row.tbl,
    rowId: row.row_id,
    column: row.col,
    value: JSON.parse(row.value) as JsonValue,
    prev: row.prev,
    schema: row.schema,
  };
}

function toStorage(spec: ColumnSpec, value: JsonValue): string | number | null {
  if (value === null) return null;
  switch (spec.storage) {
    case 'boolean':
      return value === true ? 1 : 0;
    case 'json':
      return JSON.stringify(value);
    case 'integer':
      return typeof value === 'number' ? value : null;
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function fromStorage(spec: ColumnSpec, raw: unknown): unknown {
  if (spec.kind === 'text') return typeof raw === 'string' ? raw : '';
  if (raw === null || raw === undefined) return null;
  switch (spec.storage) {
    case 'boolean':
      return raw === 1;
    case 'json':
      return JSON.parse(String(raw)) as unknown;
    default:
      return raw;
  }
}

export function decodeRecord<T extends TableName>(table: T, row: Record<string, unknown>): RecordOf<T> {
  const record: Record<string, unknown> = { id: row.id, campaign_id: table === 'campaigns' ? row.id : row.campaign_id };
  for (const [column, spec] of columnsOf(table)) record[column] = fromStorage(spec, row[column]);
  return record as RecordOf<T>;
}

export class LocalStore implements SyncReplica {
  readonly node: string;
  readonly schemaVersion: number;
  readonly author: string;
  private readonly clock: HybridLogicalClock;
  private readonly yjsClient: number;
  private readonly textEdits: TextEditCache;
  private readonly statements = new Map<string, Statement>();
  /** Upserts of a domain row, by table and column list (see flushMaterialized). */
  private readonly rowUpserts = new Map<string, Statement>();
  /** Fields of one row waiting to be written to its domain table (see materialize). */
  private pendingRow: { table: string; rowId: string; campaign: string; changeId: string; values: Map<string, string | number | null> } | null = null;
  /** Tells observers what each committed transaction wrote (see commits.ts). */
  private readonly commits = new CommitObserver();

  constructor(
    readonly db: SqliteDatabase,
    options: StoreOptions = {},
  ) {
    const nodeRow = db.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string } | undefined;
    if (!nodeRow) throw new Error('The profile has no node id: it was not migrated to the sync store.');
    this.node = nodeRow.value;
    this.schemaVersion = options.schemaVersion ?? SYNC_SCHEMA_VERSION;
    this.author = options.author ?? this.node;
    const last = (db.prepare('SELECT max(id) AS last FROM changes').get() as { last: string | null }).last;
    this.clock = new HybridLogicalClock(this.node, {
      last,
      ...(options.now ? { now: options.now } : {}),
      ...(options.maxDriftMs !== undefined ? { maxDriftMs: options.maxDriftMs } : {}),
    });
    this.yjsClient = yjsClientId(this.node);
    this.textEdits = new TextEditCache(this.yjsClient);
    this.applyDeferred();
  }

  /** Runs fn in one transaction (nested calls join the outer one): a batch of writes, one commit. */
  transaction<T>(fn: () => T): T {
    return this.commits.run(this.db.inTransaction, () => this.db.transaction(fn)());
  }

  /** Observes committed writes: one event per source and transaction, after its commit. Answers the unsubscribe. */
  onCommit(listener: CommitListener): () => void {
    return this.commits.subscribe(listener);
  }

  // ---------------------------------------------------------------- local writes

  /** Creates a row (with `deleted: false`) and returns its id. */
  insert<T extends TableName>(table: T, campaign: string, values: ValuesOf<T>, options: InsertOptions = {}): string {
    const id = options.id ?? (table === 'campaigns' ? campaign : randomUUID());
    this.writeFields(table, id, campaign, { deleted: false, ...(values as Record<string, unknown>) }, options.author);
    return id;
  }

  /** Changes some fields of an existing row. Fields whose value is unchanged make no change. */
  update<T extends TableName>(table: T, id: string, values: ValuesOf<T>, options: WriteOptions = {}): Change[] {
    return this.writeFields(table, id, this.campaignOf(table, id), values as Record<string, unknown>, options.author);
  }

  /** Deletes a row (a tombstone: its fields stay, so a restore brings everything back). */
  remove(table: TableName, id: string, options: WriteOptions = {}): Change[] {
    return this.writeFields(table, id, this.campaignOf(table, id), { deleted: true }, options.author);
  }

  restore(table: TableName, id: string, options: WriteOptions = {}): Change[] {
    return this.writeFields(table, id, this.campaignOf(table, id), { deleted: false }, options.author);
  }

  /** Applies a Yjs update made by an editor bound to the text (see textState) as a local change. */
  applyTextUpdate(table: TableName, id: string, column: string, update: Uint8Array, options: WriteOptions = {}): Change {
    const spec = columnSpec(table, column);
    if (!spec || spec.kind !== 'text') throw new ChangeRejectedError(`${table}.${column} is not a shared text`);
    const change = this.localChange(table, id, this.campaignOf(table, id), column, encodeBase64(update), options.author);
    this.transaction(() => this.applyValidated([{ change, json: JSON.stringify(change.value), update }], 'local'));
    return change;
  }

  /** The merged Yjs state of a text field (empty when none), for an editor binding. */
  textState(table: TableName, id: string, column: string): Uint8Array {
    const row = this.stmt('SELECT state FROM text_states WHERE tbl = ? AND row_id = ? AND col = ?').get(table, id, column) as
      | { state: Uint8Array }
      | undefined;
    return row ? new Uint8Array(row.state) : new Uint8Array();
  }

  private writeFields(table: TableName, id: string, campaign: string, values: Record<string, unknown>, author?: string): Change[] {
    if (!isTableName(table)) throw new ChangeRejectedError(`unknown table ${JSON.stringify(String(table).slice(0, 80))}`);
    if (table === 'campaigns' && id !== campaign) throw new ChangeRejectedError('a campaign row is its own campaign');
    return this.transaction(() => {
      const changes: Change[] = [];
      for (const [column, raw] of Object.entries(values)) {
        if (raw === undefined) continue;
        const spec = columnSpec(table, column);
        if (!spec) throw new ChangeRejectedError(`unknown column ${JSON.stringify(column.slice(0, 80))} of table ${table}`);
        let value: JsonValue;
        let json: string;
        let merged: MergedText | undefined;
        if (spec.kind === 'text') {
          if (typeof raw !== 'string') throw new ChangeRejectedError(`${table}.${column} takes a string`);
          const state = this.textState(table, id, column);
          const edit = this.textEdits.diff(`${table}\u0000${id}\u0000${column}`, state.byteLength > 0 ? state : null, raw);
          if (!edit) continue;
          value = encodeBase64(edit.update);
          json = JSON.stringify(value);
          merged = edit;
        } else {
          value = raw as JsonValue;
          json = JSON.stringify(value);
          const current = this.stmt('SELECT value FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?').get(table, id, column) as
            | { value: string }
            | undefined;
          if (current && current.value === json) continue;
        }
        const change = this.localChange(table, id, campaign, column, value, author);
        const verdict = this.verify(change, 0, 1);
        if (!verdict.ok) throw new ChangeRejectedError(verdict.reason);
        this.applyValidated([{ change, json, ...(merged ? { merged } : {}) }], 'local');
        changes.push(change);
      }
      return changes;
    });
  }

  private localChange(table: string, rowId: string, campaign: string, column: string, value: JsonValue, author?: string): Change {
    const hlc = this.clock.tick();
    const version = this.stmt('SELECT hlc FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?').get(table, rowId, column) as
      | { hlc: string }
      | undefined;
    return {
      id: hlc,
      hlc,
      node: this.node,
      author: author ?? this.author,
      campaign,
      table,
      rowId,
      column,
      value,
      prev: version?.hlc ?? null,
      schema: this.schemaVersion,
    };
  }

  /** The campaign a row belongs to; throws when the row does not exist. */
  campaignOf(table: TableName, id: string): string {
    if (!isTableName(table)) throw new ChangeRejectedError(`unknown table ${JSON.stringify(String(table).slice(0, 80))}`);
    if (table === 'campaigns') {
      if (!this.stmt('SELECT 1 FROM campaigns WHERE id = ?').get(id)) throw new RecordNotFoundError(`no campaign ${id}`);
      return id;
    }
    const row = this.stmt(`SELECT campaign_id FROM "${table}" WHERE id = ?`).get(id) as { campaign_id: string } | undefined;
    if (!row) throw new RecordNotFoundError(`no ${table} row ${id}`);
    return row.campaign_id;
  }

  // ---------------------------------------------------------------- reads

  get<T extends TableName>(table: T, id: string, options: { includeDeleted?: boolean } = {}): RecordOf<T> | undefined {
    if (!isTableName(table)) return undefined;
    const row = this.stmt(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!row || (row.deleted === 1 && !options.includeDeleted)) return undefined;
    return decodeRecord(table, row);
  }

  /**
   * Rows of a table matching every given column value (null matches NULL), not deleted unless
   * asked, ordered by the given columns (default: id).
   */
  list<T extends TableName>(
    table: T,
    where: Readonly<Record<string, string | number | boolean | null>> = {},
    options: { includeDeleted?: boolean; orderBy?: readonly string[] } = {},
  ): RecordOf<T>[] {
    if (!isTableName(table)) throw new ChangeRejectedError(`unknown table ${JSON.stringify(String(table).slice(0, 80))}`);
    const known = (column: string) => column === 'id' || (column === 'campaign_id' && table !== 'campaigns') || columnSpec(table, column) !== undefined;
    const clauses: string[] = [];
    const params: Array<string | number> = [];
    for (const [column, value] of Object.entries(where)) {
      if (!known(column)) throw new ChangeRejectedError(`unknown column ${JSON.stringify(column.slice(0, 80))} of table ${table}`);
      if (value === null) clauses.push(`"${column}" IS NULL`);
      else {
        clauses.push(`"${column}" = ?`);
        params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
      }
    }
    if (!options.includeDeleted) clauses.push('deleted = 0');
    const order = options.orderBy ?? ['id'];
    for (const column of order) if (!known(column)) throw new ChangeRejectedError(`unknown column ${JSON.stringify(column.slice(0, 80))} of table ${table}`);
    const sql = `SELECT * FROM "${table}"${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${order.map((c) => `"${c}"`).join(', ')}`;
    return (this.stmt(sql).all(...params) as Record<string, unknown>[]).map((row) => decodeRecord(table, row));
  }

  // ---------------------------------------------------------------- conflicts

  listConflicts(filter: { campaign?: string; table?: TableName; rowId?: string } = {}): Conflict[] {
    const rows = this.stmt(
      `SELECT * FROM conflicts WHERE (@campaign IS NULL OR campaign = @campaign) AND (@tbl IS NULL OR tbl = @tbl) AND (@row IS NULL OR row_id = @row)
       ORDER BY tbl, row_id, col, loser_hlc`,
    ).all({ campaign: filter.campaign ?? null, tbl: filter.table ?? null, row: filter.rowId ?? null }) as ConflictRow[];
    return rows.map((row) => {
      const winner = this.stmt('SELECT node, author, value FROM changes WHERE id = ?').get(row.winner_hlc) as
        | { node: string; author: string; value: string }
        | undefined;
      return {
        id: row.loser_hlc,
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
        loser: { hlc: row.loser_hlc, value: JSON.parse(row.loser_value) as JsonValue, node: row.loser_node, author: row.loser_author },
      };
    });
  }

  /**
   * Resolves a conflict with a new local change that has seen the current winner, so the
   * conflict closes on every replica. 'mine' keeps this node's version (the winner when neither
   * side is this node's), 'theirs' the other; 'winner'/'loser' name a side directly.
   */
  resolveConflict(conflictId: string, choice: ConflictChoice, options: WriteOptions = {}): Change {
    const conflict = this.listConflicts().find((candidate) => candidate.id === conflictId);
    if (!conflict) throw new RecordNotFoundError(`no open conflict ${conflictId}`);
    const mineIsLoser = conflict.loser.node === this.node && conflict.winner.node !== this.node;
    const keepLoser = choice === 'loser' || (choice === 'mine' && mineIsLoser) || (choice === 'theirs' && !mineIsLoser);
    const value = keepLoser ? conflict.loser.value : conflict.winner.value;
    const change = this.localChange(conflict.table, conflict.rowId, conflict.campaign, conflict.column, value, options.author);
    this.transaction(() => this.applyValidated([{ change, json: JSON.stringify(change.value) }], 'local'));
    return change;
  }

  private refreshConflicts(table: string, rowId: string, column: string, campaign: string): number {
    const winner = this.stmt('SELECT hlc, prev, value FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?').get(table, rowId, column) as
      | VersionRow
      | undefined;
    if (!winner) return 0;
    const versions = this.stmt('SELECT id, node, author, value, prev FROM changes WHERE tbl = ? AND row_id = ? AND col = ?').all(
      table,
      rowId,
      column,
    ) as Array<{ id: string; node: string; author: string; value: string; prev: string | null }>;
    const before = new Set(
      (this.stmt('SELECT loser_hlc FROM conflicts WHERE tbl = ? AND row_id = ? AND col = ?').all(table, rowId, column) as Array<{ loser_hlc: string }>).map(
        (row) => row.loser_hlc,
      ),
    );
    const replaced = new Set(versions.map((version) => version.prev).filter((prev): prev is string => prev !== null));
    const seenUpTo = winner.prev ?? '';
    this.stmt('DELETE FROM conflicts WHERE tbl = ? AND row_id = ? AND col = ?').run(table, rowId, column);
    let fresh = 0;
    for (const version of versions) {
      if (version.id === winner.hlc || version.id <= seenUpTo || replaced.has(version.id) || version.value === winner.value) continue;
      this.stmt(
        `INSERT INTO conflicts (loser_hlc, tbl, row_id, col, campaign, winner_hlc, loser_value, loser_node, loser_author)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(version.id, table, rowId, column, campaign, winner.hlc, version.value, version.node, version.author);
      if (!before.has(version.id)) fresh += 1;
    }
    return fresh;
  }

  // ---------------------------------------------------------------- remote changes (SyncReplica)

  changesAfter(afterSeq: number, limit: number, filter: { readonly sources?: readonly ChangeSourceKind[]; readonly campaign?: string } = {}): LoggedChange[] {
    const sources = filter.sources ? JSON.stringify(filter.sources) : null;
    const rows = this.stmt(
      `SELECT ${CHANGE_COLUMNS} FROM changes
       WHERE seq > @after AND (@campaign IS NULL OR campaign = @campaign) AND (@sources IS NULL OR source IN (SELECT value FROM json_each(@sources)))
       ORDER BY seq LIMIT @limit`,
    ).all({ after: afterSeq, campaign: filter.campaign ?? null, sources, limit }) as ChangeRow[];
    return rows.map((row) => ({ seq: row.seq, source: row.source, change: rowToChange(row) }));
  }

  /**
   * Applies changes made elsewhere, all or nothing: every change is checked first (envelope,
   * table and column against the registry, value, clock skew); one bad change refuses the whole
   * call with ChangeRejectedError (or ClockSkewError) and nothing is written. Changes already in
   * the log are skipped; changes of a newer schema are kept aside in deferred_changes.
   */
  applyRemote(changes: readonly Change[], source: Exclude<ChangeSourceKind, 'local'>, options: ApplyOptions = {}): ApplyReport {
    const accepted: Incoming[] = [];
    const deferred: Change[] = [];
    changes.forEach((raw, index) => {
      let change: Change;
      let json: string;
      const fast = fastCheckChange(raw);
      if (fast) {
        ({ change, json } = fast);
      } else {
        const parsed = changeSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new ChangeRejectedError(
            `Change ${index + 1} of ${changes.length} is malformed (${issue ? `${issue.path.join('.') || 'change'}: ${issue.message}` : 'invalid'}); nothing was applied.`,
          );
        }
        change = parsed.data;
        json = JSON.stringify(change.value);
      }
      this.clock.checkDrift(change.hlc);
      if (change.schema > this.schemaVersion) {
        deferred.push(change);
        return;
      }
      const verdict = this.verify(change, index, changes.length);
      if (!verdict.ok) throw new ChangeRejectedError(verdict.reason);
      accepted.push(verdict.update ? { change, json, update: verdict.update } : { change, json });
    });
    return this.transaction(() => {
      let duplicates = 0;
      let deferredCount = 0;
      for (const change of deferred) {
        const inLog = this.stmt('SELECT 1 FROM changes WHERE id = ?').get(change.id);
        const result = inLog
          ? { changes: 0 }
          : this.stmt('INSERT OR IGNORE INTO deferred_changes (id, schema, source, change) VALUES (?, ?, ?, ?)').run(
              change.id,
              change.schema,
              source,
              JSON.stringify(change),
            );
        if (result.changes === 0) duplicates += 1;
        else deferredCount += 1;
      }
      for (const { change } of accepted) this.clock.receive(change.hlc);
      const { applied, conflicts, duplicates: dupes } = this.applyValidated(accepted, source, options.onProgress);
      return { applied, duplicates: duplicates + dupes, deferred: deferredCount, conflicts };
    });
  }

  /**
   * Applies deferred changes this build now understands (called at open, e.g. after an upgrade).
   * One that is still refused (say, skewed or invalid under the new registry) stays deferred,
   * never dropped, and does not keep the profile from opening; `stillDeferred` counts them.
   */
  applyDeferred(): ApplyReport & { stillDeferred: number } {
    const rows = this.db.prepare('SELECT change, source FROM deferred_changes WHERE schema <= ? ORDER BY id').all(this.schemaVersion) as Array<{
      change: string;
      source: Exclude<ChangeSourceKind, 'local'>;
    }>;
    let total = { applied: 0, duplicates: 0, deferred: 0, conflicts: 0, stillDeferred: 0 };
    for (const row of rows) {
      const change = JSON.parse(row.change) as Change;
      try {
        this.transaction(() => {
          const report = this.applyRemote([change], row.source);
          this.db.prepare('DELETE FROM deferred_changes WHERE id = ?').run(change.id);
          total = { ...total, applied: total.applied + report.applied, duplicates: total.duplicates + report.duplicates, conflicts: total.conflicts + report.conflicts };
        });
      } catch (error) {
        if (!(error instanceof ChangeRejectedError || error instanceof ClockSkewError)) throw error;
        total = { ...total, stillDeferred: total.stillDeferred + 1 };
      }
    }
    return total;
  }

  /**
   * Whether a change may be applied, with the decoded Yjs update of a shared text. A well-formed
   * text update takes a fast path: canonical base64 within the size limit is exactly what its
   * registry entry accepts (a base64 string of at most MAX_TEXT_UPDATE_CHARS), and it is decoded
   * once here for the merge.
   */
  private verify(change: Change, index: number, total: number): Verdict {
    const spec = columnSpec(change.table, change.column);
    if (spec?.kind === 'text' && !(change.table === 'campaigns' && change.rowId !== change.campaign)) {
      const value = change.value;
      const update = typeof value === 'string' && value.length <= MAX_TEXT_UPDATE_CHARS ? decodeBase64(value) : null;
      if (update) return { ok: true, update };
    }
    const verdict = this.check(change, index, total);
    return verdict === 'apply' ? { ok: true } : { ok: false, reason: verdict };
  }

  /** Returns 'apply' or the reason the change is refused. */
  private check(change: Change, index: number, total: number): 'apply' | string {
    const where = `Change ${index + 1} of ${total} (${change.id})`;
    const target = checkChangeTarget(change.table, change.column, change.value);
    if (!target.ok) return `${where} refused: ${target.reason}; nothing was applied.`;
    if (change.table === 'campaigns' && change.rowId !== change.campaign) return `${where} refused: a campaign row must be its own campaign; nothing was applied.`;
    const spec = columnSpec(change.table, change.column);
    // Whether the bytes are a Yjs update is found out when merging them (inside the transaction,
    // so a bad one still writes nothing): decoding them twice would double the cost of a text.
    if (spec?.kind === 'text' && !decodeBase64(change.value as string)) {
      return `${where} refused: ${change.table}.${change.column} is not a valid Yjs update (not canonical base64); nothing was applied.`;
    }
    return 'apply';
  }

  private applyValidated(
    items: readonly Incoming[],
    source: ChangeSourceKind,
    onProgress?: (done: number, total: number) => void,
  ): { applied: number; duplicates: number; conflicts: number } {
    let applied = 0;
    let duplicates = 0;
    let conflicts = 0;
    const insert = this.stmt(
      `INSERT OR IGNORE INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const newest = new Map<string, { campaign: string; node: string; hlc: string }>();
    const getVersion = this.stmt('SELECT hlc, prev, value FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?');
    const putVersion = this.stmt(
      `INSERT INTO field_versions (tbl, row_id, col, hlc, prev, value) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, prev = excluded.prev, value = excluded.value`,
    );
    // Last writer wins in one statement: writes the version when the field has none or an older one
    // (one change row = it won), so a plain field costs no separate read of its version.
    const putNewerVersion = this.stmt(
      `INSERT INTO field_versions (tbl, row_id, col, hlc, prev, value) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tbl, row_id, col) DO UPDATE SET hlc = excluded.hlc, prev = excluded.prev, value = excluded.value
       WHERE excluded.hlc > field_versions.hlc`,
    );
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
          this.commits.record(source, change.campaign, change.table as TableName, change.rowId);
          const key = `${change.campaign}\u0000${change.node}`;
          const seen = newest.get(key);
          if (!seen || change.id > seen.hlc) newest.set(key, { campaign: change.campaign, node: change.node, hlc: change.id });
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
            if (current) conflicts += this.refreshConflicts(change.table, change.rowId, change.column, change.campaign);
          } else if (putNewerVersion.run(change.table, change.rowId, change.column, change.hlc, change.prev, item.json).changes > 0) {
            this.materialize(change, toStorage(spec, change.value));
          } else {
            this.assertCampaign(change);
          }
        }
        if (onProgress && (index % 500 === 499 || index === total - 1)) onProgress(index + 1, total);
      }
      this.flushMaterialized();
    } finally {
      // On an error the transaction rolls back: nothing queued may leak into a later call.
      this.pendingRow = null;
    }
    const bump = this.stmt(
      'INSERT INTO node_clock (campaign, node, hlc) VALUES (?, ?, ?) ON CONFLICT (campaign, node) DO UPDATE SET hlc = max(hlc, excluded.hlc)',
    );
    for (const entry of newest.values()) bump.run(entry.campaign, entry.node, entry.hlc);
    return { applied, duplicates, conflicts };
  }

  private mergeText(item: Incoming): void {
    const change = item.change;
    let merged = item.merged;
    if (!merged) {
      const update = item.update ?? decodeBase64(change.value as string);
      if (!update) throw new ChangeRejectedError(`Change ${change.id} refused: not base64`);
      const current = this.stmt('SELECT state FROM text_states WHERE tbl = ? AND row_id = ? AND col = ?').get(change.table, change.rowId, change.column) as
        | { state: Uint8Array }
        | undefined;
      try {
        merged = mergeUpdate(current ? new Uint8Array(current.state) : null, update);
      } catch (error) {
        throw new ChangeRejectedError(
          `Change ${change.id} refused: ${change.table}.${change.column} is not a valid Yjs update (${error instanceof Error ? error.message : String(error)}); nothing was applied.`,
        );
      }
    }
    this.stmt(
      `INSERT INTO text_states (tbl, row_id, col, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (tbl, row_id, col) DO UPDATE SET state = excluded.state`,
    ).run(change.table, change.rowId, change.column, merged.state);
    this.materialize(change, merged.text);
  }

  /**
   * Queues one field for its domain table; consecutive fields of the same row are written by one
   * upsert (flushMaterialized), which creates the row on its first change. A bundle lists a
   * row's fields together, so an import writes each row about once instead of once per field.
   */
  private materialize(change: Change, value: string | number | null): void {
    const pending = this.pendingRow;
    if (pending && (pending.table !== change.table || pending.rowId !== change.rowId || pending.campaign !== change.campaign)) this.flushMaterialized();
    if (!this.pendingRow) this.pendingRow = { table: change.table, rowId: change.rowId, campaign: change.campaign, changeId: change.id, values: new Map() };
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
          ? this.db.prepare(`INSERT INTO campaigns (id, ${quoted.join(', ')}) VALUES (?${', ?'.repeat(columns.length)}) ON CONFLICT (id) DO UPDATE SET ${updates}`)
          : this.db.prepare(
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
      );
    }
  }

  private assertCampaign(change: Change): void {
    if (change.table === 'campaigns') return;
    this.flushMaterialized();
    const row = this.stmt(`SELECT campaign_id FROM "${change.table}" WHERE id = ?`).get(change.rowId) as { campaign_id: string } | undefined;
    if (row && row.campaign_id !== change.campaign) this.refuseCampaign(change);
  }

  private refuseCampaign(change: Change): never {
    throw new ChangeRejectedError(
      `Change ${change.id} refused: ${change.table} row ${change.rowId} belongs to another campaign than ${change.campaign}; nothing was applied.`,
    );
  }

  getSyncState(key: string): string | null {
    const row = this.stmt('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setSyncState(key: string, value: string): void {
    this.stmt('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ---------------------------------------------------------------- exchange helpers

  /** Campaigns this replica holds changes of. */
  knownCampaigns(): string[] {
    return (this.stmt('SELECT DISTINCT campaign FROM node_clock ORDER BY campaign').all() as Array<{ campaign: string }>).map((row) => row.campaign);
  }

  /** For one campaign: per node, the newest hlc this replica holds (it holds every older change of that node too). */
  versionVector(campaign: string): Record<string, string> {
    const rows = this.stmt('SELECT node, hlc FROM node_clock WHERE campaign = ?').all(campaign) as Array<{ node: string; hlc: string }>;
    return Object.fromEntries(rows.map((row) => [row.node, row.hlc]));
  }

  /** The changes of a campaign that a replica with version vector `known` lacks, in log order. */
  changesBeyond(campaign: string, known: Readonly<Record<string, string>>): Change[] {
    const rows = this.stmt(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE campaign = ? ORDER BY seq`).iterate(campaign) as IterableIterator<ChangeRow>;
    const out: Change[] = [];
    for (const row of rows) {
      const seen = known[row.node];
      if (seen === undefined || row.id > seen) out.push(rowToChange(row));
    }
    return out;
  }

  // ---------------------------------------------------------------- compaction

  /**
   * Replaces the Yjs update changes of each text field that the server already stores (local
   * seq up to `throughSeq`: the sync engine's push cursor, optionally of one campaign) by one
   * snapshot change holding the field's merged state. Yjs updates are idempotent and
   * commutative, so the snapshot is safe to apply on any replica whatever it has seen, and no
   * concurrent edit is lost. The snapshot is a new local change (it is pushed like any other).
   * Returns the number of update changes removed.
   */
  compactTexts(options: { throughSeq: number; campaign?: string }): number {
    const cursor = options.throughSeq;
    if (!Number.isSafeInteger(cursor) || cursor <= 0) return 0;
    return this.transaction(() => {
      const fields = this.stmt(
        `SELECT tbl, row_id, col, campaign, count(*) AS n FROM changes WHERE seq <= @cursor AND (@campaign IS NULL OR campaign = @campaign)
         GROUP BY tbl, row_id, col HAVING n > 1`,
      ).all({ cursor, campaign: options.campaign ?? null }) as Array<{ tbl: string; row_id: string; col: string; campaign: string; n: number }>;
      let removed = 0;
      for (const field of fields) {
        if (!TEXT_COLUMNS.has(`${field.tbl}.${field.col}`)) continue;
        const state = this.textState(field.tbl as TableName, field.row_id, field.col);
        const deleted = this.stmt('DELETE FROM changes WHERE tbl = ? AND row_id = ? AND col = ? AND seq <= ?').run(field.tbl, field.row_id, field.col, cursor);
        removed += deleted.changes;
        const snapshot = this.localChange(field.tbl, field.row_id, field.campaign, field.col, encodeBase64(state));
        this.applyValidated([{ change: snapshot, json: JSON.stringify(snapshot.value), update: state }], 'local');
      }
      return removed;
    });
  }

  private stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** "table.column" of every shared-text column. */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(
  TABLE_NAMES.flatMap((table) => columnsOf(table).filter(([, spec]) => spec.kind === 'text').map(([column]) => `${table}.${column}`)),
);
