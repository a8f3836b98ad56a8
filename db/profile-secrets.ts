import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SqliteDatabase } from './connection';

/*
 * Secrets of the laptop that live inside the encrypted database, in the `meta` key-value table
 * (never synced, never in a bundle): the key that wraps the sync tokens (db/secrets.ts) and the
 * LAN identity's certificate and private key (services/lan/identity.ts). Older versions kept them
 * in plain 0600 files beside the database; on open (db/profile.ts) each such file is read once,
 * stored here in a committed transaction, and only then overwritten and deleted, so a crash in
 * between leaves the file (the next open finishes the job) and never loses the secret.
 */

export const SECRET_TOKEN_KEY = 'secret:token-key';
export const SECRET_LAN_IDENTITY = 'secret:lan-identity';
/** The key the renderer seals its draft journals with (services/vault/draft-key.ts). */
export const SECRET_DRAFT_KEY = 'secret:draft-key';

/** Plain files of older versions, by the secret they hold. */
export const LEGACY_TOKEN_KEY_FILE = 'secrets.key';
export const LEGACY_LAN_IDENTITY_FILE = 'lan-identity.json';

/** The LAN identity as stored (the file's JSON of older versions, unchanged). */
export const lanIdentitySchema = z
  .object({ version: z.literal(1), cert: z.string().min(1), key: z.string().min(1) })
  .strict();

/** Whether a stored value is a token key: the base64 of 32 bytes. */
export function isTokenKey(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && Buffer.from(text, 'base64').length === 32;
}

function isLanIdentity(text: string): boolean {
  try {
    return lanIdentitySchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export function readProfileSecret(db: SqliteDatabase, name: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(name) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Stores a secret unless one is already there; answers the one stored (the first writer wins). */
export function storeProfileSecretOnce(db: SqliteDatabase, name: string, value: string): string {
  return db.transaction(() => {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(name, value);
    return readProfileSecret(db, name) as string;
  })();
}

/** Overwrites a file's bytes with zeros (on disk), then deletes it and syncs the folder. */
function shred(file: string): void {
  try {
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    try {
      if (size > 0) writeSync(fd, Buffer.alloc(size), 0, size, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Unreadable or gone: deleting is what matters.
  }
  rmSync(file, { force: true });
}

function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform lets a folder be opened (Windows): the rename/delete is still done.
  }
}

const LEGACY: ReadonlyArray<{ file: string; name: string; valid: (text: string) => boolean }> = [
  { file: LEGACY_TOKEN_KEY_FILE, name: SECRET_TOKEN_KEY, valid: isTokenKey },
  { file: LEGACY_LAN_IDENTITY_FILE, name: SECRET_LAN_IDENTITY, valid: isLanIdentity },
];

/**
 * Moves the secrets an older version kept in plain files into the database (see above). A file
 * that is not what it should be is left alone (the code that reads the secret says what to do);
 * half-written temporary copies of those files (`<file>.<id>.tmp`) are deleted.
 */
export function absorbLegacySecretFiles(db: SqliteDatabase, dir: string): void {
  let touched = false;
  for (const legacy of LEGACY) {
    const file = path.join(dir, legacy.file);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8').trim();
    if (readProfileSecret(db, legacy.name) === null) {
      if (!legacy.valid(text)) continue;
      // Committed (synchronous=FULL) before the file goes: a crash here keeps one of the two.
      storeProfileSecretOnce(db, legacy.name, text);
    }
    shred(file);
    touched = true;
  }
  for (const name of readdirSync(dir)) {
    if (!LEGACY.some((legacy) => name.startsWith(`${legacy.file}.`) && name.endsWith('.tmp'))) continue;
    shred(path.join(dir, name));
    touched = true;
  }
  if (touched) syncFolder(dir);
}
