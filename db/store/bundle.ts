import { isUtf8 } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createGunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import type { Change } from '../../shared/sync/change';
import { isHlc, NODE_ID_PATTERN } from '../../shared/sync/hlc';
import type { ApplyReport } from '../../shared/sync/replica';
import type { BlobStore } from './blobs';
import type { LocalStore } from './store';

/**
 * Bundle files: the change log carried on a USB stick between the two laptops of a duo.
 *
 *   gzip( <header JSON>\n<change JSON>\n…<change JSON>\n<blob JSON>\n… )
 *
 * Blob lines ({"blob": sha256, "data": base64}) carry the files of the documents whose
 * blob_hash changes are in the bundle, when the exporting side passes its blob store.
 *
 * The header names the format and version, the sending node, the campaigns inside, the sender's
 * sync schema, the number of changes and the sha256 of everything after the header line, and
 * what the sender holds (a version vector per campaign: newest hlc per node). The receiver keeps
 * that vector, so its next export "for" the sender holds only what the sender lacks; a bundle
 * that got lost is simply covered again by the next one, since knowledge only advances when the
 * other side reports it. Import is all or nothing and idempotent.
 */

export const BUNDLE_FORMAT = 'veldwerk-bundle';
export const BUNDLE_VERSION = 1;

const versionVector = z.record(z.string().regex(NODE_ID_PATTERN), z.string().refine(isHlc));

const headerSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.number().int().min(1),
    from: z.string().regex(NODE_ID_PATTERN),
    campaigns: z.array(z.string().min(1).max(200)).max(1000),
    schema: z.number().int().min(1),
    count: z.number().int().min(0),
    /** Number of blob lines after the changes. */
    blobs: z.number().int().min(0).default(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string(),
    knows: z.record(z.string(), versionVector),
  })
  .strict();

export type BundleHeader = z.output<typeof headerSchema>;

const blobLine = z.object({ blob: z.string().regex(/^[0-9a-f]{64}$/), data: z.string() }).strict();

/** Why a bundle was refused, for a message in the user's language. */
export type BundleRefusal =
  'damaged' | 'not-a-bundle' | 'newer-version' | 'same-profile' | 'foreign-campaign' | 'bad-request' | 'too-large';

/**
 * Largest unpacked bundle: zlib stops inflating once this many bytes came out, so a small file
 * that expands to gigabytes (a "zip bomb") is refused with bounded memory. A season's campaign
 * (about 125k changes) unpacks to some 40 MB; the app's 48 MB file limit with documents inside
 * (which hardly compress) stays far below this too.
 */
export const MAX_BUNDLE_EXPANDED_BYTES = 256 * 1024 * 1024;

export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    message: string,
    readonly reason: BundleRefusal = 'damaged',
  ) {
    super(message);
  }
}

export interface BundleProgress {
  readonly phase: 'collect' | 'write' | 'read' | 'verify' | 'apply';
  readonly done: number;
  readonly total: number;
}

export type ProgressCallback = (progress: BundleProgress) => void;

export interface ExportOptions {
  /** Node id of the peer: only what it lacks (as far as its own bundles told us). Default: everything. */
  readonly forPeer?: string;
  /** Only this campaign. Default: every campaign in the profile. */
  readonly campaign?: string;
  readonly onProgress?: ProgressCallback;
  readonly now?: Date;
  /** The profile's blob store: the files of exported documents travel along. */
  readonly blobs?: BlobStore;
}

export interface ImportOptions {
  /**
   * Checks the read bundle before anything is applied (the duo file's signer against its
   * changes: services/duo/signed-file.ts); throwing refuses the whole import.
   */
  readonly check?: (header: BundleHeader, changes: readonly Change[]) => void;
  /** Refuse a bundle that holds any other campaign. */
  readonly campaign?: string;
  /** Accept a bundle whose campaigns this profile has none of even when it has other campaigns. */
  readonly allowNewCampaign?: boolean;
  readonly onProgress?: ProgressCallback;
  /** The profile's blob store, to keep the document files the bundle carries (ignored without it). */
  readonly blobs?: BlobStore;
}

export interface ImportResult extends ApplyReport {
  /** Document files stored (new or already present). */
  readonly blobs: number;
  readonly from: string;
  readonly campaigns: readonly string[];
  readonly count: number;
}

const gzipAsync = promisify(gzip);

/**
 * Unpacks a gzip file as a stream and stops as soon as more than `cap` bytes came out, so the
 * memory a refused file costs is bounded by the cap, not by what the file claims to hold.
 */
function gunzipCapped(bytes: Uint8Array, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflate = createGunzip();
    const chunks: Buffer[] = [];
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > cap) {
        chunks.length = 0;
        inflate.destroy(
          new BundleError(
            `The bundle unpacks to more than ${Math.round(cap / 1024 / 1024)} MB; it was not imported.`,
            'too-large',
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    inflate.on('error', reject);
    inflate.on('end', () => resolve(Buffer.concat(chunks, total)));
    inflate.end(bytes);
  });
}

const PEER_KEY = /^peer:([a-z0-9]{8,32}):knows$/;

function peerKey(peer: string): string {
  return `peer:${peer}:knows`;
}

type Knowledge = Record<string, Record<string, string>>;

/** What a peer holds, per campaign, as its own bundles last reported. */
export function peerKnowledge(store: LocalStore, peer: string): Knowledge {
  const raw = store.getSyncState(peerKey(peer));
  if (!raw) return {};
  const parsed = z.record(z.string(), versionVector).safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : {};
}

/** The duo partners this profile has had bundles from, with the campaigns each reported holding. */
export function knownPeers(store: LocalStore): Array<{ node: string; campaigns: string[] }> {
  return store.syncStateByPrefix('peer:').flatMap((entry) => {
    const node = PEER_KEY.exec(entry.key)?.[1];
    return node ? [{ node, campaigns: Object.keys(peerKnowledge(store, node)) }] : [];
  });
}

/** Builds a bundle in memory. */
export async function createBundle(
  store: LocalStore,
  options: ExportOptions = {},
): Promise<{ bytes: Buffer; header: BundleHeader }> {
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
  const changes: Change[] = [];
  const knows: Knowledge = {};
  campaigns.forEach((campaign, index) => {
    // One by one: spreading a campaign's changes into push() overflows the call stack past ~125k.
    for (const change of store.changesBeyond(campaign, known[campaign] ?? {})) changes.push(change);
    knows[campaign] = store.versionVector(campaign);
    options.onProgress?.({ phase: 'collect', done: index + 1, total: campaigns.length });
  });
  const blobLines: string[] = [];
  if (options.blobs) {
    const hashes = new Set<string>();
    for (const change of changes) {
      if (change.table === 'documents' && change.column === 'blob_hash' && typeof change.value === 'string')
        hashes.add(change.value);
    }
    for (const hash of [...hashes].sort()) {
      if (options.blobs.has(hash))
        blobLines.push(JSON.stringify({ blob: hash, data: options.blobs.get(hash).toString('base64') }));
    }
  }
  const lines = [...changes.map((change) => JSON.stringify(change)), ...blobLines];
  const body = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  const bodyBytes = Buffer.from(body, 'utf8');
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    from: store.node,
    campaigns,
    schema: store.schemaVersion,
    count: changes.length,
    blobs: blobLines.length,
    sha256: createHash('sha256').update(bodyBytes).digest('hex'),
    createdAt: (options.now ?? new Date()).toISOString(),
    knows,
  };
  const bytes = await gzipAsync(Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), bodyBytes]));
  options.onProgress?.({ phase: 'write', done: changes.length, total: changes.length });
  return { bytes, header };
}

/** Writes a bundle file (to a temporary name first, so a half-written file never carries the name). */
export async function exportBundle(
  store: LocalStore,
  file: string,
  options: ExportOptions = {},
): Promise<BundleHeader> {
  const { bytes, header } = await createBundle(store, options);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, bytes, { flush: true });
  await rename(temporary, file);
  return header;
}

/** Parses and verifies a bundle: format, version, checksum, count, campaigns of every change. */
export interface BundleBlob {
  readonly hash: string;
  readonly bytes: Buffer;
}

export async function readBundle(
  bytes: Uint8Array,
  onProgress?: ProgressCallback,
  maxExpandedBytes = MAX_BUNDLE_EXPANDED_BYTES,
): Promise<{ header: BundleHeader; changes: Change[]; blobs: BundleBlob[] }> {
  let raw: Buffer;
  try {
    raw = await gunzipCapped(bytes, maxExpandedBytes);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new BundleError(`The bundle is damaged or truncated (${reason}); it was not imported. Export it again.`);
  }
  // Work on the bytes: the body is hashed as it came and decoded once. (A newline byte is a
  // newline character in UTF-8, and the sender hashed valid UTF-8, so this is the checksum of
  // the decoded text the format describes.)
  const newline = raw.indexOf(0x0a);
  if (newline < 0)
    throw new BundleError('The file is not a Veldwerk bundle (no header); it was not imported.', 'not-a-bundle');
  let rawHeader: unknown;
  try {
    rawHeader = JSON.parse(raw.toString('utf8', 0, newline));
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
  ) {
    throw new BundleError('The file is not a Veldwerk bundle; it was not imported.', 'not-a-bundle');
  }
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
  const parsedHeader = headerSchema.safeParse(rawHeader);
  if (!parsedHeader.success) throw new BundleError('The bundle header is damaged; it was not imported.');
  const header = parsedHeader.data;
  const bodyBytes = raw.subarray(newline + 1);
  // Bytes that are not valid UTF-8 were hashed as their decoded (replacement character) form.
  const body = isUtf8(bodyBytes) ? bodyBytes : Buffer.from(bodyBytes.toString('utf8'), 'utf8');
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) {
    throw new BundleError('The bundle is damaged (checksum mismatch); it was not imported. Export it again.');
  }
  const all = body.length === 0 ? [] : body.toString('utf8').replace(/\n$/, '').split('\n');
  if (all.length !== header.count + header.blobs) {
    throw new BundleError(
      `The bundle is incomplete (${all.length} of ${header.count + header.blobs} lines); it was not imported. Export it again.`,
    );
  }
  const lines = all.slice(0, header.count);
  const blobs = all.slice(header.count).map((line, index): BundleBlob => {
    let parsed: z.infer<typeof blobLine>;
    try {
      parsed = blobLine.parse(JSON.parse(line));
    } catch {
      throw new BundleError(`File ${index + 1} of the bundle is unreadable; it was not imported.`);
    }
    const data = Buffer.from(parsed.data, 'base64');
    if (createHash('sha256').update(data).digest('hex') !== parsed.blob)
      throw new BundleError(`File ${index + 1} of the bundle is damaged; it was not imported.`);
    return { hash: parsed.blob, bytes: data };
  });
  const campaigns = new Set(header.campaigns);
  const changes: Change[] = lines.map((line, index) => {
    let change: unknown;
    try {
      change = JSON.parse(line);
    } catch {
      throw new BundleError(`Change ${index + 1} of the bundle is unreadable; it was not imported.`);
    }
    const campaign =
      typeof change === 'object' && change !== null && 'campaign' in change ? change.campaign : undefined;
    if (typeof campaign !== 'string' || !campaigns.has(campaign)) {
      throw new BundleError(
        `Change ${index + 1} of the bundle belongs to a campaign the bundle does not declare; it was not imported.`,
      );
    }
    if (onProgress && (index % 1000 === 999 || index === lines.length - 1))
      onProgress({ phase: 'verify', done: index + 1, total: lines.length });
    return change as Change;
  });
  return { header, changes, blobs };
}

/**
 * Merges a bundle into the store: all or nothing, idempotent (a second import changes nothing).
 * Refuses (BundleError, ChangeRejectedError or ClockSkewError, nothing written) a damaged,
 * truncated or foreign-campaign bundle, or one holding any invalid change.
 */
export async function importBundleBytes(
  store: LocalStore,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { header, changes, blobs } = await readBundle(bytes, options.onProgress);
  options.check?.(header, changes);
  if (header.from === store.node)
    throw new BundleError(
      'This bundle was exported by this same profile; import it on the other laptop.',
      'same-profile',
    );
  if (options.campaign !== undefined) {
    const foreign = header.campaigns.filter((campaign) => campaign !== options.campaign);
    if (foreign.length > 0)
      throw new BundleError(
        `The bundle holds another campaign (${foreign.join(', ')}) than ${options.campaign}; it was not imported.`,
        'foreign-campaign',
      );
  } else if (!options.allowNewCampaign && header.campaigns.length > 0) {
    // Strict: every campaign of the bundle must be one this profile holds. (Accepting a bundle that
    // also lists one of the profile's campaigns let a file slip any other campaign in.)
    const mine = store.knownCampaigns();
    const foreign = header.campaigns.filter((campaign) => !mine.includes(campaign));
    if (mine.length > 0 && foreign.length > 0) {
      throw new BundleError(
        `The bundle holds a campaign this profile does not take part in (${foreign.join(', ')}); it was not imported. ` +
          'Import it with the campaign allowed explicitly if this is intended.',
        'foreign-campaign',
      );
    }
  }
  const report = store.transaction(() => {
    const applied = store.applyRemote(changes, 'bundle', {
      onProgress: (done, total) => options.onProgress?.({ phase: 'apply', done, total }),
    });
    rememberPeer(store, header.from, header.knows);
    return applied;
  });
  // Files are content-addressed: storing them after the changes were accepted keeps a refused
  // bundle from leaving anything behind.
  if (options.blobs) for (const blob of blobs) options.blobs.put(blob.bytes);
  return {
    ...report,
    blobs: options.blobs ? blobs.length : 0,
    from: header.from,
    campaigns: header.campaigns,
    count: header.count,
  };
}

export async function importBundle(
  store: LocalStore,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  options.onProgress?.({ phase: 'read', done: 0, total: 1 });
  const bytes = await readFile(file);
  options.onProgress?.({ phase: 'read', done: 1, total: 1 });
  return importBundleBytes(store, bytes, options);
}

function rememberPeer(store: LocalStore, peer: string, knows: Knowledge): void {
  const merged = peerKnowledge(store, peer);
  for (const [campaign, vector] of Object.entries(knows)) {
    const target = { ...(merged[campaign] ?? {}) };
    for (const [node, hlc] of Object.entries(vector)) if (!target[node] || hlc > target[node]) target[node] = hlc;
    merged[campaign] = target;
  }
  store.setSyncState(peerKey(peer), JSON.stringify(merged));
}
