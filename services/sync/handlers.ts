import type { Profile } from '../../db/profile';
import { BundleError, createBundle, knownPeers } from '../../db/store/bundle';
import { ChangeRejectedError } from '../../db/store/errors';
import { memberNameOfNode } from '../../db/store/peers';
import { ClockSkewError } from '../../shared/sync/hlc';
import type { ExportResult, ImportResultView, syncChannels } from '../../shared/contract/sync';
import { importDuoFile, inspectDuoFile, signDuoFile } from '../duo/duo-files';
import { DuoFileError } from '../duo/signed-file';
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
  if (error instanceof ServiceError) return { message: error.message, code: null };
  // Whatever still runs out of stack or memory on a huge file says so plainly, not in V8's words.
  if (error instanceof RangeError)
    return { message: `The file is too large to process on this laptop (${error.message}).`, code: 'bundle-too-large' };
  return { message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, code: null };
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
      const peers = knownPeers(store).map((peer) => ({
        node: peer.node,
        name: memberNameOfNode(store, peer.node),
        campaigns: peer.campaigns,
      }));
      const { fingerprint } = await loadOrCreateIdentity(profile.dir);
      return { node: store.node, fingerprintShort: shortFingerprint(fingerprint), peers };
    },

    'duo.export': ({ campaignId, forPeer }) => {
      const campaign = store.get('campaigns', campaignId);
      if (!campaign) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      const jobId = jobs.start<ExportResult>(
        'export',
        async (progress) => {
          const { bytes, header } = await createBundle(store, {
            campaign: campaignId,
            // Documents received on visits travel with their records.
            blobs: profile.blobs,
            ...(forPeer ? { forPeer } : {}),
            onProgress: (step) => progress(step.phase, step.done, step.total),
          });
          // Signed with this laptop's key, naming who made it (services/duo/signed-file.ts).
          const signed = await signDuoFile(profile, bytes, header.campaigns);
          const date = new Date().toISOString().slice(0, 10);
          return {
            fileName: `veldwerk-${slug(campaign.name ?? '')}-${date}-${store.node.slice(0, 8)}.vwb`,
            base64: signed.toString('base64'),
            count: header.count,
            bytes: signed.length,
          };
        },
        describeJobError,
      );
      return { jobId };
    },

    'duo.inspect': ({ base64 }) => {
      try {
        return inspectDuoFile(profile, Buffer.from(base64, 'base64'));
      } catch (error) {
        if (error instanceof DuoFileError)
          throw new ServiceError('CONFLICT', error.message, [
            { path: 'base64', message: error.message, key: `sync.duo.reasons.duo-${error.reason}` },
          ]);
        throw error;
      }
    },

    'duo.import': ({ base64, campaignId, trustSigner }) => {
      const bytes = Buffer.from(base64, 'base64');
      if (campaignId !== null && !store.get('campaigns', campaignId))
        throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      const jobId = jobs.start<ImportResultView>(
        'import',
        async (progress) => {
          const result = await importDuoFile(profile, bytes, trustSigner, {
            blobs: profile.blobs,
            ...(campaignId !== null
              ? { campaign: campaignId }
              : { allowNewCampaign: store.knownCampaigns().length === 0 }),
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
