import { createHash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Change } from '../../shared/sync/change';
import {
  BUNDLE_BATCH,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleError,
  blobLine,
  headerSchema,
  MAX_BODY_LINE_BYTES,
  MAX_BUNDLE_EXPANDED_BYTES,
  MAX_HEADER_LINE_BYTES,
  type BundleHeader,
  type ProgressCallback,
} from './bundle-format';
import { ByteReader, lines, type ByteSource } from './byte-stream';

/** A document's file carried in a bundle. */
export interface BundleBlob {
  readonly hash: string;
  readonly bytes: Buffer;
}

/** What a reader does with each part of a bundle as the stream brings it. */
export interface BundleVisitor {
  /** The header, before any change (throwing refuses the file there). */
  header?(header: BundleHeader): void;
  /** A batch of changes (at most BUNDLE_BATCH), `offset` changes into the file; `digest` is the batch's bytes' sha256. */
  batch(header: BundleHeader, changes: Change[], offset: number, digest: string): void | Promise<void>;
  blob?(blob: BundleBlob): void | Promise<void>;
}

export interface ScanOptions {
  readonly onProgress?: ProgressCallback;
  readonly phase?: 'verify' | 'apply';
  readonly maxExpandedBytes?: number;
}

function tooLarge(cap: number): BundleError {
  return new BundleError(
    `The bundle unpacks to more than ${Math.round(cap / 1024 / 1024)} MB; it was not imported.`,
    'too-large',
  );
}

function isZlibError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    (('code' in error && typeof error.code === 'string' && error.code.startsWith('Z_')) ||
      error.message === 'unexpected end of file')
  );
}

/** The unpacked bytes of a gzip stream (members one after the other), stopping past `cap` bytes. */
async function* gunzipped(source: ByteSource, cap: number): AsyncIterable<Buffer> {
  const inflate = pipeline(Readable.from(source()), createGunzip(), () => undefined);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) throw tooLarge(cap);
      yield chunk;
    }
  } catch (error) {
    if (isZlibError(error))
      throw new BundleError(
        `The bundle is damaged or truncated (${error.message}); it was not imported. Export it again.`,
      );
    throw error;
  } finally {
    inflate.destroy();
  }
}

function parseHeader(line: Buffer): BundleHeader {
  let rawHeader: unknown;
  try {
    rawHeader = JSON.parse(line.toString('utf8'));
  } catch {
    throw new BundleError(
      'The file is not a Veldwerk bundle (unreadable header); it was not imported.',
      'not-a-bundle',
    );
  }
  if (
    typeof rawHeader === 'object' &&
    rawHeader !== null &&
    'format' in rawHeader &&
    rawHeader.format !== BUNDLE_FORMAT
  )
    throw new BundleError('The file is not a Veldwerk bundle; it was not imported.', 'not-a-bundle');
  if (
    typeof rawHeader === 'object' &&
    rawHeader !== null &&
    'version' in rawHeader &&
    typeof rawHeader.version === 'number' &&
    rawHeader.version > BUNDLE_VERSION
  ) {
    throw new BundleError(
      `The bundle was written by a newer Veldwerk (bundle version ${rawHeader.version}); update Veldwerk to import it.`,
      'newer-version',
    );
  }
  const parsed = headerSchema.safeParse(rawHeader);
  if (!parsed.success) throw new BundleError('The bundle header is damaged; it was not imported.');
  return parsed.data;
}

/** Hashes the chunks that pass. */
async function* hashed(chunks: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): AsyncIterable<Buffer> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * Reads a bundle as a stream and hands it to the visitor header, batches of changes, then
 * files. Every check of the format runs on the way (header, each line, each file's hash), and
 * the count of lines and the body's checksum once the stream ended: a visitor that writes must
 * therefore only write what an earlier, complete scan of the same bytes verified (the batches'
 * digests tell). Memory: one batch of changes and one line, whatever the file's size.
 */
export async function scanBundle(
  source: ByteSource,
  visitor: BundleVisitor,
  options: ScanOptions = {},
): Promise<BundleHeader> {
  const cap = options.maxExpandedBytes ?? MAX_BUNDLE_EXPANDED_BYTES;
  const reader = ByteReader.of(() => gunzipped(source, cap));
  const headerLine = await reader.readLine(MAX_HEADER_LINE_BYTES, () => tooLarge(MAX_HEADER_LINE_BYTES));
  if (headerLine === null)
    throw new BundleError('The file is not a Veldwerk bundle (no header); it was not imported.', 'not-a-bundle');
  const header = parseHeader(headerLine);
  visitor.header?.(header);
  const campaigns = new Set(header.campaigns);
  const expected = header.count + header.blobs;
  const bodyHash = createHash('sha256');
  let batch: Change[] = [];
  let batchHash = createHash('sha256');
  let offset = 0;
  let index = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const changes = batch;
    batch = [];
    const digest = batchHash.digest('hex');
    batchHash = createHash('sha256');
    await visitor.batch(header, changes, offset, digest);
    offset += changes.length;
    options.onProgress?.({ phase: options.phase ?? 'verify', done: offset, total: header.count });
  };
  for await (const line of lines(hashed(reader.rest(), bodyHash), MAX_BODY_LINE_BYTES, () =>
    tooLarge(MAX_BODY_LINE_BYTES),
  )) {
    if (index >= expected)
      throw new BundleError(
        `The bundle holds more than the ${expected} lines its header names; it was not imported. Export it again.`,
      );
    if (index < header.count) {
      let change: unknown;
      try {
        change = JSON.parse(line.toString('utf8'));
      } catch {
        throw new BundleError(`Change ${index + 1} of the bundle is unreadable; it was not imported.`);
      }
      const campaign =
        typeof change === 'object' && change !== null && 'campaign' in change ? change.campaign : undefined;
      if (typeof campaign !== 'string' || !campaigns.has(campaign))
        throw new BundleError(
          `Change ${index + 1} of the bundle belongs to a campaign the bundle does not declare; it was not imported.`,
        );
      batchHash.update(line).update('\n');
      batch.push(change as Change);
      if (batch.length >= BUNDLE_BATCH) await flush();
    } else {
      await flush();
      const number = index - header.count + 1;
      let parsed: { blob: string; data: string };
      try {
        parsed = blobLine.parse(JSON.parse(line.toString('utf8')));
      } catch {
        throw new BundleError(`File ${number} of the bundle is unreadable; it was not imported.`);
      }
      const data = Buffer.from(parsed.data, 'base64');
      if (createHash('sha256').update(data).digest('hex') !== parsed.blob)
        throw new BundleError(`File ${number} of the bundle is damaged; it was not imported.`);
      await visitor.blob?.({ hash: parsed.blob, bytes: data });
    }
    index += 1;
  }
  await flush();
  if (index !== expected)
    throw new BundleError(
      `The bundle is incomplete (${index} of ${expected} lines); it was not imported. Export it again.`,
    );
  if (bodyHash.digest('hex') !== header.sha256)
    throw new BundleError('The bundle is damaged (checksum mismatch); it was not imported. Export it again.');
  return header;
}

/** A whole bundle in memory (tests, and tools that need every change at once); imports stream instead. */
export async function readBundleSource(
  source: ByteSource,
  onProgress?: ProgressCallback,
  maxExpandedBytes?: number,
): Promise<{ header: BundleHeader; changes: Change[]; blobs: BundleBlob[] }> {
  const changes: Change[] = [];
  const blobs: BundleBlob[] = [];
  const header = await scanBundle(
    source,
    {
      batch: (_header, batch) => {
        for (const change of batch) changes.push(change);
      },
      blob: (blob) => void blobs.push(blob),
    },
    { ...(onProgress ? { onProgress } : {}), ...(maxExpandedBytes !== undefined ? { maxExpandedBytes } : {}) },
  );
  return { header, changes, blobs };
}
