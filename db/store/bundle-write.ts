import { createHash } from 'node:crypto';
import { createGzip, gzipSync } from 'node:zlib';
import { NODE_ID_PATTERN } from '../../shared/sync/hlc';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundleHeader, type ExportOptions } from './bundle-format';
import { bufferSource, concatSources, type ByteSource } from './byte-stream';
import { peerKnowledge, type Knowledge } from './peer-knowledge';
import type { Spool } from './spool';
import type { LocalStore } from './store';

/** Changes read from the log per query while exporting (one short query each, see changesBeyondPage). */
const PAGE = 2_000;
/** Lines are handed to gzip in chunks of about this size. */
const CHUNK_BYTES = 256 * 1024;

/** A bundle as it was written: its header and its bytes (readable again until disposed). */
export interface WrittenBundle {
  readonly header: BundleHeader;
  readonly source: ByteSource;
  dispose(): Promise<void>;
}

/**
 * Writes the bundle of what the peer lacks as a stream: the changes are read from the log a page
 * at a time, turned into lines, hashed and compressed on the way into the spool; the header
 * (which names their count and hash) is then its own gzip member in front of them. gzip readers
 * unpack concatenated members as one stream, so the file is the format it always was.
 */
export async function writeBundle(
  store: LocalStore,
  spool: Spool,
  options: ExportOptions = {},
): Promise<WrittenBundle> {
  if (options.forPeer !== undefined && !NODE_ID_PATTERN.test(options.forPeer)) {
    throw new BundleError(
      `"${options.forPeer}" is not a node id (the importing side prints the id of the laptop a bundle came from).`,
      'bad-request',
    );
  }
  const campaigns = options.campaign ? [options.campaign] : store.knownCampaigns();
  if (options.campaign && !store.knownCampaigns().includes(options.campaign))
    throw new BundleError(`This profile holds no campaign ${options.campaign}.`, 'bad-request');
  const known = options.forPeer ? peerKnowledge(store, options.forPeer) : {};
  // What this laptop holds, taken before the changes are read: a change written while the export
  // runs may travel too, but the header never claims one that is not in the file.
  const knows: Knowledge = {};
  for (const campaign of campaigns) knows[campaign] = store.versionVector(campaign);
  const total = campaigns.reduce((sum, campaign) => sum + store.countCampaignChanges(campaign), 0);
  const hash = createHash('sha256');
  let count = 0;
  let blobCount = 0;
  const blobs = options.blobs;

  async function* body(): AsyncIterable<Buffer> {
    const hashes = new Set<string>();
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = (): Buffer => {
      const chunk = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingBytes = 0;
      hash.update(chunk);
      return chunk;
    };
    let read = 0;
    for (const campaign of campaigns) {
      let after: number | null = 0;
      while (after !== null) {
        const page = store.changesBeyondPage(campaign, known[campaign] ?? {}, after, PAGE);
        after = page.next;
        for (const change of page.changes) {
          const line = `${JSON.stringify(change)}\n`;
          pending.push(line);
          pendingBytes += line.length;
          count += 1;
          if (change.table === 'documents' && change.column === 'blob_hash' && typeof change.value === 'string')
            hashes.add(change.value);
          if (pendingBytes >= CHUNK_BYTES) yield flush();
        }
        read += PAGE;
        options.onProgress?.({ phase: 'collect', done: Math.min(read, total), total });
      }
    }
    if (pending.length > 0) yield flush();
    if (!blobs) return;
    for (const blob of [...hashes].sort()) {
      if (!blobs.has(blob)) continue;
      blobCount += 1;
      const line = Buffer.from(`${JSON.stringify({ blob, data: blobs.get(blob).toString('base64') })}\n`, 'utf8');
      hash.update(line);
      yield line;
    }
  }

  try {
    await spool.fill(body(), createGzip());
  } catch (error) {
    await spool.dispose();
    throw error;
  }
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    from: store.node,
    campaigns,
    schema: store.schemaVersion,
    count,
    blobs: blobCount,
    sha256: hash.digest('hex'),
    createdAt: (options.now ?? new Date()).toISOString(),
    knows,
  };
  options.onProgress?.({ phase: 'write', done: count, total: count });
  const first = gzipSync(Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'));
  return { header, source: concatSources(bufferSource(first), spool.source), dispose: () => spool.dispose() };
}
