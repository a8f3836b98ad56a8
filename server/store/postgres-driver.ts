import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  deliverNotification,
  type NotificationListener,
  type SqlDriver,
  type SqlExecutor,
  type SqlParam,
  type SqlRow,
} from './sql';

export interface PostgresDriverOptions {
  readonly connectionString: string;
  /** Connections in the pool (default DEFAULT_PG_POOL_SIZE); `veldwerk server --pg-pool-size`. */
  readonly poolSize?: number;
  /** A schema to create (if missing) and use instead of public: isolates test runs. */
  readonly schema?: string;
  /** First pause before the listening connection is opened again after it was lost; default 250 ms (doubling to 30 s). */
  readonly listenRetryMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const DEFAULT_PG_POOL_SIZE = 10;

/** Distinct SQL texts run as named (prepared) statements; texts beyond are run unnamed, so a session's statements stay bounded. */
export const NAMED_STATEMENT_LIMIT = 500;

/** Statements PostgreSQL can prepare (PREPARE takes SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES; WITH leads one of them). */
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\b/i;

/**
 * Names SQL texts for node-postgres's prepared statements ({ name, text, values }): each
 * connection parses a named text once and from then on only binds and executes it. The name is a
 * hash of the text, so one name never stands for two texts. Only texts with parameters that
 * PostgreSQL can prepare are named (DDL and lone statements go the simple way), and at most
 * `limit` of them.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly limit = NAMED_STATEMENT_LIMIT) {}

  get size(): number {
    return this.names.size;
  }

  /** The statement's name, or undefined when it runs unnamed. */
  nameOf(sql: string, params: readonly SqlParam[]): string | undefined {
    if (params.length === 0) return undefined;
    const known = this.names.get(sql);
    if (known !== undefined) return known;
    if (this.names.size >= this.limit || !PREPARABLE.test(sql)) return undefined;
    const name = `vw_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    this.names.set(sql, name);
    return name;
  }
}

/**
 * The notification channel of one database and schema: several Veldwerk servers on one
 * PostgreSQL in different schemas (or databases) never hear each other's campaigns.
 */
export function notificationChannel(database: string, schema: string): string {
  return `veldwerk_news_${createHash('sha256').update(`${database}\u0000${schema}`).digest('hex').slice(0, 24)}`;
}

/**
 * The scale-out driver: a node-postgres pool (poolSize connections); each transaction holds one
 * pooled client. Statements with parameters run as named prepared statements (StatementNames).
 * notify() is NOTIFY (delivered by PostgreSQL at commit, dropped on rollback); listen() holds one
 * extra connection of its own that LISTENs, opened again with backoff when it is lost, after which
 * the listeners hear null (notifications may have been missed meanwhile).
 */
export async function openPostgresDriver(options: PostgresDriverOptions): Promise<SqlDriver> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema))
    throw new Error(`Not a schema name: ${JSON.stringify(options.schema)}`);
  const clientConfig: pg.ClientConfig = {
    connectionString: options.connectionString,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const poolSize = options.poolSize ?? DEFAULT_PG_POOL_SIZE;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`Not a pool size: ${String(poolSize)}`);
  const pool = new pg.Pool({ ...clientConfig, max: poolSize });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  const where = await pool.query<{ database: string; schema: string }>(
    "SELECT current_database() AS database, coalesce(current_schema(), '') AS schema",
  );
  const channel = notificationChannel(where.rows[0]?.database ?? '', where.rows[0]?.schema ?? '');

  const names = new StatementNames();
  const config = (sql: string, params: readonly SqlParam[]): pg.QueryConfig => {
    const name = names.nameOf(sql, params);
    return { text: sql, values: params as unknown[], ...(name !== undefined ? { name } : {}) };
  };
  const notifySql = 'SELECT pg_notify($1, $2)';

  function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
    return {
      dialect: 'postgres',
      query: async <T extends SqlRow>(sql: string, params: readonly SqlParam[] = []) =>
        (await client.query<T>(config(sql, params))).rows,
      execute: async (sql: string, params: readonly SqlParam[] = []) =>
        (await client.query(config(sql, params))).rowCount ?? 0,
      notify: async (payload: string) => {
        await client.query(config(notifySql, [channel, payload]));
      },
    };
  }

  // ---- the listening connection ----
  const listeners = new Set<NotificationListener>();
  let listening: pg.Client | null = null;
  let opening: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let closed = false;
  const firstRetry = options.listenRetryMs ?? 250;

  const openListener = async (): Promise<void> => {
    const client = new pg.Client(clientConfig);
    const lost = () => {
      if (listening !== client) return;
      listening = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      scheduleReopen();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === channel) deliverNotification(listeners, message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed || listeners.size === 0) {
      await client.end().catch(() => undefined);
      return;
    }
    listening = client;
  };

  const scheduleReopen = () => {
    if (closed || listeners.size === 0 || retryTimer) return;
    const wait = Math.min(30_000, firstRetry * 2 ** failures);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      openListener().then(
        () => {
          failures = 0;
          // Whatever was notified while no connection listened is lost: the listeners read again.
          if (listening) deliverNotification(listeners, null);
        },
        () => {
          failures += 1;
          scheduleReopen();
        },
      );
    }, wait);
    retryTimer.unref?.();
  };

  const stopListening = async () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const client = listening;
    listening = null;
    if (client) {
      client.removeAllListeners('notification');
      await client.end().catch(() => undefined);
    }
  };

  const direct = executor(pool);
  return {
    ...direct,
    transaction: async <T>(fn: (tx: SqlExecutor) => Promise<T>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: async (listener) => {
      if (closed) throw new Error('The database is closed.');
      listeners.add(listener);
      if (!listening) {
        // The first listener waits until the connection listens, so it misses nothing after this.
        opening ??= openListener().finally(() => {
          opening = null;
        });
        try {
          await opening;
        } catch (error) {
          if (!listening) {
            listeners.delete(listener);
            throw error;
          }
        }
      }
      return async () => {
        listeners.delete(listener);
        if (listeners.size === 0) await stopListening();
      };
    },
    close: async () => {
      closed = true;
      listeners.clear();
      await opening?.catch(() => undefined);
      await stopListening();
      await pool.end();
    },
  };
}
