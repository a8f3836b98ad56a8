import { hkdfSync, randomBytes } from 'node:crypto';

/**
 * The profile key: 32 random bytes, made once per profile and kept only wrapped (key-file.ts).
 * SQLite3 Multiple Ciphers takes it as a raw key (no key derivation on each open); the other
 * keys of the profile are derived from it with HKDF-SHA256, one per purpose, so no key is used
 * for two things.
 */
export const PROFILE_KEY_BYTES = 32;

export type KeyPurpose = 'blobs' | 'database';

export function newProfileKey(): Buffer {
  return randomBytes(PROFILE_KEY_BYTES);
}

export function assertProfileKey(key: Uint8Array): void {
  if (key.length !== PROFILE_KEY_BYTES)
    throw new Error(`a profile key has ${PROFILE_KEY_BYTES} bytes, not ${key.length}`);
}

/** A key for one purpose, derived from the profile key (HKDF-SHA256, info names the purpose). */
export function deriveKey(profileKey: Uint8Array, purpose: Exclude<KeyPurpose, 'database'>): Buffer {
  assertProfileKey(profileKey);
  return Buffer.from(
    hkdfSync('sha256', profileKey, Buffer.from('veldwerk'), Buffer.from(`veldwerk ${purpose} v1`), 32),
  );
}
