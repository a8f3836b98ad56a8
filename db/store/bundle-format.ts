import { z } from 'zod';
import type { Change } from '../../shared/sync/change';
import { isHlc, NODE_ID_PATTERN } from '../../shared/sync/hlc';
import type { ApplyReport, SetAsideChange } from '../../shared/sync/replica';
import type { BlobStore } from './blobs';

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
 * other side reports it. Import is idempotent, and a file that fails any check changes nothing.
 *
 * Both ways stream (db/store/bundle-write.ts, bundle-read.ts): no whole-file buffer or string,
 * memory bounded by a page of changes, whatever the size of the season.
 */

export const BUNDLE_FORMAT = 'veldwerk-bundle';
export const BUNDLE_VERSION = 1;

export const versionVector = z.record(z.string().regex(NODE_ID_PATTERN), z.string().refine(isHlc));

export const headerSchema = z
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

export const blobLine = z.object({ blob: z.string().regex(/^[0-9a-f]{64}$/), data: z.string() }).strict();

/** Why a bundle was refused, for a message in the user's language. */
export type BundleRefusal =
  'damaged' | 'not-a-bundle' | 'newer-version' | 'same-profile' | 'foreign-campaign' | 'bad-request' | 'too-large';

/**
 * Largest unpacked bundle: zlib stops inflating once this many bytes came out, so a small file
 * that expands without end (a "zip bomb") costs bounded time; memory is bounded anyway, since
 * the file is read as a stream. A season's campaign (about 125k changes) unpacks to some 40 MB,
 * 64 seasons (2 M changes) to about 1.5 GB.
 */
export const MAX_BUNDLE_EXPANDED_BYTES = 4 * 1024 * 1024 * 1024;

/** Longest header line: a version vector per campaign, of a few nodes each. */
export const MAX_HEADER_LINE_BYTES = 1024 * 1024;

/**
 * Longest line after the header: a change (a text update is at most 1 MiB of base64) or a
 * document's file in base64 (the app takes files of at most 48 MB). Only one line is held at a time.
 */
export const MAX_BODY_LINE_BYTES = 80 * 1024 * 1024;

/** Changes checked, and applied, per batch (and per transaction): a large transaction, a bounded memory. */
export const BUNDLE_BATCH = 10_000;

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
   * Checks the bundle before anything is applied (the duo file's signer against its changes:
   * services/duo/signed-file.ts): called with the header and no changes once the header is
   * read, then with each batch of changes while the whole file is verified; throwing refuses the
   * whole import.
   */
  readonly check?: (header: BundleHeader, changes: readonly Change[]) => void;
  /**
   * Which changes of a batch to set aside instead of applying (read while the whole file is
   * verified, so it may keep state across batches): a duo file's relayed changes whose author
   * this laptop cannot verify (services/duo/duo-files.ts). They are reported in `setAside`.
   */
  readonly setAside?: (header: BundleHeader, changes: readonly Change[]) => readonly SetAsideChange[];
  /** Refuse a bundle that holds any other campaign. */
  readonly campaign?: string;
  /** Accept a bundle whose campaigns this profile has none of even when it has other campaigns. */
  readonly allowNewCampaign?: boolean;
  /**
   * Whether a campaign this profile does not hold may come in (without `allowNewCampaign`): asked
   * once the whole file is verified, with the addresses the file's team list of that campaign
   * gives its members (normalised). The duo exchange lets in a campaign whose team has the
   * importer; any other stays refused as a foreign campaign.
   */
  readonly mayAddCampaign?: (campaign: string, memberAddresses: ReadonlySet<string>) => boolean;
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
