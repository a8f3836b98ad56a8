/**
 * The small SQL surface the server store needs, implemented once for embedded SQLite and once
 * for PostgreSQL so that one set of repositories (users.ts, campaigns.ts, memberships.ts, tokens.ts,
 * change-log.ts, blobs.ts, behind the ServerStore facade in store.ts) holds every query. Queries use PostgreSQL's
 * numbered placeholders ($1, $2, ...); the SQLite driver rewrites them, once per SQL text
 * (StatementCache in sqlite-driver.ts).
 */
export type SqlParam = string | number | bigint | boolean | null | Buffer;
export type SqlRow = Record<string, unknown>;
export type Dialect = 'sqlite' | 'postgres';

/**
 * Hears the payload of each notify() of the database, or null when some may have been missed
 * (PostgreSQL: the listening connection was lost and is back), so the listener re-reads instead.
 */
export type NotificationListener = (payload: string | null) => void;

export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Rows of a query (or of a statement with RETURNING). */
  query<T extends SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  execute(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Tells every listen() of the database once the transaction commits (at once outside one), and
   * nothing when it rolls back. SQLite: the listeners of this process. PostgreSQL: NOTIFY on a
   * channel of the database and schema, heard by every server process listening on them.
   */
  notify(payload: string): Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Listens to notify(); resolves once listening, to the function that stops listening. */
  listen(listener: NotificationListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Calls each listener with the payload; a listener that throws does not keep the others from hearing it. */
export function deliverNotification(listeners: Iterable<NotificationListener>, payload: string | null): void {
  for (const listener of [...listeners]) {
    try {
      listener(payload);
    } catch {
      // A broken listener must not break the write that notified.
    }
  }
}

/** "$1, $2, ..." starting at start, for a list of count parameters. */
export function placeholders(count: number, start = 1): string {
  return Array.from({ length: count }, (_, index) => `$${start + index}`).join(', ');
}

/** Integer columns come back as number (SQLite) or string (PostgreSQL BIGINT): one reading for both. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  if (value === null || value === undefined) return 0;
  throw new TypeError(`not a number: ${typeof value}`);
}
