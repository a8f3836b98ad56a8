import { openDatabase, type SqliteDatabase } from '../../db/connection';
import {
  deliverNotification,
  toPositional,
  type NotificationListener,
  type SqlDriver,
  type SqlExecutor,
  type SqlParam,
  type SqlRow,
} from './sql';

/**
 * The embedded store's driver: one better-sqlite3 connection. Its calls are synchronous, so an
 * async transaction would let other requests' statements run inside it between awaits; a
 * promise queue gives each transaction (and each lone statement) the connection to itself.
 * notify() is heard in this process only (one process owns an embedded database), after COMMIT.
 */
export function openSqliteDriver(file: string): SqlDriver {
  const db: SqliteDatabase = openDatabase(file);
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<NotificationListener>();
  // Listeners hear a notification after the statement or transaction that sent it is done.
  const tell = (payloads: readonly string[]) => {
    if (payloads.length === 0 || listeners.size === 0) return;
    queueMicrotask(() => {
      for (const payload of payloads) deliverNotification(listeners, payload);
    });
  };

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
    notify: async (payload: string) => tell([payload]),
  };

  return {
    dialect: 'sqlite',
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    execute: (sql, params) => exclusive(() => direct.execute(sql, params)),
    notify: (payload) => direct.notify(payload),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
      exclusive(async () => {
        const pending: string[] = [];
        const tx: SqlExecutor = {
          ...direct,
          notify: async (payload: string) => {
            pending.push(payload);
          },
        };
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(tx);
          db.exec('COMMIT');
          tell(pending);
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    listen: async (listener) => {
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
    close: () =>
      exclusive(async () => {
        if (db.open) db.close();
      }),
  };
}
