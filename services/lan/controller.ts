import { networkInterfaces } from 'node:os';
import type { Profile } from '../../db/profile';
import { memberNameOfNode } from '../../db/store/peers';
import {
  parseLanAddress,
  type LanOutcomeView,
  type LanPairingView,
  type LanSessionView,
  type LanView,
} from '../../shared/contract/lan';
import { ServiceError } from '../errors';
import type { SyncHttpClient } from '../sync/client/http';
import { LanDiscovery } from './discovery';
import { connectLan, startLanListener, type LanListener } from './endpoint';
import { LanError } from './frames';
import { loadOrCreateIdentity, shortFingerprint, type LanIdentity } from './identity';
import { PeerList } from './peers';
import { refreshServerPartners, serverCheck, serverCheckedAt } from './server-partners';
import type { LanProgress, SessionContext, SessionResult } from './session';

/*
 * The duo dialog's network part, for one profile: while it is open this laptop listens on one
 * LAN address for a limited time and announces itself by mDNS; the person connects to a laptop
 * found nearby (or at a typed address) to pair or to sync. One session at a time, in the
 * background; its progress, the code to compare and the outcome are told to the UI with the `lan`
 * local event. What an interrupted transfer received is kept for this run, so connecting again
 * resumes it.
 */

export interface LanControllerOptions {
  /** The address to listen on; default the laptop's first non-loopback IPv4 address (127.0.0.1 without one). */
  readonly host?: string;
  /** mDNS port (tests keep to their own); mDNS off with `discovery: false`. */
  readonly mdnsPort?: number;
  readonly discovery?: boolean;
  /** How long the listener stays open after the dialog opened it. Default 10 minutes. */
  readonly lifetimeMs?: number;
  /** The sync server's client while the laptop is connected to one. */
  readonly serverClient?: () => SyncHttpClient | null;
  readonly onChange?: () => void;
  readonly now?: () => number;
}

const DEFAULT_LIFETIME_MS = 10 * 60_000;
/** The colleagues' certificates are asked again after a sync round at most this often. */
const SERVER_REFRESH_MS = 5 * 60_000;
/** Progress is told at most this often (a season is a few hundred chunks). */
const PROGRESS_EVERY_MS = 100;

/** The laptop's first non-loopback IPv4 address: the one the duo partner on the same network reaches. */
export function defaultLanHost(): string {
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  return '127.0.0.1';
}

function lanErrorOf(error: unknown): LanError {
  return error instanceof LanError
    ? error
    : new LanError('protocol', error instanceof Error ? error.message : String(error));
}

export class LanController {
  private identityPromise: Promise<LanIdentity> | null = null;
  private identityValue: LanIdentity | null = null;
  private listener: LanListener | null = null;
  private discovery: LanDiscovery | null = null;
  private until = 0;
  private closeTimer: NodeJS.Timeout | null = null;
  private pairing: { view: LanPairingView; answer: (accepted: boolean) => void } | null = null;
  private session: LanSessionView | null = null;
  private last: LanOutcomeView | null = null;
  private lastProgressAt = 0;
  private lastServerRefresh = 0;
  private readonly partials = new Map<string, Buffer[]>();
  private readonly offered = new Map<string, { bytes: Buffer; sha256: string; at: number }>();
  private readonly peers: PeerList;
  private readonly now: () => number;
  private opening: Promise<void> | null = null;

  constructor(
    private readonly profile: Profile,
    private readonly options: LanControllerOptions = {},
  ) {
    this.peers = new PeerList(profile.dir);
    this.now = options.now ?? Date.now;
  }

  private changed(): void {
    this.options.onChange?.();
  }

  private async identity(): Promise<LanIdentity> {
    this.identityPromise ??= loadOrCreateIdentity(this.profile.dir).then((identity) => (this.identityValue = identity));
    return this.identityPromise;
  }

  private context(): SessionContext {
    return {
      profile: this.profile,
      store: this.profile.store,
      blobs: this.profile.blobs,
      peers: this.peers,
      partials: this.partials,
      offered: this.offered,
      confirm: (code, peer) => this.ask(code, peer.fingerprint),
      onProgress: (progress) => this.progress(progress),
    };
  }

  /** Shows the code and waits for this person's answer (lan.confirm), or for the session to end. */
  private ask(code: string, peerFingerprint: string): Promise<boolean> {
    this.pairing?.answer(false);
    return new Promise<boolean>((resolve) => {
      this.pairing = {
        view: {
          code,
          peerFingerprint,
          peerFingerprintShort: shortFingerprint(peerFingerprint),
          server: serverCheck(this.profile.store, peerFingerprint),
        },
        answer: resolve,
      };
      this.session = {
        mode: 'pair',
        peerFingerprintShort: shortFingerprint(peerFingerprint),
        phase: 'pairing',
        done: 0,
        total: 1,
      };
      this.changed();
    });
  }

  private progress(progress: LanProgress): void {
    const phaseChanged = this.session?.phase !== progress.phase;
    this.session = {
      mode: progress.phase === 'pairing' ? 'pair' : (this.session?.mode ?? 'sync'),
      peerFingerprintShort: this.session?.peerFingerprintShort ?? null,
      phase: progress.phase,
      done: progress.done,
      total: progress.total,
    };
    const at = this.now();
    if (phaseChanged || at - this.lastProgressAt >= PROGRESS_EVERY_MS) {
      this.lastProgressAt = at;
      this.changed();
    }
  }

  private finish(outcome: { result: SessionResult } | { error: LanError }): void {
    this.pairing?.answer(false);
    this.pairing = null;
    this.session = null;
    const at = this.now();
    this.last =
      'result' in outcome
        ? {
            ok: true,
            mode: outcome.result.mode,
            peerFingerprintShort: shortFingerprint(outcome.result.peerFingerprint),
            at,
            received: outcome.result.received ?? null,
            sent: outcome.result.sent ?? null,
          }
        : { ok: false, reason: outcome.error.reason, message: outcome.error.message, at };
    this.changed();
  }

  /** Starts (or renews) listening and announcing; asks the server for the colleagues' certificates when online. */
  async open(): Promise<LanView> {
    this.opening ??= this.start().finally(() => {
      this.opening = null;
    });
    await this.opening;
    const client = this.options.serverClient?.();
    if (client) void this.refreshFromServer(client, true);
    return this.status();
  }

  private async start(): Promise<void> {
    const identity = await this.identity();
    const lifetime = this.options.lifetimeMs ?? DEFAULT_LIFETIME_MS;
    this.until = this.now() + lifetime;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => void this.close(), lifetime);
    this.closeTimer.unref();
    if (this.listener) {
      this.changed();
      return;
    }
    const host = this.options.host ?? defaultLanHost();
    try {
      this.listener = await startLanListener({
        identity,
        context: this.context(),
        host,
        // The controller closes it; the listener's own limit is a safety net a little later.
        lifetimeMs: lifetime + 60_000,
        onSession: (outcome) => this.finish('result' in outcome ? outcome : { error: lanErrorOf(outcome.error) }),
      });
    } catch (error) {
      throw new ServiceError(
        'CONFLICT',
        `Cannot listen on ${host}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (this.options.discovery ?? true) {
      const discovery = new LanDiscovery(
        identity.fingerprint,
        () => this.changed(),
        this.options.mdnsPort !== undefined ? { mdnsPort: this.options.mdnsPort } : {},
      );
      discovery.announce({ fingerprint: identity.fingerprint, host: this.listener.host, port: this.listener.port });
      discovery.browse();
      this.discovery = discovery;
    }
    this.changed();
  }

  /** Stops listening and announcing; a code still on screen is answered "no". */
  async close(): Promise<void> {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    const listener = this.listener;
    const discovery = this.discovery;
    this.listener = null;
    this.discovery = null;
    this.pairing?.answer(false);
    await Promise.all([listener?.close(), discovery?.stop()]);
    this.changed();
  }

  /** Starts a session in the background; the view tells its progress and outcome. */
  async connect(input: { mode: 'pair' | 'sync'; to: { fingerprint: string } | { address: string } }): Promise<LanView> {
    if (this.session)
      throw new ServiceError('CONFLICT', 'A session with a partner is already running; wait until it ends.');
    const identity = await this.identity();
    let target: { host: string; port: number; expectFingerprint?: string };
    if ('fingerprint' in input.to) {
      const found = this.discovery?.find(input.to.fingerprint);
      if (!found)
        throw new ServiceError(
          'NOT_FOUND',
          'That laptop is no longer seen on the network: search again or type its address.',
        );
      target = { host: found.host, port: found.port, expectFingerprint: found.fingerprint };
    } else {
      const address = parseLanAddress(input.to.address);
      if (!address)
        throw new ServiceError('INVALID_INPUT', 'Give the address as HOST:PORT.', [
          { path: 'to.address', message: 'Give the address as HOST:PORT', key: 'lan.errors.address' },
        ]);
      target = address;
    }
    this.session = {
      mode: input.mode,
      peerFingerprintShort: target.expectFingerprint ? shortFingerprint(target.expectFingerprint) : null,
      phase: 'connecting',
      done: 0,
      total: 1,
    };
    this.changed();
    connectLan({ identity, context: this.context(), ...target, mode: input.mode }).then(
      (result) => this.finish({ result }),
      (error: unknown) => this.finish({ error: lanErrorOf(error) }),
    );
    return this.status();
  }

  confirm(accepted: boolean): Promise<LanView> {
    if (!this.pairing) throw new ServiceError('CONFLICT', 'No code is waiting for an answer.');
    const { answer } = this.pairing;
    this.pairing = null;
    answer(accepted);
    this.changed();
    return this.status();
  }

  forget(fingerprint: string): Promise<LanView> {
    this.peers.remove(fingerprint);
    this.changed();
    return this.status();
  }

  /**
   * Tells the server this laptop's certificate and keeps the colleagues' ones (after a sync
   * round at most every few minutes; at once when the dialog opens). Offline, nothing changes.
   */
  async refreshFromServer(client: SyncHttpClient, force = false): Promise<void> {
    if (!force && this.now() - this.lastServerRefresh < SERVER_REFRESH_MS) return;
    this.lastServerRefresh = this.now();
    try {
      const identity = await this.identity();
      await refreshServerPartners(this.profile.store, client, identity.fingerprint, this.now());
      this.changed();
    } catch {
      // Offline or an older server: the pairing falls back to the code alone, and says so.
    }
  }

  async status(): Promise<LanView> {
    const identity = this.identityValue ?? (await this.identity());
    const store = this.profile.store;
    const partners = this.peers.list();
    return {
      open: this.listener !== null,
      fingerprint: identity.fingerprint,
      fingerprintShort: shortFingerprint(identity.fingerprint),
      listening: this.listener ? { host: this.listener.host, port: this.listener.port, until: this.until } : null,
      nearby: (this.discovery?.list() ?? []).map((found) => {
        const partner = partners.find((peer) => peer.fingerprint === found.fingerprint);
        return {
          fingerprint: found.fingerprint,
          fingerprintShort: shortFingerprint(found.fingerprint),
          host: found.host,
          port: found.port,
          paired: partner !== undefined,
          name: partner ? memberNameOfNode(store, partner.node) : null,
          server: serverCheck(store, found.fingerprint),
        };
      }),
      partners: partners.map((peer) => ({
        fingerprint: peer.fingerprint,
        fingerprintShort: shortFingerprint(peer.fingerprint),
        node: peer.node,
        name: memberNameOfNode(store, peer.node),
        pairedAt: peer.pairedAt,
        server: serverCheck(store, peer.fingerprint),
      })),
      pairing: this.pairing?.view ?? null,
      session: this.session,
      last: this.last,
      serverCheckedAt: serverCheckedAt(store),
    };
  }
}
