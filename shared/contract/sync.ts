import { z } from 'zod';
import { serverUrlProblem } from '../sync/server-url';
import { channel, empty, idSchema } from './define';

/**
 * Channels of synchronisation: the central server (background engine, status indicator) and the
 * duo exchange by bundle file (USB stick), which runs as a job the UI follows with a progress bar.
 */

export type SyncState = 'not-configured' | 'idle' | 'offline' | 'syncing' | 'up-to-date' | 'error';

export interface SyncView {
  readonly state: SyncState;
  readonly serverUrl: string | null;
  readonly email: string | null;
  /** Why the last attempt failed (offline, error), in the server's or network's words (English, for logs). */
  readonly reason: string | null;
  /** The same as a reason code (shared/sync/reasons.ts) the UI shows in the user's language. */
  readonly reasonCode: string | null;
  /** When the engine tries again (offline, error), ms since the epoch. */
  readonly nextAttemptAt: number | null;
  /** When the last round finished (up-to-date), ms since the epoch. */
  readonly lastSyncAt: number | null;
  readonly progress: { readonly phase: 'push' | 'pull'; readonly done: number; readonly total: number | null } | null;
  /** Local changes the server has not acknowledged yet. */
  readonly pendingChanges: number;
}

export const serverUrlSchema = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'sync.errors.serverUrl' })
  .max(500, { message: 'sync.errors.serverUrl' })
  // Plain http only to this machine: elsewhere the password would travel in clear.
  .refine((url) => serverUrlProblem(url) !== 'insecure-http', { message: 'sync.errors.insecureUrl' });

export const syncConnectInput = z
  .object({
    serverUrl: serverUrlSchema,
    email: z
      .string()
      .trim()
      .regex(/^[^\s@]{1,200}@[^\s@]{1,100}$/, { message: 'sync.errors.email' }),
    password: z.string().min(1, { message: 'sync.errors.password' }).max(1000),
  })
  .strict();

export type JobState = 'running' | 'done' | 'failed';

export interface JobView<R> {
  readonly id: string;
  readonly kind: 'export' | 'import' | 'reportExport';
  readonly state: JobState;
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  readonly result: R | null;
  readonly error: string | null;
  /** Why it failed, for a message in the user's language (e.g. a bundle refusal); null when unknown. */
  readonly errorCode: string | null;
}

export interface ExportResult {
  readonly fileName: string;
  /** The bundle file, base64: the renderer offers it as a download. */
  readonly base64: string;
  readonly count: number;
  readonly bytes: number;
  /** What the file is encrypted with: the duo's passphrase, or the pairing key of the partner it was made for. */
  readonly sealed: 'passphrase' | 'pair';
}

export interface ImportResultView {
  readonly from: string;
  readonly count: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly deferred: number;
  readonly conflicts: number;
  /** Concurrent edits resolved by last writer wins, the losing value kept in the conflicts panel. */
  readonly autoResolved: number;
  /** Changes set aside instead of applied (a relayed change whose author could not be verified, …): listed on the Conflicten page. */
  readonly setAside: number;
  readonly campaigns: readonly string[];
}

/** Who made a duo file (its signature: services/duo/signed-file.ts), shown before import. */
export interface DuoMakerView {
  readonly maker: {
    /** The member the maker's laptop chose as "Ik ben", as it names them; null when nobody was chosen. */
    readonly name: string | null;
    readonly node: string;
    /** SHA-256 of the maker laptop's certificate (hex), and its first 16 bytes grouped for people to compare. */
    readonly fingerprint: string;
    readonly fingerprintShort: string;
    readonly createdAt: string;
  };
  /** known: a laptop this one trusts already; new: first file of that laptop; changed: that laptop now names other members. */
  readonly trust: 'known' | 'new' | 'changed';
}

/** A campaign a duo file brings, as the import preview shows it. */
export interface DuoFileCampaign {
  readonly id: string;
  /** Its name as the file (or this laptop) gives it; null when neither does. */
  readonly name: string | null;
  /** Not on this laptop yet. */
  readonly isNew: boolean;
  /** Its team (in the file) has this laptop's person (an "Ik ben" address, or the sync account). */
  readonly teamHasYou: boolean;
  /** How many changes of this campaign the file carries (new here or not). */
  readonly changes: number;
}

/** What the import dialog shows before anything is imported: the maker, and what the file brings. */
export interface DuoFileView extends DuoMakerView {
  readonly campaigns: readonly DuoFileCampaign[];
  /**
   * The file brings a campaign this laptop would refuse as foreign (new here, and its team does
   * not have this person, who holds other campaigns): imported only with `allowNewCampaign`,
   * after the person confirmed it (the CLI's --allow-new-campaign).
   */
  readonly needsNewCampaignConsent: boolean;
  /** Changes passed on from third laptops that this laptop cannot verify and will set aside (RELAYED_UNVERIFIED). */
  readonly unverifiedRelayed: number;
  /** How many changes the file carries in all (some may be on this laptop already). */
  readonly changeCount: number;
}

export interface DuoPeer {
  readonly node: string;
  /** The member who works on that laptop (author of its newest changes), when this profile knows them. */
  readonly name: string | null;
  /** How many of this campaign's nodes the peer reported knowing, as a hint of recency. */
  readonly campaigns: readonly string[];
  /** Paired over the network (certificate pinned): a file made for it is sealed with the pairing key, no passphrase. */
  readonly paired: boolean;
}

export interface DuoView {
  /** This laptop's node id: the partner sees it as the sender of bundles from here. */
  readonly node: string;
  /** This laptop's key fingerprint, grouped for people (the partner compares it before the first import). */
  readonly fingerprintShort: string;
  readonly peers: readonly DuoPeer[];
}

/** A duo file's passphrase: at least 8 characters (the same rule as the profile's). */
const duoPassphrase = z
  .string()
  .max(1024)
  .refine((value) => [...value].length >= 8, { message: 'vault.duo.errors.tooShort' });

/** Largest bundle accepted through the contract: 64 MiB of base64. */
export const MAX_BUNDLE_BASE64 = 64 * 1024 * 1024;

export const syncChannels = {
  'sync.status': channel<SyncView>()(empty),
  'sync.connect': channel<SyncView>()(syncConnectInput),
  'sync.disconnect': channel<SyncView>()(empty),
  'sync.now': channel<SyncView>()(empty),
  'duo.info': channel<DuoView>()(empty),
  'duo.export': channel<{ readonly jobId: string }>()(
    z
      .object({
        campaignId: idSchema,
        forPeer: z
          .string()
          .regex(/^[a-z0-9]{8,32}$/)
          .nullable(),
        /**
         * The duo's passphrase: the file is encrypted under it (db/crypto/duo-file.ts); the partner
         * types it to import. Left out for a paired partner (`forPeer`): sealed with the pairing key.
         */
        passphrase: duoPassphrase.optional(),
      })
      .strict(),
  ),
  'duo.inspect': channel<DuoFileView>()(
    z
      .object({
        base64: z
          .string()
          .min(1, { message: 'sync.errors.emptyFile' })
          .max(MAX_BUNDLE_BASE64, { message: 'sync.errors.fileTooLarge' })
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'sync.errors.notABundle' }),
        /** The duo's passphrase of an encrypted duo file (older, unencrypted files need none). */
        passphrase: z.string().max(1024).optional(),
      })
      .strict(),
  ),
  'duo.import': channel<{ readonly jobId: string }>()(
    z
      .object({
        fileName: z.string().max(300),
        /** The maker's fingerprint the person confirmed (from duo.inspect), for a maker this laptop does not know yet. */
        trustSigner: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .nullable()
          .default(null),
        base64: z
          .string()
          .min(1, { message: 'sync.errors.emptyFile' })
          .max(MAX_BUNDLE_BASE64, { message: 'sync.errors.fileTooLarge' })
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'sync.errors.notABundle' }),
        /** The campaign the user imports into; null on a fresh profile that has no campaign yet. */
        campaignId: idSchema.nullable(),
        /**
         * Take in a campaign this profile would refuse as foreign (needsNewCampaignConsent): the
         * person saw who signed the file and which campaign it brings, and confirmed. With
         * campaignId null only.
         */
        allowNewCampaign: z.boolean().default(false),
        /** The duo's passphrase of an encrypted duo file (older, unencrypted files need none). */
        passphrase: z.string().max(1024).optional(),
      })
      .strict(),
  ),
  'jobs.export': channel<JobView<ExportResult>>()(z.object({ jobId: idSchema }).strict()),
  'jobs.import': channel<JobView<ImportResultView>>()(z.object({ jobId: idSchema }).strict()),
} as const;
