import { normalizeEmail } from '../../shared/domain/email';
import type { Change } from '../../shared/sync/change';
import type { ReasonCode } from '../../shared/sync/reasons';
import type { SetAsideChange } from '../../shared/sync/replica';
import {
  BUNDLE_BATCH,
  BundleError,
  type BundleHeader,
  type ExportOptions,
  type ImportOptions,
  type ImportResult,
  type ProgressCallback,
} from './bundle-format';
import { readBundleSource, scanBundle, type BundleBlob } from './bundle-read';
import { writeBundle } from './bundle-write';
import { bufferSource, collect, fileSource, writeSourceAtomically, type ByteSource } from './byte-stream';
import { rememberPeer } from './peer-knowledge';
import { fileSpool, memorySpool } from './spool';
import type { LocalStore } from './store';

/**
 * Bundle files: the change log carried on a USB stick between the two laptops of a duo (the
 * format: bundle-format.ts). Both ways stream: export writes the changes as they are read from
 * the log (bundle-write.ts), import reads the file twice, first to verify all of it, then to
 * apply it in large batches (bundle-read.ts), so neither ever holds the whole file.
 */

export * from './bundle-format';
export type { BundleBlob } from './bundle-read';
export { writeBundle, type WrittenBundle } from './bundle-write';
export { knownPeers, peerKnowledge } from './peer-knowledge';

/** Builds a bundle in memory (the LAN exchange, tests); files stream through exportBundle. */
export async function createBundle(
  store: LocalStore,
  options: ExportOptions = {},
): Promise<{ bytes: Buffer; header: BundleHeader }> {
  const written = await writeBundle(store, memorySpool(), options);
  try {
    return { bytes: await collect(written.source), header: written.header };
  } finally {
    await written.dispose();
  }
}

/** Writes a bundle file as a stream (to a temporary name first, so a half-written file never carries the name). */
export async function exportBundle(
  store: LocalStore,
  file: string,
  options: ExportOptions = {},
): Promise<BundleHeader> {
  const written = await writeBundle(store, await fileSpool(), options);
  try {
    await writeSourceAtomically(file, written.source);
    return written.header;
  } finally {
    await written.dispose();
  }
}

/** Parses and verifies a whole bundle in memory: format, version, checksum, count, campaigns of every change. */
export function readBundle(
  bytes: Uint8Array,
  onProgress?: ProgressCallback,
  maxExpandedBytes?: number,
): Promise<{ header: BundleHeader; changes: Change[]; blobs: BundleBlob[] }> {
  return readBundleSource(bufferSource(bytes), onProgress, maxExpandedBytes);
}

/** The refusals a header alone decides: this laptop's own file, a campaign not asked for. */
function checkHeader(store: LocalStore, header: BundleHeader, options: ImportOptions, deferred: Set<string>): void {
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
    if (mine.length > 0 && foreign.length > 0 && options.mayAddCampaign) {
      // Decided once the file's team lists are read (see ImportOptions.mayAddCampaign).
      for (const campaign of foreign) deferred.add(campaign);
    } else if (mine.length > 0 && foreign.length > 0) {
      throw new BundleError(
        `The bundle holds a campaign this profile does not take part in (${foreign.join(', ')}); it was not imported. ` +
          'Import it with the campaign allowed explicitly if this is intended.',
        'foreign-campaign',
      );
    }
  }
}

interface Totals {
  applied: number;
  duplicates: number;
  deferred: number;
  conflicts: number;
  autoResolved: number;
  setAside: SetAsideChange[];
}

/**
 * Merges a bundle into the store, idempotent (a second import changes nothing). The whole file
 * is verified first: its format, checksum and count, each change's campaign and the caller's
 * check, and every check the store runs before applying (store.checkRemote); a damaged,
 * truncated or foreign-campaign bundle, or one holding any invalid change, is refused
 * (BundleError, ChangeRejectedError or ClockSkewError) with nothing written. Then it is read
 * again and applied in batches of BUNDLE_BATCH changes, one transaction each, each batch only if
 * its bytes are the ones verified. A bundle of one batch (and no files) is applied from the
 * first read, in one transaction. A power cut between batches leaves the applied ones, which
 * importing the file again skips as duplicates.
 */
export async function importBundleSource(
  store: LocalStore,
  source: ByteSource,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const digests: string[] = [];
  let single: Change[] | null = null;
  let blobCount = 0;
  // A file's integrity is told first (a damaged file is "damaged" whatever it holds), then the
  // caller's check, the header's refusals and the changes' own, as the first of each came up.
  let checkRefusal: unknown = null;
  let headerRefusal: unknown = null;
  let changeRefusal: unknown = null;
  const refused = () => checkRefusal !== null || headerRefusal !== null || changeRefusal !== null;
  // New campaigns the caller decides on from their team lists (mayAddCampaign), with those addresses.
  const newCampaigns = new Set<string>();
  const teamAddresses = new Map<string, Set<string>>();
  // Changes the caller set aside (options.setAside), by id, kept aside instead of applied.
  const holdBack = new Map<string, { code: ReasonCode; reason: string }>();
  const header = await scanBundle(
    source,
    {
      header: (read) => {
        try {
          options.check?.(read, []);
        } catch (error) {
          checkRefusal = error;
          return;
        }
        try {
          checkHeader(store, read, options, newCampaigns);
        } catch (error) {
          headerRefusal = error;
        }
      },
      batch: (read, changes, offset, digest) => {
        digests.push(digest);
        if (read.count <= BUNDLE_BATCH && read.blobs === 0) single = changes;
        if (refused()) return;
        for (const change of changes)
          if (
            newCampaigns.has(change.campaign) &&
            change.table === 'members' &&
            change.column === 'email' &&
            typeof change.value === 'string'
          ) {
            const addresses = teamAddresses.get(change.campaign) ?? new Set<string>();
            addresses.add(normalizeEmail(change.value));
            teamAddresses.set(change.campaign, addresses);
          }
        try {
          options.check?.(read, changes);
        } catch (error) {
          checkRefusal = error;
          return;
        }
        try {
          store.checkRemote(changes, 'bundle', { offset, total: read.count });
        } catch (error) {
          changeRefusal = error;
          return;
        }
        for (const item of options.setAside?.(read, changes) ?? [])
          holdBack.set(item.change.id, { code: item.code, reason: item.reason });
      },
      blob: () => void (blobCount += 1),
    },
    { phase: 'verify', ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
  );
  if (checkRefusal === null && headerRefusal === null) {
    const foreign = [...newCampaigns].filter(
      (campaign) => !options.mayAddCampaign?.(campaign, teamAddresses.get(campaign) ?? new Set()),
    );
    if (foreign.length > 0)
      headerRefusal = new BundleError(
        `The bundle holds a campaign this profile does not take part in (${foreign.join(', ')}), and whose team does not have you; it was not imported. ` +
          'Import it with the campaign allowed explicitly if this is intended.',
        'foreign-campaign',
      );
  }
  for (const refusal of [checkRefusal, headerRefusal, changeRefusal]) if (refusal !== null) throw refusal;
  const totals: Totals = { applied: 0, duplicates: 0, deferred: 0, conflicts: 0, autoResolved: 0, setAside: [] };
  const add = (report: ReturnType<LocalStore['applyRemote']>) => {
    totals.applied += report.applied;
    totals.duplicates += report.duplicates;
    totals.deferred += report.deferred;
    totals.conflicts += report.conflicts;
    totals.autoResolved += report.autoResolved ?? 0;
    for (const item of report.setAside ?? []) totals.setAside.push(item);
  };
  const progress = (done: number, total: number) => options.onProgress?.({ phase: 'apply', done, total });
  if ((header.count === 0 && header.blobs === 0) || single) {
    const changes: Change[] = single ?? [];
    store.transaction(() => {
      add(store.applyRemote(changes, 'bundle', { onProgress: progress, holdBack }));
      rememberPeer(store, header.from, header.knows);
    });
  } else {
    let batchNumber = 0;
    const again = await scanBundle(
      source,
      {
        batch: (_read, changes, offset, digest) => {
          if (digests[batchNumber] !== digest)
            throw new BundleError(
              'The file changed while it was being imported; import it again (what was already merged stays).',
            );
          batchNumber += 1;
          // The file stays the source: a batch lost to a power cut is applied again by importing it again.
          store.transaction(
            () => add(store.applyRemote(changes, 'bundle', { numbering: { offset, total: header.count }, holdBack })),
            'normal',
          );
        },
        // Files are content-addressed and hash-checked: storing them only after the whole file
        // was verified keeps a refused bundle from leaving anything behind.
        blob: (blob) => void options.blobs?.put(blob.bytes),
      },
      { phase: 'apply', ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
    );
    if (JSON.stringify(again) !== JSON.stringify(header))
      throw new BundleError('The file changed while it was being imported; import it again.');
    store.transaction(() => rememberPeer(store, header.from, header.knows));
  }
  return {
    ...totals,
    blobs: options.blobs ? blobCount : 0,
    from: header.from,
    campaigns: header.campaigns,
    count: header.count,
  };
}

/** Merges a bundle held in memory (see importBundleSource). */
export function importBundleBytes(
  store: LocalStore,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importBundleSource(store, bufferSource(bytes), options);
}

/** Merges a bundle file, read as a stream (see importBundleSource). */
export function importBundle(store: LocalStore, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  options.onProgress?.({ phase: 'read', done: 0, total: 1 });
  return importBundleSource(store, fileSource(file), options);
}
