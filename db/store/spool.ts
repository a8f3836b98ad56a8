import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import type { ByteSource } from './byte-stream';

/**
 * Where a layer keeps bytes it must write after a header that depends on them (a bundle's body,
 * whose count and hash its header names): in memory for small exchanges, or in a temporary file
 * for a file the size of a season. The file is encrypted under a key that lives only in this
 * process (AES-256-CTR), so the plaintext changes of an encrypted profile never touch the disk.
 */
export interface Spool {
  /** Runs the stream of chunks, through `transform` (say, gzip), into the spool. */
  fill(chunks: AsyncIterable<Buffer>, transform: Transform): Promise<void>;
  /** What was spooled, readable as often as needed until disposed. */
  readonly source: ByteSource;
  readonly bytes: number;
  dispose(): Promise<void>;
}

export function memorySpool(): Spool {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    async fill(input, transform) {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          bytes += chunk.length;
          done();
        },
      });
      await pipelineAsync(input, transform, sink);
    },
    source: async function* () {
      yield* chunks;
    },
    get bytes() {
      return bytes;
    },
    async dispose() {
      chunks.length = 0;
    },
  };
}

export async function fileSpool(): Promise<Spool> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'veldwerk-spool-'));
  const file = path.join(dir, 'spool.bin');
  const key = randomBytes(32);
  const iv = randomBytes(16);
  let bytes = 0;
  return {
    async fill(input, transform) {
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      // The spooled (compressed) bytes are counted on the way, then encrypted to the file.
      await pipelineAsync(
        input,
        transform,
        count,
        createCipheriv('aes-256-ctr', key, iv),
        createWriteStream(file, { mode: 0o600 }),
      );
    },
    source: () =>
      pipeline(
        createReadStream(file, { highWaterMark: 1024 * 1024 }),
        createDecipheriv('aes-256-ctr', key, iv),
        () => undefined,
      ),
    get bytes() {
      return bytes;
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
