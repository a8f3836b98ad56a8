import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto). Stored as
 * scrypt$<N>$<r>$<p>$<salt base64>$<key base64>, so parameters can be raised later and old
 * hashes still verify; a login with a hash weaker than PASSWORD_PARAMS rehashes it
 * (needsRehash). N = 2^17, r = 8, p = 1 is OWASP's current guidance for scrypt; one hash then
 * takes 128 MiB, so at most MAX_CONCURRENT_HASHES run at once (a burst of logins waits instead
 * of taking the server's memory).
 */
export const PASSWORD_PARAMS = { N: 1 << 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;
const MAX_CONCURRENT_HASHES = 2;

type Params = { N: number; r: number; p: number };

// A two-slot semaphore, hand-written: a dozen lines do not justify a dependency.
let running = 0;
const waiting: Array<() => void> = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return withSlot(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

export class WeakPasswordError extends Error {
  override readonly name = 'WeakPasswordError';
}

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new WeakPasswordError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new WeakPasswordError(`A password may have at most ${MAX_PASSWORD_LENGTH} characters.`);
}

/** Hashes a password with PASSWORD_PARAMS (params: only for tests of the rehash). */
export async function hashPassword(password: string, params: Params = PASSWORD_PARAMS): Promise<string> {
  checkPasswordStrength(password);
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parseHash(encoded: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (![N, r, p].every(Number.isSafeInteger) || key.length !== KEY_LENGTH) return null;
  // A stored hash must not make the server spend more than the current parameters (a tampered row).
  if (N > PASSWORD_PARAMS.N || r > PASSWORD_PARAMS.r || p > PASSWORD_PARAMS.p) return null;
  return { params: { N, r, p }, salt: Buffer.from(parts[4] ?? '', 'base64'), key };
}

/** Whether a stored hash uses weaker parameters than PASSWORD_PARAMS (rehash it at the next login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return (
    parsed !== null &&
    (parsed.params.N < PASSWORD_PARAMS.N || parsed.params.r < PASSWORD_PARAMS.r || parsed.params.p < PASSWORD_PARAMS.p)
  );
}

// Verifying against this when the user does not exist keeps the answer time the same.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const parsed = parseHash(stored ?? (await (dummyHash ??= hashPassword('not-a-real-password-for-timing'))));
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key) && stored !== null;
}
