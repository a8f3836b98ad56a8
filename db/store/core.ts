import type { Change, JsonValue } from '../../shared/sync/change';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/schema';
import type { SqliteDatabase, SqliteStatement as Statement } from '../connection';
import { CommitObserver } from './commits';

/** How a transaction's commit reaches the disk (see StoreCore.transaction). */
export type Durability = 'full' | 'normal';

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

/**
 * What every part of the local store shares: the database with its cache of prepared
 * statements, this node's identity and its hybrid logical clock.
 */
export class StoreCore {
  readonly node: string;
  readonly schemaVersion: number;
  readonly author: string;
  readonly clock: HybridLogicalClock;
  private readonly statements = new Map<string, Statement>();
  /** Tells observers what each committed transaction wrote (see commits.ts). */
  readonly commits = new CommitObserver();

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
  }

  /**
   * Runs fn in one transaction (nested calls join the outer one): a batch of writes, one commit.
   * `normal` commits it with synchronous=NORMAL (no fsync of the WAL at this commit; a process
   * crash loses nothing, a power cut may lose this and later commits up to the next fsync): only
   * for changes that stay recoverable from their source, written with what says how far the
   * source was applied (a pull cursor) or idempotently applied again from it (a duo file). The
   * user's own edits commit with FULL, which also makes every earlier commit durable.
   */
  transaction<T>(fn: () => T, durability: Durability = 'full'): T {
    const nested = this.db.inTransaction;
    if (nested || durability === 'full') return this.commits.run(nested, () => this.db.transaction(fn)());
    const previous = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.commits.run(false, () => this.db.transaction(fn)());
    } finally {
      this.db.pragma(`synchronous = ${Number(previous)}`);
    }
  }

  /** A prepared statement, prepared once per store. */
  stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A new change of this node: the next hlc, having seen the field's current version (its `prev`). */
  localChange(
    table: string,
    rowId: string,
    campaign: string,
    column: string,
    value: JsonValue,
    author?: string,
  ): Change {
    const hlc = this.clock.tick();
    const version = this.stmt('SELECT hlc FROM field_versions WHERE tbl = ? AND row_id = ? AND col = ?').get(
      table,
      rowId,
      column,
    ) as { hlc: string } | undefined;
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
}
