import Database from 'better-sqlite3-multiple-ciphers';
import { assertProfileKey } from './crypto/profile-key';

export type SqliteDatabase = Database.Database;
export type SqliteStatement = Database.Statement;

export interface OpenDatabaseOptions {
  /**
   * Path of the SQLite native module built for another runtime. The Electron main process passes
   * the copy rebuilt for Electron's ABI (see scripts/electron-native.mjs); Node leaves it unset.
   */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
  /**
   * The 32-byte raw key of an encrypted database (SQLite3 Multiple Ciphers, its default cipher
   * ChaCha20-Poly1305). Given as `x'<hex>'`, which the library takes as the key itself: no key
   * derivation on open. Omitted (the sync server's own database), the file is plain SQLite.
   */
  readonly key?: Uint8Array;
}

export class WrongKeyError extends Error {
  override readonly name = 'WrongKeyError';
  readonly code = 'SQLITE_NOTADB';
  constructor(file: string) {
    super(`${file} cannot be read with this key (or it is not a Veldwerk database).`);
  }
}

/** Sets the key of a connection before its first read; a database that the key does not open throws WrongKeyError. */
export function applyKey(db: SqliteDatabase, key: Uint8Array): void {
  assertProfileKey(key);
  // Only hex digits are interpolated.
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new WrongKeyError(db.name);
    throw error;
  }
}

/**
 * Opens one SQLite file the way every Veldwerk store wants it: WAL journal, foreign keys on,
 * synchronous=FULL so that a change reported as saved survives a power cut, temporary tables and
 * indexes in memory (never in plaintext temporary files), and the key first when it has one.
 * Every database of the app and the server opens here.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    if (options.key) applyKey(db, options.key);
    db.pragma('temp_store = MEMORY');
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

/** A database in memory or from serialized bytes (tests and the in-memory store), on the same driver. */
export function openMemory(bytes?: Buffer): SqliteDatabase {
  return bytes ? new Database(bytes) : new Database(':memory:');
}
