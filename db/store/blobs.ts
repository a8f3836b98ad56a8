import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenIfPresent } from '../private-files';

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files of a profile (documents received on a visit): a file is stored once
 * under the sha256 of its bytes (blobs/ab/abcdef…), written to a temporary file, synced and
 * renamed so a crash never leaves a half file under a valid name. Folders are 0700 and files 0600
 * (an older profile's are tightened when the store is opened).
 */
export class BlobStore {
  constructor(readonly dir: string) {
    if (existsSync(dir)) this.tighten();
  }

  private tighten(): void {
    ensurePrivateDir(this.dir);
    for (const entry of readdirSync(this.dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const sub = path.join(this.dir, entry.name);
      ensurePrivateDir(sub);
      tightenIfPresent(readdirSync(sub).map((name) => path.join(sub, name)));
    }
  }

  put(bytes: Uint8Array): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const file = this.pathOf(hash);
    if (existsSync(file)) return hash;
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
    return hash;
  }

  has(hash: string): boolean {
    return HASH_PATTERN.test(hash) && existsSync(this.pathOf(hash));
  }

  /** The bytes of a blob; throws when it is missing or its content does not match its name. */
  get(hash: string): Buffer {
    const bytes = readFileSync(this.pathOf(hash));
    if (createHash('sha256').update(bytes).digest('hex') !== hash) throw new Error(`blob ${hash} is corrupted`);
    return bytes;
  }

  pathOf(hash: string): string {
    if (!HASH_PATTERN.test(hash)) throw new Error(`not a blob hash: ${JSON.stringify(hash.slice(0, 80))}`);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }
}
