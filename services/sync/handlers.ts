import {
  NotForThisLaptopError,
  isSealedDuoFile,
  openDuoFile,
  openSealedSource,
  sealSource,
  sealedWith,
} from '../../db/crypto/duo-file';
import { WrongPassphraseError } from '../../db/crypto/passphrase';
import type { Profile } from '../../db/profile';
import { BundleError, knownPeers, writeBundle } from '../../db/store/bundle';
import { bufferSource, collect } from '../../db/store/byte-stream';
import { fileSpool } from '../../db/store/spool';
import { ChangeRejectedError } from '../../db/store/errors';
import { memberNameOfNode } from '../../db/store/peers';
import { ClockSkewError } from '../../shared/sync/hlc';
import type { ExportResult, ImportResultView, syncChannels } from '../../shared/contract/sync';
import { importDuoSource, inspectDuoFile, mayAddCampaignOf, signDuoSource } from '../duo/duo-files';
import { DuoFileError } from '../duo/signed-file';
import { duoOpener, pairSealFor, pairedNodes } from '../duo/pair-seal';
import { ServiceError } from '../errors';
import { loadOrCreateIdentity, shortFingerprint } from '../lan/identity';
import type { HandlersOf } from '../handler';
import type { JobRegistry } from '../jobs';
import type { SyncController } from './controller';

type SyncHandlers = HandlersOf<typeof syncChannels>;

/** An error a person can act on, in plain words; anything else is a bug and says so. */
function describeJobError(error: unknown): { message: string; code: string | null } {
  if (error instanceof BundleError) return { message: error.message, code: `bundle-${error.reason}` };
  if (error instanceof DuoFileError) return { message: error.message, code: `duo-${error.reason}` };
  if (error instanceof ClockSkewError) return { message: error.message, code: 'clock-skew' };
  if (error instanceof ChangeRejectedError) return { message: error.message, code: 'change-rejected' };
  if (error instanceof WrongPassphraseError) return { message: error.message, code: 'duo-wrong-passphrase' };
  if (error instanceof NotForThisLaptopError) return { message: error.message, code: 'duo-other-laptop' };
  if (error instanceof ServiceError) return { message: error.message, code: null };
  // Whatever still runs out of stack or memory on a huge file says so plainly, not in V8's words.
  if (error instanceof RangeError)
    return { message: `The file is too large to process on this laptop (${error.message}).`, code: 'bundle-too-large' };
  return { message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, code: null };
}

/**
 * A duo file encrypted for the duo (db/crypto/duo-file.ts) under a passphrase needs it; one sealed
 * for this laptop's pairing key, or an older unencrypted one, none.
 */
async function needsPassphrase(file: Buffer, passphrase: string | undefined): Promise<void> {
  if (!isSealedDuoFile(file) || passphrase) return;
  if ((await sealedWith(bufferSource(file))).kind === 'pair') return;
  throw new ServiceError('INVALID_INPUT', 'This duo file is encrypted: give the duo passphrase.', [
    { path: 'passphrase', message: 'Give the duo passphrase', key: 'vault.duo.errors.needed' },
  ]);
}

/** The signed duo file inside the encryption layer (the file itself when it has none). */
async function unsealed(profile: Profile, file: Buffer, passphrase: string | undefined): Promise<Buffer> {
  await needsPassphrase(file, passphrase);
  return isSealedDuoFile(file) ? openDuoFile(file, await duoOpener(profile, passphrase)) : file;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'campagne'
  );
}

export function createSyncHandlers(profile: Profile, controller: SyncController, jobs: JobRegistry): SyncHandlers {
  const store = profile.store;
  return {
    'sync.status': () => controller.status(),
    'sync.connect': (input) => controller.connect(input),
    'sync.disconnect': () => controller.disconnect(),
    'sync.now': () => controller.syncNow(),

    'duo.info': async () => {
      // Laptops this one has exchanged with, and the partners paired over the network (whose files
      // can be sealed with the pairing key: no passphrase).
      const paired = pairedNodes(profile);
      const known = knownPeers(store);
      const peers = [
        ...known.map((peer) => ({ node: peer.node, campaigns: peer.campaigns })),
        ...[...paired]
          .filter((node) => node !== store.node && !known.some((peer) => peer.node === node))
          .map((node) => ({ node, campaigns: [] as string[] })),
      ].map((peer) => ({ ...peer, name: memberNameOfNode(store, peer.node), paired: paired.has(peer.node) }));
      const { fingerprint } = await loadOrCreateIdentity(profile.dir);
      return { node: store.node, fingerprintShort: shortFingerprint(fingerprint), peers };
    },

    'duo.export': async ({ campaignId, forPeer, passphrase }) => {
      const campaign = store.get('campaigns', campaignId);
      if (!campaign) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      // For the paired partner with no passphrase typed: sealed with the pairing key.
      const seal = passphrase ? { passphrase } : forPeer ? await pairSealFor(profile, forPeer) : null;
      if (!seal)
        throw new ServiceError('INVALID_INPUT', 'Give the duo passphrase: the file is encrypted under it.', [
          { path: 'passphrase', message: 'Give the duo passphrase', key: 'vault.duo.errors.neededForExport' },
        ]);
      const jobId = jobs.start<ExportResult>(
        'export',
        async (progress) => {
          // Streamed: the changes go from the log through gzip into an encrypted spool file, then
          // through the signature and the duo's encryption (db/store/bundle-write.ts).
          const written = await writeBundle(store, await fileSpool(), {
            campaign: campaignId,
            // Documents received on visits travel with their records.
            blobs: profile.blobs,
            ...(forPeer ? { forPeer } : {}),
            onProgress: (step) => progress(step.phase, step.done, step.total),
          });
          try {
            // Signed with this laptop's key, naming who made it (services/duo/signed-file.ts), then
            // encrypted for the duo: a file left on a USB stick reveals nothing without the passphrase.
            const signed = await signDuoSource(profile, written.source, written.header.campaigns);
            // The contract carries the file as base64 (at most 64 MiB), so here it is whole once.
            const bytes = await collect(await sealSource(signed, seal));
            const date = new Date().toISOString().slice(0, 10);
            return {
              fileName: `veldwerk-${slug(campaign.name ?? '')}-${date}-${store.node.slice(0, 8)}.vwb`,
              base64: bytes.toString('base64'),
              count: written.header.count,
              bytes: bytes.length,
              sealed: 'passphrase' in seal ? 'passphrase' : 'pair',
            };
          } finally {
            await written.dispose();
          }
        },
        describeJobError,
      );
      return { jobId };
    },

    'duo.inspect': async ({ base64, passphrase }) => {
      try {
        return await inspectDuoFile(profile, await unsealed(profile, Buffer.from(base64, 'base64'), passphrase));
      } catch (error) {
        if (error instanceof NotForThisLaptopError)
          throw new ServiceError('CONFLICT', error.message, [
            { path: 'base64', message: error.message, key: 'vault.duo.errors.otherLaptop' },
          ]);
        if (error instanceof DuoFileError)
          throw new ServiceError('CONFLICT', error.message, [
            { path: 'base64', message: error.message, key: `sync.duo.reasons.duo-${error.reason}` },
          ]);
        if (error instanceof WrongPassphraseError)
          throw new ServiceError('INVALID_INPUT', error.message, [
            { path: 'passphrase', message: error.message, key: 'vault.duo.errors.wrong' },
          ]);
        if (error instanceof BundleError)
          throw new ServiceError('CONFLICT', error.message, [
            { path: 'base64', message: error.message, key: `sync.duo.reasons.bundle-${error.reason}` },
          ]);
        throw error;
      }
    },

    'duo.import': async ({ base64, campaignId, trustSigner, passphrase, allowNewCampaign }) => {
      const file = Buffer.from(base64, 'base64');
      await needsPassphrase(file, passphrase);
      if (campaignId !== null && !store.get('campaigns', campaignId))
        throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      const jobId = jobs.start<ImportResultView>(
        'import',
        async (progress) => {
          const source = isSealedDuoFile(file)
            ? await openSealedSource(bufferSource(file), await duoOpener(profile, passphrase))
            : bufferSource(file);
          const result = await importDuoSource(profile, source, trustSigner, {
            blobs: profile.blobs,
            ...(campaignId !== null
              ? { campaign: campaignId }
              : {
                  // A campaign refused as foreign comes in only when the person allowed it, having seen
                  // who signed the file and which campaign it brings (duo.inspect): the CLI's --allow-new-campaign.
                  allowNewCampaign: allowNewCampaign || store.knownCampaigns().length === 0,
                  mayAddCampaign: mayAddCampaignOf(profile),
                }),
            onProgress: (step) => progress(step.phase, step.done, step.total),
          });
          return {
            from: result.from,
            count: result.count,
            applied: result.applied,
            duplicates: result.duplicates,
            deferred: result.deferred,
            conflicts: result.conflicts,
            autoResolved: result.autoResolved ?? 0,
            setAside: result.setAside?.length ?? 0,
            campaigns: result.campaigns,
          };
        },
        describeJobError,
      );
      return { jobId };
    },

    'jobs.export': ({ jobId }) => {
      const job = jobs.get<ExportResult>(jobId, 'export');
      if (!job) throw new ServiceError('NOT_FOUND', `No export job ${jobId}`);
      return job;
    },

    'jobs.import': ({ jobId }) => {
      const job = jobs.get<ImportResultView>(jobId, 'import');
      if (!job) throw new ServiceError('NOT_FOUND', `No import job ${jobId}`);
      return job;
    },
  };
}
