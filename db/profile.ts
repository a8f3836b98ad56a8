import path from 'node:path';
import { openDatabase, type SqliteDatabase } from './connection';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { bindNodeToProfile } from './profile-identity';
import { SecretBox } from './secrets';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from './private-files';
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
  /** Wraps secrets kept in the database (sync tokens) with a key in a separate 0600 file. */
  readonly secrets: SecretBox;
  /** Set when this folder turned out to be a copy of another profile: the node id it was given a new one for. */
  readonly clonedFrom: string | null;
  close(): void;
}

export interface OpenProfileOptions {
  readonly nativeBinding?: string;
  readonly store?: StoreOptions;
}

/**
 * Opens (and creates where needed) a user's profile folder: one SQLite database, migrated to
 * the newest schema. The folder is private to the user (0700, files 0600: db/private-files.ts). Throws MigrationHistoryError for a history this build does not recognise.
 */
export function openProfile(dir: string, options: OpenProfileOptions = {}): Profile {
  const absolute = path.resolve(dir);
  ensurePrivateDir(absolute);
  const file = path.join(absolute, DATABASE_FILE);
  ensurePrivateFile(file);
  tightenIfPresent([`${file}-wal`, `${file}-shm`]);
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  let store: LocalStore;
  let clonedFrom: string | null;
  try {
    migrate(db, migrations);
    // Before the store reads its node id: a copied folder gets its own (db/profile-identity.ts).
    clonedFrom = bindNodeToProfile(db, file).clonedFrom;
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
    secrets: new SecretBox(absolute),
    clonedFrom,
    close: () => {
      if (db.open) db.close();
    },
  };
}
