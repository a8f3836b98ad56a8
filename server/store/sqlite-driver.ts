import { openDatabase, type SqliteDatabase, type SqliteStatement } from '../../db/connection';
import {
  deliverNotification,
  type NotificationListener,
  type SqlDriver,
  type SqlExecutor,
  type SqlParam,
  type SqlRow,
} from './sql';

/** A statement prepared once for one SQL text, with the order its $n placeholders became positional ?s. */
export interface CachedStatement {
  readonly statement: SqliteStatement;
  /** For each ? in order, the index (0-based) of its parameter. */
  readonly order: readonly number[];
  /** The largest index used plus one: how many parameters the text needs at least. */
  readonly needs: number;
}

/** Distinct SQL texts kept prepared. Texts with variable IN-lists are few in size classes; this bounds the rest. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Prepares each distinct SQL text once, rewriting its PostgreSQL-style $n placeholders to SQLite's
 * positional ? once, and hands the same better-sqlite3 statement back on every later call; the
 * least recently used text is finalised past `limit`.
 */
export class StatementCache {
  private readonly entries = new Map<string, CachedStatement>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly limit = STATEMENT_CACHE_SIZE,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(sql: string): CachedStatement {
    const hit = this.entries.get(sql);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(sql);
      this.entries.set(sql, hit);
      return hit;
    }
    const order: number[] = [];
    const text = sql.replace(/\$(\d+)/g, (_match, digits: string) => {
      const index = Number(digits) - 1;
      if (index < 0) throw new Error(`SQL placeholder $${digits} has no parameter`);
      order.push(index);
      return '?';
    });
    const entry: CachedStatement = {
      statement: this.db.prepare(text),
      order,
      needs: order.reduce((max, index) => Math.max(max, index + 1), 0),
    };
    this.entries.set(sql, entry);
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }
}

function bind(entry: CachedStatement, params: readonly SqlParam[]): unknown[] {
  if (entry.needs > params.length) throw new Error(`SQL placeholder $${entry.needs} has no parameter`);
  return entry.order.map((index) => {
    const param = params[index] as SqlParam;
    return typeof param === 'boolean' ? (param ? 1 : 0) : param;
  });
}

export interface SqliteDriverOptions {
  /** Most transactions committed together in one group (one COMMIT, one fsync); default 64. */
  readonly maxGroup?: number;
  /** Hears the size of every group committed (tests). */
  readonly onGroupCommit?: (transactions: number) => void;
}

interface TransactionJob {
  readonly kind: 'transaction';
  readonly fn: (tx: SqlExecutor) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Job = TransactionJob | { readonly kind: 'close'; readonly resolve: (value: unknown) => void };

/**
 * The embedded store's driver over one SQLite file, its statements prepared once per SQL text
 * (StatementCache). Two better-sqlite3 connections: one writes, one only reads.
 *
 * Writes: better-sqlite3's calls are synchronous, so an async transaction would let other
 * requests' statements run inside it between awaits; a queue gives each transaction the writing
 * connection to itself, and a lone write statement is a transaction of one statement.
 *
 * Group commit: a COMMIT with synchronous=FULL is an fsync that blocks the process (milliseconds,
 * most of a push's cost). The transactions waiting in the queue (and those that arrive while the
 * group runs, up to maxGroup) therefore run one after another inside one BEGIN IMMEDIATE ...
 * COMMIT, each in a SAVEPOINT of its own: one that throws is rolled back to its savepoint and
 * rejects at once without touching the others; the others resolve only after the COMMIT, as
 * durable as before. Should SQLite end the whole transaction itself (an I/O error, a full disk) or
 * the COMMIT fail, every transaction of the group rejects.
 *
 * Reads outside a transaction run at once on the reading connection (WAL: it sees what is
 * committed, never a group's uncommitted writes, so a pull never hands out a sequence number that a
 * crash could take back); a caller's own writes are committed before its promise resolves, so it
 * reads them. A "query" that writes (RETURNING) goes the way of writes.
 * notify() is heard in this process only (one process owns an embedded database), after COMMIT.
 */
export function openSqliteDriver(file: string, options: SqliteDriverOptions = {}): SqlDriver {
  const db: SqliteDatabase = openDatabase(file);
  let reader: SqliteDatabase;
  try {
    reader = openDatabase(file, { readonly: true });
  } catch (error) {
    db.close();
    throw error;
  }
  const statements = new StatementCache(db);
  const readStatements = new StatementCache(reader);
  const maxGroup = options.maxGroup ?? 64;
  const listeners = new Set<NotificationListener>();
  // Listeners hear a notification after the statement or transaction that sent it is done.
  const tell = (payloads: readonly string[]) => {
    if (payloads.length === 0 || listeners.size === 0) return;
    queueMicrotask(() => {
      for (const payload of payloads) deliverNotification(listeners, payload);
    });
  };

  const runQuery = <T extends SqlRow>(sql: string, params: readonly SqlParam[]): T[] => {
    const entry = statements.get(sql);
    return entry.statement.all(...bind(entry, params)) as T[];
  };
  const runExecute = (sql: string, params: readonly SqlParam[]): number => {
    if (params.length === 0 && !sql.includes('$')) {
      db.exec(sql);
      return 0;
    }
    const entry = statements.get(sql);
    return entry.statement.run(...bind(entry, params)).changes;
  };

  // ---- the queue of writes ----
  const queue: Job[] = [];
  let pumping = false;
  let closed = false;

  const enqueue = (job: Job) => {
    queue.push(job);
    if (!pumping) void pump();
  };

  /** The next transaction waiting; when none is, after one turn of the event loop (requests that arrived meanwhile join). */
  async function nextTransaction(): Promise<TransactionJob | undefined> {
    if (queue[0]?.kind !== 'transaction') await new Promise((resolve) => setImmediate(resolve));
    return queue[0]?.kind === 'transaction' ? (queue.shift() as TransactionJob) : undefined;
  }

  async function runGroup(first: TransactionJob): Promise<void> {
    const done: { job: TransactionJob; result: unknown; payloads: string[] }[] = [];
    db.exec('BEGIN IMMEDIATE');
    let next: TransactionJob | undefined = first;
    let broken: unknown = null;
    while (next) {
      const job: TransactionJob = next;
      const payloads: string[] = [];
      const tx: SqlExecutor = {
        dialect: 'sqlite',
        query: async <T extends SqlRow>(sql: string, params: readonly SqlParam[] = []) => runQuery<T>(sql, params),
        execute: async (sql: string, params: readonly SqlParam[] = []) => runExecute(sql, params),
        notify: async (payload: string) => {
          payloads.push(payload);
        },
      };
      db.exec('SAVEPOINT veldwerk_tx');
      try {
        const result = await job.fn(tx);
        db.exec('RELEASE veldwerk_tx');
        done.push({ job, result, payloads });
      } catch (error) {
        if (db.inTransaction) {
          db.exec('ROLLBACK TO veldwerk_tx');
          db.exec('RELEASE veldwerk_tx');
          job.reject(error);
        } else {
          // SQLite rolled the whole transaction back: the group's earlier work is gone too.
          broken = error;
          job.reject(error);
          break;
        }
      }
      if (done.length >= maxGroup) break;
      next = await nextTransaction();
    }
    if (broken === null) {
      try {
        db.exec('COMMIT');
      } catch (error) {
        broken = error;
        if (db.inTransaction) db.exec('ROLLBACK');
      }
    }
    if (broken !== null) {
      for (const { job } of done) job.reject(broken);
      return;
    }
    options.onGroupCommit?.(done.length);
    for (const { job, result, payloads } of done) {
      tell(payloads);
      job.resolve(result);
    }
  }

  async function pump(): Promise<void> {
    pumping = true;
    try {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (job.kind === 'close') {
          if (db.open) db.close();
          if (reader.open) reader.close();
          job.resolve(undefined);
          continue;
        }
        if (!db.open) {
          job.reject(new Error('The database is closed.'));
          continue;
        }
        try {
          await runGroup(job);
        } catch (error) {
          // BEGIN itself failed (the database is locked by another process past busy_timeout).
          if (db.inTransaction) db.exec('ROLLBACK');
          job.reject(error);
        }
      }
    } finally {
      pumping = false;
    }
  }

  const transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new Error('The database is closed.'));
      enqueue({ kind: 'transaction', fn, resolve: resolve as (value: unknown) => void, reject });
    });

  return {
    dialect: 'sqlite',
    query: async <T extends SqlRow>(sql: string, params: readonly SqlParam[] = []) => {
      if (closed) throw new Error('The database is closed.');
      const entry = readStatements.get(sql);
      if (!entry.statement.readonly) return transaction(async (tx) => tx.query<T>(sql, params));
      return entry.statement.all(...bind(entry, params)) as T[];
    },
    execute: (sql: string, params: readonly SqlParam[] = []) => transaction(async (tx) => tx.execute(sql, params)),
    notify: async (payload: string) => tell([payload]),
    transaction,
    listen: async (listener) => {
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        enqueue({ kind: 'close', resolve: () => resolve() });
      }),
  };
}
