import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SqliteDatabase } from './connection';
import {
  LEGACY_TOKEN_KEY_FILE,
  SECRET_TOKEN_KEY,
  isTokenKey,
  readProfileSecret,
  storeProfileSecretOnce,
} from './profile-secrets';

/** The plain key file of older versions; db/profile-secrets.ts moves it into the database on open. */
export const SECRETS_KEY_FILE = LEGACY_TOKEN_KEY_FILE;
const PREFIX = 'wrapped:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Wraps secrets the profile keeps in its database (the sync server's access and refresh tokens)
 * with AES-256-GCM under a random key kept in the encrypted database too (`meta`,
 * db/profile-secrets.ts; older versions kept it in a 0600 file `secrets.key`, which is moved in
 * on open). Since the database is encrypted under the profile key, the wrapping is a second
 * layer: a wrapped value read out of an unlocked profile (a log line, a support dump of
 * sync_state) is not a working token. The key name is bound as additional data, so a wrapped
 * value cannot be moved to another key.
 */
export class SecretBox {
  private key: Buffer | null = null;

  constructor(private readonly db: SqliteDatabase) {}

  private loadKey(): Buffer {
    if (this.key) return this.key;
    let stored = readProfileSecret(this.db, SECRET_TOKEN_KEY);
    stored ??= storeProfileSecretOnce(this.db, SECRET_TOKEN_KEY, randomBytes(32).toString('base64'));
    if (!isTokenKey(stored)) throw new Error('The profile holds a damaged secrets key; connect to the server again.');
    this.key = Buffer.from(stored, 'base64');
    return this.key;
  }

  /** Forgets the key held in memory (zeroed), when the profile closes. */
  forget(): void {
    this.key?.fill(0);
    this.key = null;
  }

  static isWrapped(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  wrap(name: string, plain: string): string {
    if (plain === '') return '';
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /**
   * The plain secret, or null when the value cannot be unwrapped (another key: a profile whose
   * key file was lost or a database copied to another profile), which means: log in again.
   * A plain value from before wrapping is returned as it is (the caller re-wraps it).
   */
  unwrap(name: string, stored: string): string | null {
    if (stored === '') return null;
    if (!SecretBox.isWrapped(stored)) return stored;
    const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  }
}
