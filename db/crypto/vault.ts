import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir } from '../private-files';
import { readKeyFile, writeKeyFile, type KeyBackend } from './key-file';
import { assertProfileKey, newProfileKey } from './profile-key';
import type { KeyWrapper } from './wrappers';

/** The database file's name in a profile folder (db/profile.ts opens it). */
export const DATABASE_FILE = 'veldwerk.sqlite';

/**
 * What a profile folder needs before it opens:
 * - `new`: nothing there yet; choose how to protect it (passphrase or OS keyring), then it is made.
 * - `plaintext`: a profile of an older version, not encrypted; choose how to protect it, then it is
 *   encrypted on open (db/crypto/encrypt-profile.ts).
 * - `locked`: encrypted, its key wrapped by `backend`; unlock it.
 * - `key-missing`: an encrypted database whose key file is gone: it cannot be opened again (the
 *   answer is a fresh profile synced from the server).
 */
export type ProfileKeyState =
  | { readonly kind: 'new' }
  | { readonly kind: 'plaintext' }
  | { readonly kind: 'locked'; readonly backend: KeyBackend }
  | { readonly kind: 'key-missing' };

export class KeyMissingError extends Error {
  override readonly name = 'KeyMissingError';
  constructor(dir: string) {
    super(
      `The profile in ${dir} is encrypted but its key file (veldwerk.key) is missing: it cannot be opened. Start a fresh profile and sync it from the server.`,
    );
  }
}

export class ProfileExistsError extends Error {
  override readonly name = 'ProfileExistsError';
}

function hasDatabase(dir: string): boolean {
  const file = path.join(dir, DATABASE_FILE);
  return existsSync(file) && statSync(file).size > 0;
}

export function profileKeyState(dir: string): ProfileKeyState {
  const keyFile = readKeyFile(dir);
  if (keyFile) return { kind: 'locked', backend: keyFile.wrapped.backend };
  if (!hasDatabase(dir)) return { kind: 'new' };
  return isPlaintextDatabase(path.join(dir, DATABASE_FILE)) ? { kind: 'plaintext' } : { kind: 'key-missing' };
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether a database file is plain SQLite (its first 16 bytes are SQLite's magic string). */
export function isPlaintextDatabase(file: string): boolean {
  return readHead(file).equals(SQLITE_HEADER);
}

function readHead(file: string): Buffer {
  if (!existsSync(file)) return Buffer.alloc(0);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    return head.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The profile key of a folder: made and wrapped on first use (`new`, `plaintext`), unwrapped
 * otherwise. The key file is written (durably) before anything is encrypted with the key.
 */
export async function obtainProfileKey(dir: string, wrapper: KeyWrapper): Promise<Buffer> {
  const state = profileKeyState(dir);
  if (state.kind === 'key-missing') throw new KeyMissingError(dir);
  if (state.kind === 'locked') {
    const keyFile = readKeyFile(dir);
    if (!keyFile) throw new KeyMissingError(dir);
    const key = await wrapper.unwrap(keyFile.wrapped);
    assertProfileKey(key);
    return key;
  }
  ensurePrivateDir(dir);
  const key = newProfileKey();
  writeKeyFile(dir, await wrapper.wrap(key));
  return key;
}

/** Wraps the key again with another wrapper (change of passphrase, or of passphrase and keyring). */
export async function rewrapProfileKey(dir: string, key: Buffer, wrapper: KeyWrapper): Promise<void> {
  assertProfileKey(key);
  const old = readKeyFile(dir);
  writeKeyFile(dir, await wrapper.wrap(key), old?.createdAt);
}
