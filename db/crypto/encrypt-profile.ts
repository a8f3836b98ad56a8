import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { LEGACY_PROFILE_CIPHER, PROFILE_CIPHER, applyKey, cipherOf } from '../connection';
import { ensurePrivateFile } from '../private-files';
import { moveProfileHome } from '../profile-identity';
import { syncDirectory } from './key-file';
import { isPlaintextDatabase } from './vault';

/** Suffix of the copy being encrypted; a leftover one (a crash) is thrown away and made again. */
export const ENCRYPTING_SUFFIX = '.encrypting';

export class EncryptionCheckError extends Error {
  override readonly name = 'EncryptionCheckError';
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeLeftovers(copy: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
}

/**
 * Encrypts a plaintext profile database (an older version's) under the profile key, so that
 * nothing is lost wherever the process is killed:
 *
 * 1. The plaintext database leaves WAL mode (checkpoint, journal_mode=DELETE): one self-contained
 *    file, no -wal or -shm beside it. Killed here: still a plaintext profile; the next start
 *    begins again.
 * 2. A copy is made beside it (`veldwerk.sqlite.encrypting`), re-keyed with `PRAGMA rekey` (which
 *    rewrites every page, free pages too) and fsynced; the plaintext original stays untouched as
 *    the backup. Killed here: the copy is a leftover, removed on the next start.
 * 3. The copy is opened with the key and must pass `PRAGMA integrity_check` and hold as many rows
 *    in every table as the original; otherwise it is removed and the original stays.
 * 4. Only then one rename replaces the original (the backup) with the encrypted copy, and the
 *    folder is fsynced. A rename is atomic: the name points to the whole plaintext file or to the
 *    whole encrypted one.
 *
 * The key file must be on disk before this runs (db/crypto/vault.ts writes it first).
 * Returns false when there was nothing to encrypt.
 */
export function encryptPlaintextDatabase(file: string, key: Uint8Array, nativeBinding?: string): boolean {
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  removeLeftovers(copy);
  if (!isPlaintextDatabase(file)) return false;
  rekeyToProfileCipher(file, key, false, nativeBinding);
  return true;
}

/**
 * Re-keys a profile that an earlier build encrypted with the legacy cipher (ChaCha20-Poly1305)
 * to the profile cipher (AEGIS, db/connection.ts), by the same crash-safe steps as the first
 * encryption: the original stays whole until the re-keyed copy passed its checks and one rename
 * puts it in place. Returns false when the profile needs none (new, plaintext or AEGIS already).
 */
export function upgradeProfileCipher(file: string, key: Uint8Array, nativeBinding?: string): boolean {
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  removeLeftovers(copy);
  if (!existsSync(file) || statSync(file).size === 0 || isPlaintextDatabase(file)) return false;
  if (cipherOf(file, key, nativeBinding) !== LEGACY_PROFILE_CIPHER) return false;
  rekeyToProfileCipher(file, key, true, nativeBinding);
  return true;
}

function rekeyToProfileCipher(file: string, key: Uint8Array, legacy: boolean, nativeBinding?: string): void {
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  const options = nativeBinding ? { nativeBinding } : {};
  const open = (name: string) => {
    const db = new Database(name, options);
    if (legacy) applyKey(db, key);
    return db;
  };

  // 1. Out of WAL mode, with whatever the -wal still held folded in.
  const original = open(file);
  let counts: Map<string, number>;
  try {
    original.pragma('wal_checkpoint(TRUNCATE)');
    original.pragma('journal_mode = DELETE');
    counts = rowCounts(original);
  } finally {
    original.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

  // 2. The copy, re-keyed in place.
  copyFileSync(file, copy);
  ensurePrivateFile(copy);
  const rekeyed = open(copy);
  try {
    rekeyed.pragma('temp_store = MEMORY');
    // The cipher set before the rekey is the one the pages are rewritten with.
    rekeyed.pragma(`cipher = '${PROFILE_CIPHER}'`);
    rekeyed.pragma(`rekey = "x'${Buffer.from(key).toString('hex')}'"`);
  } finally {
    rekeyed.close();
  }
  rmSync(`${copy}-journal`, { force: true });
  fsyncFile(copy);

  // 3. The copy must open with the key, be intact and hold every row.
  try {
    if (isPlaintextDatabase(copy)) throw new EncryptionCheckError('the re-keyed copy is still plaintext');
    const check = new Database(copy, options);
    try {
      if (applyKey(check, key) !== PROFILE_CIPHER)
        throw new EncryptionCheckError(`the re-keyed copy does not open with ${PROFILE_CIPHER}`);
      const integrity = check.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok')
        throw new EncryptionCheckError(`integrity_check of the encrypted copy: ${String(integrity)}`);
      const copied = rowCounts(check);
      for (const [table, count] of counts)
        if (copied.get(table) !== count)
          throw new EncryptionCheckError(`the encrypted copy of ${table} has ${copied.get(table)} rows, not ${count}`);
      // The copy is this profile, not a clone of it (db/profile-identity.ts binds the node to the file).
      moveProfileHome(check, file, copy);
    } finally {
      check.close();
    }
  } catch (error) {
    removeLeftovers(copy);
    throw error;
  }

  // 4. The encrypted copy takes the original's place in one rename.
  renameSync(copy, file);
  syncDirectory(path.dirname(file));
}

function rowCounts(db: Database.Database): Map<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return new Map(
    tables.map((table) => [
      table,
      db
        .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}
