import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE, ensurePrivateFile } from './private-files';

export const SECRETS_KEY_FILE = 'secrets.key';
const PREFIX = 'wrapped:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Wraps secrets the profile keeps in its database (the sync server's access and refresh tokens)
 * with AES-256-GCM under a random key kept in a separate 0600 file beside the database.
 *
 * What this protects: a copy of the database file alone (a backup of veldwerk.sqlite, a database
 * sent along with a bug report, a tool that reads SQLite files) no longer holds working tokens.
 * What it does not protect: someone who can read the whole profile folder as the user (the key file
 * is right there), nor malware running as the user. Full protection of a lost laptop needs the
 * profile encrypted under a key the user or the OS keychain holds (a separate issue).
 * The key name is bound as additional data, so a wrapped value cannot be moved to another key.
 */
export class SecretBox {
  private key: Buffer | null = null;

  constructor(private readonly dir: string) {}

  private get keyFile(): string {
    return path.join(this.dir, SECRETS_KEY_FILE);
  }

  private loadKey(): Buffer {
    if (this.key) return this.key;
    const file = this.keyFile;
    if (existsSync(file)) {
      ensurePrivateFile(file);
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length !== 32)
        throw new Error(`${file} is not a Veldwerk secrets key; remove it and connect to the server again.`);
      this.key = key;
      return key;
    }
    const key = randomBytes(32);
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temporary, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    renameSync(temporary, file);
    this.key = key;
    return key;
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
