import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BundleError } from '../store/bundle';
import { z } from 'zod';
import { DEFAULT_SCRYPT_COST, checkPassphrase, deriveAsync, WrongPassphraseError, type ScryptCost } from './passphrase';

/**
 * A duo file encrypted for the duo: an outer layer around the bundle's bytes (db/store/bundle.ts,
 * which stays what it is inside, signature and all), under a key derived from a passphrase the
 * two inspectors agree on and the importer types (scrypt, memory-hard), with AES-256-GCM.
 *
 *   "VWDUOSE1" | header length (u32 BE) | header JSON (scrypt cost, salt, nonce, check) | ciphertext | tag
 *
 * `check` (a hash of the derived key) tells a wrong passphrase from a damaged file.
 *
 * The magic and the header are the additional data, so neither can be changed unnoticed. A file
 * found on a USB stick says nothing but that it is a Veldwerk duo file.
 */
export const SEALED_DUO_MAGIC = Buffer.from('VWDUOSE1', 'latin1');
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 4096;

const headerSchema = z
  .object({
    kdf: z.object({
      name: z.literal('scrypt'),
      N: z
        .number()
        .int()
        .min(2)
        .max(2 ** 22),
      r: z.number().int().min(1).max(32),
      p: z.number().int().min(1).max(16),
      salt: z.string().max(64),
    }),
    iv: z.string().max(64),
    check: z.string().max(64),
  })
  .strict();

const keyCheck = (key: Buffer) =>
  createHash('sha256').update(key).update('veldwerk duo file check').digest().subarray(0, 16);

export function isSealedDuoFile(bytes: Uint8Array): boolean {
  return bytes.length >= SEALED_DUO_MAGIC.length && SEALED_DUO_MAGIC.equals(bytes.subarray(0, SEALED_DUO_MAGIC.length));
}

/** Encrypts a bundle for the duo under the passphrase (at least 8 characters). */
export async function sealDuoFile(
  bundle: Uint8Array,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Buffer> {
  checkPassphrase(passphrase);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveAsync(passphrase, salt, cost);
  const header = Buffer.from(
    JSON.stringify({
      kdf: { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64') },
      iv: iv.toString('base64'),
      check: keyCheck(key).toString('base64'),
    }),
    'utf8',
  );
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const prefix = Buffer.concat([SEALED_DUO_MAGIC, length, header]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(prefix);
  return Buffer.concat([prefix, cipher.update(bundle), cipher.final(), cipher.getAuthTag()]);
}

/** The bundle inside a sealed duo file; WrongPassphraseError for a wrong passphrase, BundleError for a damaged file. */
export async function openDuoFile(bytes: Uint8Array, passphrase: string): Promise<Buffer> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isSealedDuoFile(data)) throw new BundleError('This is not an encrypted Veldwerk duo file.', 'not-a-bundle');
  const start = SEALED_DUO_MAGIC.length;
  if (data.length < start + 4) throw new BundleError('The duo file is truncated.');
  const headerLength = data.readUInt32BE(start);
  if (headerLength > MAX_HEADER_BYTES || data.length < start + 4 + headerLength + TAG_BYTES)
    throw new BundleError('The duo file is truncated or damaged.');
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(data.subarray(start + 4, start + 4 + headerLength).toString('utf8')));
  } catch {
    throw new BundleError('The duo file is damaged (its header cannot be read).');
  }
  const prefix = data.subarray(0, start + 4 + headerLength);
  const key = await deriveAsync(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const check = Buffer.from(header.check, 'base64');
  const expected = keyCheck(key);
  if (check.length !== expected.length || !timingSafeEqual(check, expected))
    throw new WrongPassphraseError('The duo file does not open with this passphrase.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
    decipher.setAAD(prefix);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(prefix.length, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BundleError('The duo file is damaged or truncated (it was changed or cut off after it was made).');
  }
}
