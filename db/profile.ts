import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type SqliteDatabase } from './connection';
import { migrate } from './migrate';
import { migrations } from './migrations';

export const DATABASE_FILE = 'veldwerk.sqlite';

export interface Profile {
  readonly dir: string;
  readonly db: SqliteDatabase;
  close(): void;
}

export interface OpenProfileOptions {
  readonly nativeBinding?: string;
}

/**
 * Opens (and creates where needed) a user's profile folder: one SQLite database, migrated to
 * the newest schema. Throws MigrationHistoryError for a history this build does not recognise.
 */
export function openProfile(dir: string, options: OpenProfileOptions = {}): Profile {
  const absolute = path.resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const db = openDatabase(path.join(absolute, DATABASE_FILE), options);
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    dir: absolute,
    db,
    close: () => {
      if (db.open) db.close();
    },
  };
}
