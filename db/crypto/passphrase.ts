import { createCipheriv, createDecipheriv, randomBytes, scrypt, scryptSync, type ScryptOptions } from 'node:crypto';
import type { z } from 'zod';
import type { passphraseWrappedSchema } from './key-file';

export type PassphraseWrapped = z.infer<typeof passphraseWrappedSchema>;

/** scrypt's cost. The default costs 128 MiB and a few hundred ms per unlock: slow for a guesser, once per start for us. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 8;
const AAD = Buffer.from('veldwerk-profile-key v1', 'utf8');

export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor(message = 'The passphrase is not the one this profile was locked with.') {
    super(message);
  }
}

export class WeakPassphraseError extends Error {
  override readonly name = 'WeakPassphraseError';
  constructor() {
    super(`A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

function scryptOptions(cost: ScryptCost): ScryptOptions {
  // scrypt needs 128 * N * r bytes; allow that plus headroom (node's default cap is 32 MiB).
  return { N: cost.N, r: cost.r, p: cost.p, maxmem: 128 * cost.N * cost.r * 2 };
}

/** scrypt(passphrase, salt) to a 32-byte key, on libuv's thread pool (also the duo file's key: db/crypto/duo-file.ts). */
export function deriveAsync(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, scryptOptions(cost), (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function deriveSync(passphrase: string, salt: Buffer, cost: ScryptCost): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, scryptOptions(cost));
}

function seal(key: Buffer, wrappingKey: Buffer, salt: Buffer, cost: ScryptCost): PassphraseWrapped {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    backend: 'passphrase',
    kdf: { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

function open(wrapped: PassphraseWrapped, wrappingKey: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** Runs work with a key derived from the passphrase, then zeroes it (also when the work throws). */
function withKey<T>(wrappingKey: Buffer, work: (key: Buffer) => T): T {
  try {
    return work(wrappingKey);
  } finally {
    wrappingKey.fill(0);
  }
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new WeakPassphraseError();
}

/** Wraps the profile key under scrypt(passphrase) with AES-256-GCM (the work runs on libuv's thread pool). */
export async function wrapWithPassphrase(
  key: Buffer,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<PassphraseWrapped> {
  checkPassphrase(passphrase);
  const salt = randomBytes(16);
  return withKey(await deriveAsync(passphrase, salt, cost), (wrappingKey) => seal(key, wrappingKey, salt, cost));
}

/** The profile key; throws WrongPassphraseError when the passphrase does not open it. */
export async function unwrapWithPassphrase(wrapped: PassphraseWrapped, passphrase: string): Promise<Buffer> {
  const wrappingKey = await deriveAsync(passphrase, Buffer.from(wrapped.kdf.salt, 'base64'), wrapped.kdf);
  return withKey(wrappingKey, (derived) => open(wrapped, derived));
}

/** The same two steps blocking, for callers that cannot wait (a synchronous test helper, a child writer). */
export function wrapWithPassphraseSync(
  key: Buffer,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): PassphraseWrapped {
  checkPassphrase(passphrase);
  const salt = randomBytes(16);
  return withKey(deriveSync(passphrase, salt, cost), (wrappingKey) => seal(key, wrappingKey, salt, cost));
}

export function unwrapWithPassphraseSync(wrapped: PassphraseWrapped, passphrase: string): Buffer {
  return withKey(deriveSync(passphrase, Buffer.from(wrapped.kdf.salt, 'base64'), wrapped.kdf), (derived) =>
    open(wrapped, derived),
  );
}
