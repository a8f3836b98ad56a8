import pg from 'pg';
import type { SqlDriver, SqlExecutor, SqlParam, SqlRow } from './sql';

export interface PostgresDriverOptions {
  readonly connectionString: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** A schema to create (if missing) and use instead of public: isolates test runs. */
  readonly schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The scale-out driver: a node-postgres pool; each transaction holds one pooled client. */
export async function openPostgresDriver(options: PostgresDriverOptions): Promise<SqlDriver> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema))
    throw new Error(`Not a schema name: ${JSON.stringify(options.schema)}`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);

  function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
    return {
      dialect: 'postgres',
      query: async <T extends SqlRow>(sql: string, params: readonly SqlParam[] = []) =>
        (await client.query<T>(sql, params as unknown[])).rows,
      execute: async (sql: string, params: readonly SqlParam[] = []) =>
        (await client.query(sql, params as unknown[])).rowCount ?? 0,
    };
  }

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
    close: () => pool.end(),
  };
}
