import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * A profile holds interview notes, documents and the sync tokens: only the user who owns it may
 * read it. Folders are 0700 and files 0600, whatever the process umask says; an older profile
 * created 0755/0644 is tightened when it is opened. On Windows chmod only toggles read-only, and
 * the profile lives in the user's own AppData, which other users cannot read by default.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a folder (and its parents) private to the user, or tightens an existing one. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates an empty file 0600 when it does not exist yet, or tightens an existing one. SQLite creates
 * its -wal and -shm files with the mode of the database file, so creating the database file this
 * way first keeps those private too.
 */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Tightens files that may exist (an old profile's -wal/-shm), skipping missing ones. */
export function tightenIfPresent(files: readonly string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}
