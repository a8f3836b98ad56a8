import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { PRIVATE_FILE_MODE, ensurePrivateFile } from '../private-files';

/** The profile key, wrapped, beside the database: `<profile>/veldwerk.key`. */
export const KEY_FILE = 'veldwerk.key';
export const KEY_FILE_FORMAT = 'veldwerk-profile-key';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** A key wrapped under a key derived from the user's passphrase (scrypt, memory-hard) with AES-256-GCM. */
export const passphraseWrappedSchema = z.object({
  backend: z.literal('passphrase'),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2)
      .max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64,
  }),
  iv: base64,
  tag: base64,
  data: base64,
});

/** A key wrapped by the operating system's keyring (the desktop app: Electron's safeStorage). */
export const keyringWrappedSchema = z.object({
  backend: z.literal('os-keyring'),
  /** Which keyring did it (safeStorage's backend name on Linux, or the platform), for messages. */
  keyring: z.string().min(1).max(64),
  data: base64,
});

export const wrappedKeySchema = z.discriminatedUnion('backend', [passphraseWrappedSchema, keyringWrappedSchema]);
export type WrappedKey = z.infer<typeof wrappedKeySchema>;
export type KeyBackend = WrappedKey['backend'];

const keyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  wrapped: wrappedKeySchema,
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

export function keyFilePath(dir: string): string {
  return path.join(dir, KEY_FILE);
}

/** The wrapped key of a profile folder, or null when it has none. Throws KeyFileError for a damaged file. */
export function readKeyFile(dir: string): KeyFile | null {
  const file = keyFilePath(dir);
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new KeyFileError(`${file} is not a Veldwerk key file (it is not JSON).`);
  }
  const result = keyFileSchema.safeParse(parsed);
  if (!result.success) throw new KeyFileError(`${file} is not a Veldwerk key file this version can read.`);
  return result.data;
}

/**
 * Writes the key file durably: a temporary file, fsynced, renamed over the old one and the folder
 * fsynced, so a crash leaves the old key file or the new one, never half of one. A profile whose
 * key file is lost cannot be opened again, so this must be on disk before anything is encrypted.
 */
export function writeKeyFile(dir: string, wrapped: WrappedKey, createdAt = new Date().toISOString()): void {
  const file = keyFilePath(dir);
  const content: KeyFile = { format: KEY_FILE_FORMAT, version: 1, createdAt, wrapped };
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  ensurePrivateFile(file);
  syncDirectory(dir);
}

/** fsync of a folder, so a rename in it survives a power cut (a no-op where folders cannot be opened). */
export function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
