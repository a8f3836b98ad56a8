import { z } from 'zod';
import { channel, empty } from './define';

/**
 * Duo sync over the local network (services/lan/): while the duo dialog shows its network part,
 * this laptop listens on its LAN address for a limited time and announces itself by mDNS; the
 * person picks a laptop found nearby (or types its address), pairs once by comparing a six-digit
 * code (checked against the fingerprints the server knows, when it was reachable), and syncs.
 * Sessions run in the background; their progress and outcome arrive with the `lan` local event.
 */

/** Why a peer refused a session, as it says so in a `refused` frame of the protocol (services/lan/frames.ts). */
export const LAN_REFUSALS = [
  'unknown-peer',
  'not-confirmed',
  'pairing-closed',
  'busy',
  'too-large',
  'bad-message',
  'protocol',
  'import-failed',
] as const;
export type LanRefusal = (typeof LAN_REFUSALS)[number];

/** Why a session failed, for a message in the user's language (lan.reasons.<reason>): a peer's refusal or ours. */
export const LAN_REASONS = [...LAN_REFUSALS, 'fingerprint-changed', 'closed', 'timeout', 'unreachable'] as const;
export type LanReason = (typeof LAN_REASONS)[number];

/** What the server said about a partner's certificate. */
export type ServerCheck =
  /** The server lists this certificate for that member of one of our campaigns. */
  | { readonly state: 'known'; readonly email: string }
  /** The server was asked, and knows no member with this certificate. */
  | { readonly state: 'unknown' }
  /** This laptop never asked the server (no server connection, or offline since). */
  | { readonly state: 'not-checked' };

export interface LanNearbyView {
  readonly fingerprint: string;
  readonly fingerprintShort: string;
  readonly host: string;
  readonly port: number;
  /** Paired before: syncing needs no code. */
  readonly paired: boolean;
  /** The member working on that laptop, as this profile knows them (paired partners only). */
  readonly name: string | null;
  readonly server: ServerCheck;
}

export interface LanPartnerView {
  readonly fingerprint: string;
  readonly fingerprintShort: string;
  readonly node: string;
  readonly name: string | null;
  readonly pairedAt: string;
  readonly server: ServerCheck;
}

/** A code waiting for this person's answer. */
export interface LanPairingView {
  readonly code: string;
  readonly peerFingerprint: string;
  readonly peerFingerprintShort: string;
  readonly server: ServerCheck;
}

export interface LanSessionView {
  readonly mode: 'pair' | 'sync';
  readonly peerFingerprintShort: string | null;
  readonly phase: 'connecting' | 'pairing' | 'sending' | 'receiving' | 'importing' | 'done';
  readonly done: number;
  readonly total: number;
}

export type LanOutcomeView =
  | {
      readonly ok: true;
      readonly mode: 'pair' | 'sync';
      readonly peerFingerprintShort: string;
      readonly at: number;
      /** Changes received from the partner, those new here, and the byte offset an interrupted transfer resumed from. */
      readonly received: { readonly count: number; readonly applied: number; readonly resumedFrom: number } | null;
      readonly sent: { readonly count: number; readonly applied: number } | null;
    }
  | { readonly ok: false; readonly reason: LanReason; readonly message: string; readonly at: number };

export interface LanView {
  /** The network part is on: listening and announcing. */
  readonly open: boolean;
  readonly fingerprint: string;
  readonly fingerprintShort: string;
  /** Where this laptop listens, and until when (ms since the epoch). */
  readonly listening: { readonly host: string; readonly port: number; readonly until: number } | null;
  readonly nearby: readonly LanNearbyView[];
  readonly partners: readonly LanPartnerView[];
  readonly pairing: LanPairingView | null;
  readonly session: LanSessionView | null;
  readonly last: LanOutcomeView | null;
  /** When the server last told this laptop its colleagues' certificates; null: never. */
  readonly serverCheckedAt: number | null;
}

const ADDRESS = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/u;

/** "HOST:PORT" (an IPv6 literal in brackets) as typed by a person or the CLI; null when it is not one. */
export function parseLanAddress(value: string): { host: string; port: number } | null {
  const match = ADDRESS.exec(value.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || !(port > 0 && port < 65_536)) return null;
  return { host: match[1] as string, port };
}

const fingerprint = z.string().regex(/^[0-9a-f]{64}$/u);

export const lanConnectInput = z
  .object({
    mode: z.enum(['pair', 'sync']),
    to: z.union([
      z.object({ fingerprint }).strict(),
      z
        .object({
          address: z
            .string()
            .trim()
            .max(300)
            .refine((value) => parseLanAddress(value) !== null, { message: 'lan.errors.address' }),
        })
        .strict(),
    ]),
  })
  .strict();

export const lanChannels = {
  'lan.status': channel<LanView>()(empty),
  /** Starts (or renews) listening and announcing; asks the server for the colleagues' certificates when connected. */
  'lan.open': channel<LanView>()(empty),
  'lan.close': channel<LanView>()(empty),
  'lan.connect': channel<LanView>()(lanConnectInput),
  /** This person's answer to the code on screen. */
  'lan.confirm': channel<LanView>()(z.object({ accepted: z.boolean() }).strict()),
  /** Unpairs a partner: it can sync again only after a new pairing. */
  'lan.forget': channel<LanView>()(z.object({ fingerprint }).strict()),
} as const;
