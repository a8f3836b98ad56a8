import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * Path of a better-sqlite3 native module built for another runtime. The Electron main process
   * passes the copy rebuilt for Electron's ABI (see scripts/electron-native.mjs); Node leaves it unset.
   */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
}

/**
 * Opens one SQLite file the way every Veldwerk store wants it: WAL journal, foreign keys on,
 * synchronous=FULL so that a change reported as saved survives a power cut.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
