import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BundleError } from '../store/bundle';
import { ByteReader, collect, bufferSource, type ByteSource } from '../store/byte-stream';
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

/**
 * Encrypts a duo file's bytes for the duo under the passphrase (at least 8 characters), as a
 * stream: the key is derived once; each read of the answer is a fresh encryption (new nonce).
 */
export async function sealSource(
  inner: ByteSource,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<ByteSource> {
  checkPassphrase(passphrase);
  const salt = randomBytes(16);
  const key = await deriveAsync(passphrase, salt, cost);
  return async function* () {
    const iv = randomBytes(12);
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
    yield prefix;
    for await (const chunk of inner()) yield cipher.update(chunk);
    yield cipher.final();
    yield cipher.getAuthTag();
  };
}

/** Encrypts a bundle held in memory (see sealSource). */
export async function sealDuoFile(
  bundle: Uint8Array,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Buffer> {
  return collect(await sealSource(bufferSource(bundle), passphrase, cost));
}

/** Whether a stream starts as an encrypted duo file. */
export async function isSealedSource(source: ByteSource): Promise<boolean> {
  const reader = ByteReader.of(source);
  return isSealedDuoFile(await reader.read(SEALED_DUO_MAGIC.length));
}

const damaged = () =>
  new BundleError('The duo file is damaged or truncated (it was changed or cut off after it was made).');

/**
 * The bytes inside an encrypted duo file, as a stream: the passphrase is checked (and the key
 * derived) once, here, so a wrong one is told before anything is read (WrongPassphraseError);
 * each read of the answer decrypts the file again and throws BundleError at its end when the
 * authentication tag does not match (changed or cut off). A reader must therefore act on the
 * bytes only once a read reached the end without an error (db/store/bundle.ts verifies a whole
 * read before it applies anything).
 */
export async function openSealedSource(outer: ByteSource, passphrase: string): Promise<ByteSource> {
  const first = ByteReader.of(outer);
  const magic = await first.read(SEALED_DUO_MAGIC.length);
  if (!isSealedDuoFile(magic)) throw new BundleError('This is not an encrypted Veldwerk duo file.', 'not-a-bundle');
  const lengthBytes = await first.read(4);
  if (lengthBytes.length < 4) throw new BundleError('The duo file is truncated.');
  const headerLength = lengthBytes.readUInt32BE(0);
  if (headerLength > MAX_HEADER_BYTES) throw new BundleError('The duo file is truncated or damaged.');
  const headerBytes = await first.read(headerLength);
  if (headerBytes.length < headerLength) throw new BundleError('The duo file is truncated or damaged.');
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(headerBytes.toString('utf8')));
  } catch {
    throw new BundleError('The duo file is damaged (its header cannot be read).');
  }
  const prefixLength = SEALED_DUO_MAGIC.length + 4 + headerLength;
  const key = await deriveAsync(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const check = Buffer.from(header.check, 'base64');
  const expected = keyCheck(key);
  if (check.length !== expected.length || !timingSafeEqual(check, expected)) {
    key.fill(0);
    throw new WrongPassphraseError('The duo file does not open with this passphrase.');
  }
  return async function* () {
    const reader = ByteReader.of(outer);
    const prefix = await reader.read(prefixLength);
    if (prefix.length < prefixLength) throw damaged();
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
    decipher.setAAD(prefix);
    // The tag is the last 16 bytes: hold them back until the stream ends.
    let held: Buffer = Buffer.alloc(0);
    for await (const chunk of reader.rest()) {
      const joined = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
      if (joined.length <= TAG_BYTES) {
        held = joined;
        continue;
      }
      held = joined.subarray(joined.length - TAG_BYTES);
      yield decipher.update(joined.subarray(0, joined.length - TAG_BYTES));
    }
    if (held.length < TAG_BYTES) throw damaged();
    let last: Buffer;
    try {
      decipher.setAuthTag(held);
      last = decipher.final();
    } catch {
      throw damaged();
    }
    if (last.length > 0) yield last;
  };
}

/** The bundle inside a sealed duo file held in memory; WrongPassphraseError for a wrong passphrase, BundleError for a damaged file. */
export async function openDuoFile(bytes: Uint8Array, passphrase: string): Promise<Buffer> {
  return collect(await openSealedSource(bufferSource(bytes), passphrase));
}
