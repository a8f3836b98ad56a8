import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type SqliteDatabase } from './connection';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { BlobStore } from './store/blobs';
import { LocalStore, type StoreOptions } from './store/store';

export const DATABASE_FILE = 'veldwerk.sqlite';
export const BLOBS_DIR = 'blobs';

export interface Profile {
  readonly dir: string;
  readonly db: SqliteDatabase;
  /** The sync-ready store: every write of a record goes through it. */
  readonly store: LocalStore;
  /** Content-addressed files (documents received on visits). */
  readonly blobs: BlobStore;
  close(): void;
}

export interface OpenProfileOptions {
  readonly nativeBinding?: string;
  readonly store?: StoreOptions;
}

/**
 * Opens (and creates where needed) a user's profile folder: one SQLite database, migrated to
 * the newest schema. Throws MigrationHistoryError for a history this build does not recognise.
 */
export function openProfile(dir: string, options: OpenProfileOptions = {}): Profile {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const db = openDatabase(path.join(absolute, DATABASE_FILE), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  let store: LocalStore;
  try {
    migrate(db, migrations);
    store = new LocalStore(db, options.store ?? {});
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    dir: absolute,
    db,
    store,
    blobs: new BlobStore(path.join(absolute, BLOBS_DIR)),
    close: () => {
      if (db.open) db.close();
    },
  };
}
