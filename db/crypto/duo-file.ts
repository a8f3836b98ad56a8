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

const scryptKdfSchema = z
  .object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2)
      .max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().max(64),
  })
  .strict();
/** Sealed under the duo's pairing key (services/lan/pair-key.ts), named by its key id only. */
const pairKdfSchema = z.object({ name: z.literal('pair'), kid: z.string().max(64) }).strict();

const headerSchema = z
  .object({
    kdf: z.discriminatedUnion('name', [scryptKdfSchema, pairKdfSchema]),
    iv: z.string().max(64),
    check: z.string().max(64),
  })
  .strict();

/**
 * What a duo file is sealed with: the passphrase the two inspectors agreed on, or the pairing key
 * the two paired laptops share (no passphrase to type; only the partner's laptop opens it).
 */
export type DuoSeal = { readonly passphrase: string } | { readonly pairKey: Uint8Array; readonly keyId: string };

/**
 * How to open a sealed duo file: the passphrase typed, and/or the pairing keys of this laptop's
 * partners (a key id from the file's header answers the key, or null when no partner has it).
 */
export interface DuoOpener {
  readonly passphrase?: string;
  readonly pairKey?: (keyId: string) => Uint8Array | null;
}

/** Thrown for a file sealed under a pairing key this laptop does not share (made for another laptop). */
export class NotForThisLaptopError extends Error {
  override readonly name = 'NotForThisLaptopError';
}

const keyCheck = (key: Buffer) =>
  createHash('sha256').update(key).update('veldwerk duo file check').digest().subarray(0, 16);

export function isSealedDuoFile(bytes: Uint8Array): boolean {
  return bytes.length >= SEALED_DUO_MAGIC.length && SEALED_DUO_MAGIC.equals(bytes.subarray(0, SEALED_DUO_MAGIC.length));
}

/**
 * Encrypts a duo file's bytes for the duo, as a stream: under the passphrase (at least 8
 * characters; a string is taken as one) or the pairing key. The key is derived once; each read of
 * the answer is a fresh encryption (new nonce).
 */
export async function sealSource(
  inner: ByteSource,
  seal: DuoSeal | string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<ByteSource> {
  const chosen: DuoSeal = typeof seal === 'string' ? { passphrase: seal } : seal;
  let key: Buffer;
  let kdf: z.infer<typeof headerSchema>['kdf'];
  if ('passphrase' in chosen) {
    checkPassphrase(chosen.passphrase);
    const salt = randomBytes(16);
    key = await deriveAsync(chosen.passphrase, salt, cost);
    kdf = { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64') };
  } else {
    if (chosen.pairKey.length !== 32) throw new RangeError('a pairing key has 32 bytes');
    key = Buffer.from(chosen.pairKey);
    kdf = { name: 'pair', kid: chosen.keyId };
  }
  return async function* () {
    const iv = randomBytes(12);
    const header = Buffer.from(
      JSON.stringify({ kdf, iv: iv.toString('base64'), check: keyCheck(key).toString('base64') }),
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
  seal: DuoSeal | string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Buffer> {
  return collect(await sealSource(bufferSource(bundle), seal, cost));
}

/** Whether a stream starts as an encrypted duo file. */
export async function isSealedSource(source: ByteSource): Promise<boolean> {
  const reader = ByteReader.of(source);
  return isSealedDuoFile(await reader.read(SEALED_DUO_MAGIC.length));
}

const damaged = () =>
  new BundleError('The duo file is damaged or truncated (it was changed or cut off after it was made).');

async function readSealedHeader(
  outer: ByteSource,
): Promise<{ header: z.infer<typeof headerSchema>; prefixLength: number }> {
  const first = ByteReader.of(outer);
  const magic = await first.read(SEALED_DUO_MAGIC.length);
  if (!isSealedDuoFile(magic)) throw new BundleError('This is not an encrypted Veldwerk duo file.', 'not-a-bundle');
  const lengthBytes = await first.read(4);
  if (lengthBytes.length < 4) throw new BundleError('The duo file is truncated.');
  const headerLength = lengthBytes.readUInt32BE(0);
  if (headerLength > MAX_HEADER_BYTES) throw new BundleError('The duo file is truncated or damaged.');
  const headerBytes = await first.read(headerLength);
  if (headerBytes.length < headerLength) throw new BundleError('The duo file is truncated or damaged.');
  try {
    return {
      header: headerSchema.parse(JSON.parse(headerBytes.toString('utf8'))),
      prefixLength: SEALED_DUO_MAGIC.length + 4 + headerLength,
    };
  } catch {
    throw new BundleError('The duo file is damaged (its header cannot be read).');
  }
}

/** What a sealed duo file needs to open: the duo's passphrase, or a pairing key (with its id). */
export async function sealedWith(
  outer: ByteSource,
): Promise<{ readonly kind: 'passphrase' } | { readonly kind: 'pair'; readonly keyId: string }> {
  const { header } = await readSealedHeader(outer);
  return header.kdf.name === 'pair' ? { kind: 'pair', keyId: header.kdf.kid } : { kind: 'passphrase' };
}

/**
 * The bytes inside an encrypted duo file, as a stream: the passphrase (or pairing key) is checked
 * (and the key derived) once, here, so a wrong one is told before anything is read (WrongPassphraseError);
 * each read of the answer decrypts the file again and throws BundleError at its end when the
 * authentication tag does not match (changed or cut off). A reader must therefore act on the
 * bytes only once a read reached the end without an error (db/store/bundle.ts verifies a whole
 * read before it applies anything).
 */
export async function openSealedSource(outer: ByteSource, opener: DuoOpener | string): Promise<ByteSource> {
  const how: DuoOpener = typeof opener === 'string' ? { passphrase: opener } : opener;
  const { header, prefixLength } = await readSealedHeader(outer);
  let key: Buffer;
  if (header.kdf.name === 'pair') {
    const shared = how.pairKey?.(header.kdf.kid) ?? null;
    if (!shared)
      throw new NotForThisLaptopError(
        'This duo file was encrypted for another laptop paired with its maker: only that laptop can open it.',
      );
    key = Buffer.from(shared);
  } else {
    key = await deriveAsync(how.passphrase ?? '', Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  }
  const check = Buffer.from(header.check, 'base64');
  const expected = keyCheck(key);
  if (check.length !== expected.length || !timingSafeEqual(check, expected)) {
    key.fill(0);
    if (header.kdf.name === 'pair') throw new BundleError('The duo file is damaged (its key check does not match).');
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
export async function openDuoFile(bytes: Uint8Array, opener: DuoOpener | string): Promise<Buffer> {
  return collect(await openSealedSource(bufferSource(bytes), opener));
}
