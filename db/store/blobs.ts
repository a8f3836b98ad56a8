import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenIfPresent } from '../private-files';

const HASH_PATTERN = /^[0-9a-f]{64}$/;
/** An encrypted blob file: magic, 12-byte nonce, AES-256-GCM ciphertext, 16-byte tag. */
const MAGIC = Buffer.from('VWBLOB01', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class BlobCorruptedError extends Error {
  override readonly name = 'BlobCorruptedError';
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Content-addressed files of a profile (documents received on a visit): a file is stored once
 * under the sha256 of its plaintext bytes (blobs/ab/abcdef…), encrypted with AES-256-GCM under
 * the profile's blob key (derived from the profile key, db/crypto/profile-key.ts) with a fresh
 * nonce and the hash as additional data (a file moved under another name does not open). Written
 * to a temporary file, synced and renamed so a crash never leaves a half file under a valid
 * name. Folders are 0700 and files 0600 (an older profile's are tightened when the store is
 * opened), and an older profile's plaintext files are encrypted then (encryptLegacy).
 */
export class BlobStore {
  constructor(
    readonly dir: string,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('a blob key has 32 bytes');
    if (existsSync(dir)) this.tighten();
  }

  private *files(): Generator<string> {
    if (!existsSync(this.dir)) return;
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const sub = path.join(this.dir, entry.name);
      for (const name of readdirSync(sub)) yield path.join(sub, name);
    }
  }

  private tighten(): void {
    ensurePrivateDir(this.dir);
    for (const entry of readdirSync(this.dir, { withFileTypes: true }))
      if (entry.isDirectory()) ensurePrivateDir(path.join(this.dir, entry.name));
    tightenIfPresent([...this.files()]);
  }

  /**
   * Encrypts the plaintext blob files an older version left (a file whose bytes hash to its own
   * name is plaintext; an encrypted one never does), each by a temporary file and a rename, so a
   * kill leaves every file either plaintext or encrypted, both readable. Returns how many.
   */
  encryptLegacy(): number {
    let encrypted = 0;
    for (const file of this.files()) {
      const name = path.basename(file);
      if (!HASH_PATTERN.test(name)) continue;
      const bytes = readFileSync(file);
      if (sha256(bytes) !== name) continue;
      this.writeFile(file, this.seal(name, bytes));
      encrypted += 1;
    }
    return encrypted;
  }

  private seal(hash: string, bytes: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(hash, 'latin1'));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
  }

  private open(hash: string, stored: Buffer): Buffer {
    // A plaintext file of an older version not yet encrypted (encryptLegacy runs on open).
    if (sha256(stored) === hash) return stored;
    if (stored.length < MAGIC.length + IV_BYTES + TAG_BYTES || !stored.subarray(0, MAGIC.length).equals(MAGIC))
      throw new BlobCorruptedError(`blob ${hash} is corrupted`);
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.key,
        stored.subarray(MAGIC.length, MAGIC.length + IV_BYTES),
      );
      decipher.setAAD(Buffer.from(hash, 'latin1'));
      decipher.setAuthTag(stored.subarray(stored.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(stored.subarray(MAGIC.length + IV_BYTES, stored.length - TAG_BYTES)),
        decipher.final(),
      ]);
      if (sha256(plain) !== hash) throw new Error('hash mismatch');
      return plain;
    } catch {
      throw new BlobCorruptedError(`blob ${hash} is corrupted or was not written with this profile's key`);
    }
  }

  private writeFile(file: string, bytes: Uint8Array): void {
    ensurePrivateDir(this.dir);
    ensurePrivateDir(path.dirname(file));
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(temporary, 'w', PRIVATE_FILE_MODE);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  }

  put(bytes: Uint8Array): string {
    const hash = sha256(bytes);
    const file = this.pathOf(hash);
    if (existsSync(file)) return hash;
    this.writeFile(file, this.seal(hash, bytes));
    return hash;
  }

  has(hash: string): boolean {
    return HASH_PATTERN.test(hash) && existsSync(this.pathOf(hash));
  }

  /** The plaintext bytes of a blob; throws when it is missing, or BlobCorruptedError when it does not open to its hash. */
  get(hash: string): Buffer {
    return this.open(hash, readFileSync(this.pathOf(hash)));
  }

  pathOf(hash: string): string {
    if (!HASH_PATTERN.test(hash)) throw new Error(`not a blob hash: ${JSON.stringify(hash.slice(0, 80))}`);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }
}
