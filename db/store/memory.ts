import { randomBytes } from 'node:crypto';
import { openMemory, type SqliteDatabase } from '../connection';
import { migrate } from '../migrate';
import { migrations } from '../migrations';
import { LocalStore, type StoreOptions } from './store';

let template: Buffer | null = null;

/**
 * A store in memory (tests, property runs, benchmarks): the migrated schema is built once and
 * cloned, each clone with its own node id. `node` fixes the id (8 to 32 of [a-z0-9]).
 */
export function openMemoryStore(options: StoreOptions & { node?: string } = {}): LocalStore {
  return new LocalStore(openMemoryDatabase(options.node), options);
}

/** A migrated database in memory with its own node id, for a test that opens stores over it itself. */
export function openMemoryDatabase(node?: string): SqliteDatabase {
  if (!template) {
    const db = openMemory();
    migrate(db, migrations);
    template = db.serialize();
    db.close();
  }
  const db: SqliteDatabase = openMemory(template);
  db.pragma('foreign_keys = ON');
  db.prepare("UPDATE meta SET value = ? WHERE key = 'node_id'").run(node ?? randomBytes(8).toString('hex'));
  return db;
}
