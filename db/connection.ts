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
   * The 32-byte raw key of an encrypted database (SQLite3 Multiple Ciphers, cipher AEGIS; profiles
   * of earlier builds are ChaCha20-Poly1305, see PROFILE_CIPHER). Given as `x'<hex>'`, which the
   * library takes as the key itself: no key derivation on open. Omitted (the sync server's own
   * database), the file is plain SQLite.
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

/**
 * The cipher of profile databases: AEGIS (SQLite3 Multiple Ciphers), authenticated and, with the
 * CPU's AES instructions, as fast as no encryption on a note's autosave (issue 12's budget is
 * 1.15x; ChaCha20-Poly1305, the library's default, cost 1.3x here). Profiles encrypted by earlier
 * builds use LEGACY_PROFILE_CIPHER; they open with it and are re-keyed to AEGIS on open
 * (db/crypto/encrypt-profile.ts).
 */
export const PROFILE_CIPHER = 'aegis';
export const LEGACY_PROFILE_CIPHER = 'chacha20';
export type ProfileCipher = typeof PROFILE_CIPHER | typeof LEGACY_PROFILE_CIPHER;

function keyedWith(db: SqliteDatabase, key: Uint8Array, cipher: ProfileCipher): boolean {
  // Only hex digits and the two cipher names above are interpolated.
  db.pragma(`cipher = '${cipher}'`);
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw error;
  }
}

/**
 * Sets the key of a connection before its first read and answers the cipher that opened it
 * (AEGIS, or the legacy one of an earlier build's profile); a database that the key does not open
 * throws WrongKeyError.
 */
export function applyKey(db: SqliteDatabase, key: Uint8Array): ProfileCipher {
  assertProfileKey(key);
  if (keyedWith(db, key, PROFILE_CIPHER)) return PROFILE_CIPHER;
  if (keyedWith(db, key, LEGACY_PROFILE_CIPHER)) return LEGACY_PROFILE_CIPHER;
  throw new WrongKeyError(db.name);
}

/** The cipher a key opens an encrypted database file with (null: the key does not open it). */
export function cipherOf(file: string, key: Uint8Array, nativeBinding?: string): ProfileCipher | null {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return applyKey(db, key);
  } catch (error) {
    if (error instanceof WrongKeyError) return null;
    throw error;
  } finally {
    db.close();
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
