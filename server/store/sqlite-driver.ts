import { openDatabase, type SqliteDatabase } from '../../db/connection';
import { toPositional, type SqlDriver, type SqlExecutor, type SqlParam, type SqlRow } from './sql';

/**
 * The embedded store's driver: one better-sqlite3 connection. Its calls are synchronous, so an
 * async transaction would let other requests' statements run inside it between awaits; a
 * promise queue gives each transaction (and each lone statement) the connection to itself.
 */
export function openSqliteDriver(file: string): SqlDriver {
  const db: SqliteDatabase = openDatabase(file);
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  }

  function bind(params: readonly SqlParam[]): unknown[] {
    return params.map((param) => (typeof param === 'boolean' ? (param ? 1 : 0) : param));
  }

  const direct: SqlExecutor = {
    dialect: 'sqlite',
    query: async <T extends SqlRow>(sql: string, params: readonly SqlParam[] = []) => {
      const positional = toPositional(sql, params);
      return db.prepare(positional.sql).all(...bind(positional.params)) as T[];
    },
    execute: async (sql: string, params: readonly SqlParam[] = []) => {
      if (params.length === 0 && !sql.includes('$')) {
        db.exec(sql);
        return 0;
      }
      const positional = toPositional(sql, params);
      return db.prepare(positional.sql).run(...bind(positional.params)).changes;
    },
  };

  return {
    dialect: 'sqlite',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    execute: (sql, params) => exclusive(() => direct.execute(sql, params)),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: () =>
      exclusive(async () => {
        if (db.open) db.close();
      }),
  };
}
