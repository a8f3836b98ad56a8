import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';

/**
 * Bytes that flow through the layers of a duo file (bundle, signature, encryption) without ever
 * being one whole buffer or string: a ByteSource is a function that starts reading from the
 * beginning each time it is called, so a layer that must read its input twice (hash it before
 * writing a header that names the hash; verify a file before applying it) just calls it again.
 */
export type ByteSource = () => AsyncIterable<Buffer>;

/** A file read in chunks of 1 MiB (the file stays on disk; nothing holds it whole). */
export function fileSource(file: string): ByteSource {
  return () => createReadStream(file, { highWaterMark: 1024 * 1024 });
}

/** Bytes already in memory (small bundles, the LAN exchange, the contract's base64 file). */
export function bufferSource(...parts: readonly Uint8Array[]): ByteSource {
  return async function* () {
    for (const part of parts) if (part.byteLength > 0) yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  };
}

/** Several sources one after the other (a header before a body spooled to disk). */
export function concatSources(...sources: readonly ByteSource[]): ByteSource {
  return async function* () {
    for (const source of sources) yield* source();
  };
}

/** Every byte of a source in one buffer: only for callers that need the bytes in memory anyway. */
export async function collect(source: ByteSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source()) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Writes a source to a file under a temporary name, flushed to disk, then renames it: a half
 * written file never carries the name, and a failed layer (a refused passphrase, a full disk)
 * leaves nothing behind.
 */
export async function writeSourceAtomically(file: string, source: ByteSource): Promise<number> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  let bytes = 0;
  try {
    const out = createWriteStream(temporary, { mode: 0o600 });
    const closed = once(out, 'close');
    try {
      for await (const chunk of source()) {
        bytes += chunk.length;
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } catch (error) {
      out.destroy();
      await closed.catch(() => undefined);
      throw error;
    }
    out.end();
    await closed;
    const handle = await open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    return bytes;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Reads a byte stream piece by piece: a line or a number of bytes at its start (a layer's
 * header), then the rest as a stream. Hand-written because the layers need exact bytes (to hash
 * them) and a cap on how much a header may take before it is refused, which readline offers
 * neither of.
 */
export class ByteReader {
  private buffered: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  static of(source: ByteSource): ByteReader {
    return new ByteReader(source()[Symbol.asyncIterator]());
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buffered = this.buffered.length === 0 ? next.value : Buffer.concat([this.buffered, next.value]);
    return true;
  }

  /** Exactly n bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered.length < n && (await this.fill()));
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(out.length);
    return out;
  }

  /**
   * The bytes up to the next newline (without it); null when the stream ends first; `tooLong()`
   * is thrown when no newline comes within `max` bytes.
   */
  async readLine(max: number, tooLong: () => Error): Promise<Buffer | null> {
    let searched = 0;
    for (;;) {
      const newline = this.buffered.indexOf(0x0a, searched);
      if (newline >= 0 && newline <= max) {
        const line = this.buffered.subarray(0, newline);
        this.buffered = this.buffered.subarray(newline + 1);
        return line;
      }
      if (newline > max || this.buffered.length > max) throw tooLong();
      searched = this.buffered.length;
      if (!(await this.fill())) return null;
    }
  }

  /** Whatever follows, chunk by chunk. */
  async *rest(): AsyncIterable<Buffer> {
    if (this.buffered.length > 0) yield this.buffered;
    this.buffered = Buffer.alloc(0);
    while (!this.done) {
      const next = await this.chunks.next();
      if (next.done) this.done = true;
      else yield next.value;
    }
  }
}

/**
 * Splits a stream of bytes into lines (the bytes of each, without the newline) without holding
 * more than one line and one chunk; a line longer than `maxLine` calls `tooLong` instead.
 */
export async function* lines(
  chunks: AsyncIterable<Buffer>,
  maxLine: number,
  tooLong: () => Error,
): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline < 0) break;
      const piece = chunk.subarray(start, newline);
      if (pendingLength + piece.length > maxLine) throw tooLong();
      if (pending.length === 0) yield piece;
      else {
        pending.push(piece);
        yield Buffer.concat(pending, pendingLength + piece.length);
        pending = [];
        pendingLength = 0;
      }
      start = newline + 1;
    }
    if (start < chunk.length) {
      const tail = chunk.subarray(start);
      pendingLength += tail.length;
      if (pendingLength > maxLine) throw tooLong();
      pending.push(tail);
    }
  }
  if (pendingLength > 0) yield Buffer.concat(pending, pendingLength);
}
