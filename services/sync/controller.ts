import type { Profile } from '../../db/profile';
import { syncBlobs, type BlobRound } from './client/blobs';
import { SyncEngine, pullCursorKey, pushCursorKey } from './client/engine';
import { SyncHttpClient, SyncHttpError, ServerUnreachableError } from './client/http';
import { NewsStream, type NewsStreamOptions } from './client/news';
import type { CampaignNews } from '../../server/api';
import type { SyncStatus } from './client/status';
import type { SyncView } from '../../shared/contract/sync';
import { INSECURE_HTTP_MESSAGE, serverUrlProblem } from '../../shared/sync/server-url';
import { isReasonCode, type ReasonCode } from '../../shared/sync/reasons';
import { ServiceError } from '../errors';
import { keepAccountMemberships } from '../identity';

/** A server or engine code the UI can translate; anything else is shown as "something went wrong". */
function reasonOf(code: string): ReasonCode {
  return isReasonCode(code) ? code : 'INTERNAL';
}

/** Where the connection to the central server is kept in the profile (local only, never synced). */
const KEYS = {
  url: 'sync:server-url',
  email: 'sync:email',
  access: 'sync:access-token',
  refresh: 'sync:refresh-token',
  // Also read by migration 012's triggers: the push cursors of this server are the ones that count.
  serverId: 'sync:server-id',
} as const;

export interface SyncControllerOptions {
  /** Pause between background rounds; the engine's default (60 s) when unset. */
  readonly intervalMs?: number;
  /** Called whenever the engine's state may have changed (a round's outcomes: held edits, set-aside changes; services/events.ts). */
  readonly onChange?: () => void;
  /**
   * Told status() each time it answers something new: a round starts, progresses, ends or fails,
   * the connection changes, or a write or a push changes the count of changes to send. The
   * services push it to the UI as a `sync` event (shared/contract/events.ts), which reads nothing.
   */
  readonly onStatus?: (status: SyncView) => void;
  /** Called after every successful round with the server's client (the LAN part asks for the colleagues' certificates). */
  readonly afterRound?: (client: SyncHttpClient) => void;
  /** How soon after an edit (or a change from the duo partner) a round pushes it; default 1 s. */
  readonly pushDelayMs?: number;
  /** The server's events stream (pull at once when a campaign has news); false: periodic rounds only. */
  readonly news?: false | Pick<NewsStreamOptions, 'initialRetryMs' | 'maxRetryMs' | 'silenceMs'>;
}

/** Sources of changes the server has not got yet: an edit here, or one the duo partner brought. */
const PUSHED_SOURCES: ReadonlySet<string> = new Set(['local', 'bundle', 'peer']);

/**
 * Runs the sync engine in the background of the services process for one profile: started at
 * launch when the profile has a server connection, started by connect(), stopped by disconnect()
 * and on close. The UI is told status() whenever it changes (onStatus). After every successful round
 * the shared texts the server already stores are compacted.
 */
export class SyncController {
  private engine: SyncEngine | null = null;
  private client: SyncHttpClient | null = null;
  private lastSyncAt: number | null = null;
  private filesRound: Promise<void> | null = null;
  private lastFiles: (BlobRound & { error?: string }) | null = null;
  private refusedUrl = false;
  private pushTimer: ReturnType<typeof setTimeout> | null = null;
  private news: NewsStream | null = null;
  /** News heard during a round, per campaign: checked against the pull cursor when the round ends. */
  private readonly awaited = new Map<string, number>();
  private readonly unwatch: () => void;
  /** The status as last told to onStatus (JSON), so that an unchanged one is not told again. */
  private announced: string | null = null;

  constructor(
    private readonly profile: Profile,
    private readonly options: SyncControllerOptions = {},
  ) {
    // Edits travel at once: a committed change the server lacks schedules a round within about a
    // second (edits in that second join it), instead of waiting for the next 60 s round.
    // Any commit may change the count of changes to send (an edit, a partner's file, a claim
    // evicted from the log): the status is compared with the last one told, which is cheap now
    // that the count is stored (migration 012).
    this.unwatch = profile.store.onCommit((event) => {
      if (PUSHED_SOURCES.has(event.source)) this.schedulePush();
      this.announce();
    });
  }

  private schedulePush(): void {
    const engine = this.engine;
    if (!engine || this.pushTimer) return;
    // Offline or failing, the engine's backoff decides when to try again: edits do not hammer it.
    const state = engine.status.state;
    if (state === 'offline' || state === 'error') return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      this.engine?.trigger();
    }, this.options.pushDelayMs ?? 1000);
  }

  private get store() {
    return this.profile.store;
  }

  /** A token from the profile, unwrapped; a plain one from before wrapping is wrapped on the way. */
  private token(key: typeof KEYS.access | typeof KEYS.refresh): string | null {
    const stored = this.store.getSyncState(key);
    if (!stored) return null;
    const plain = this.profile.secrets.unwrap(key, stored);
    if (plain !== null && stored === plain) this.setToken(key, plain);
    return plain;
  }

  private setToken(key: typeof KEYS.access | typeof KEYS.refresh, plain: string): void {
    this.store.setSyncState(key, this.profile.secrets.wrap(key, plain));
  }

  /** The server's client while this laptop is connected to one. */
  serverClient(): SyncHttpClient | null {
    return this.client;
  }

  /** Starts the background engine when the profile has a server connection. */
  resume(): void {
    const url = this.store.getSyncState(KEYS.url);
    if (!url || this.engine) return;
    // A plain http:// address to another machine saved by an older version is not used any more:
    // the tokens would travel in clear. The status says so until the user connects again.
    if (serverUrlProblem(url)) {
      this.refusedUrl = true;
      return;
    }
    this.launch(url);
  }

  private launch(url: string): void {
    const client = new SyncHttpClient({
      baseUrl: url,
      credentials: { accessToken: this.token(KEYS.access), refreshToken: this.token(KEYS.refresh) },
      onTokens: (tokens) => {
        this.setToken(KEYS.access, tokens.accessToken);
        this.setToken(KEYS.refresh, tokens.refreshToken);
      },
    });
    const engine = new SyncEngine({
      replica: this.store,
      client,
      // The account's roles, kept for the UI's and the services' early checks (mayChangeMembers).
      onMe: (me) => keepAccountMemberships({ store: this.store }, me.memberships),
      ...(this.options.intervalMs !== undefined ? { intervalMs: this.options.intervalMs } : {}),
    });
    engine.onStatus((status) => {
      this.onStatus(status);
      this.changed();
    });
    this.client = client;
    this.engine = engine;
    engine.start();
    if (this.options.news !== false) {
      this.news = new NewsStream({
        client,
        ...(this.options.news ?? {}),
        onNews: (news) => this.heard(news),
        onOpen: (open) => {
          // The server answers again: no need to wait for the offline backoff.
          if (open && this.engine?.status.state === 'offline') this.engine.trigger();
        },
      });
      this.news.start();
    }
  }

  /**
   * The server stored changes of a campaign up to seq: pull them now unless this laptop has them
   * (its own push, told back). During a round the news waits for the round's end, which may have
   * pulled it already, so a push does not cost this laptop a second round.
   */
  private heard(news: CampaignNews): void {
    const engine = this.engine;
    if (!engine || this.hasPulled(news)) return;
    if (engine.status.state === 'syncing') {
      this.awaited.set(news.campaign, Math.max(news.seq, this.awaited.get(news.campaign) ?? 0));
      return;
    }
    engine.trigger();
  }

  private hasPulled(news: CampaignNews): boolean {
    const serverId = this.store.getSyncState(KEYS.serverId);
    if (!serverId) return false;
    return Number(this.store.getSyncState(pullCursorKey(serverId, news.campaign)) ?? '0') >= news.seq;
  }

  /** Whether the server's events stream is open (news arrive at once) or the laptop relies on the periodic rounds. */
  get hearsNews(): boolean {
    return this.news?.open ?? false;
  }

  private changed(): void {
    this.options.onChange?.();
    this.announce();
  }

  private announce(): void {
    const listener = this.options.onStatus;
    if (!listener) return;
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.announced) return;
    this.announced = key;
    listener(status);
  }

  private onStatus(status: SyncStatus): void {
    if (status.state !== 'syncing' && this.awaited.size > 0) {
      const behind = [...this.awaited].some(([campaign, seq]) => !this.hasPulled({ campaign, seq }));
      this.awaited.clear();
      // Offline, the backoff decides (the stream reopening says when the server is back).
      if (behind && status.state !== 'offline') this.engine?.trigger();
    }
    if (status.state !== 'up-to-date') return;
    this.lastSyncAt = status.at;
    if (this.client) this.options.afterRound?.(this.client);
    const serverId = this.store.getSyncState(KEYS.serverId);
    if (!serverId) return;
    for (const campaign of status.report.campaigns) {
      const pushed = Number(this.store.getSyncState(pushCursorKey(serverId, campaign)) ?? '0');
      this.store.compactTexts({ throughSeq: pushed, campaign });
    }
    this.moveFiles(serverId, status.report.campaigns);
  }

  /** After a round, the documents' files follow their records (one file round at a time). */
  private moveFiles(serverId: string, campaigns: readonly string[]): void {
    const client = this.client;
    if (!client || this.filesRound) return;
    this.filesRound = syncBlobs(this.store, this.profile.blobs, client, serverId, campaigns)
      .then((round) => {
        this.lastFiles = round;
      })
      .catch((error: unknown) => {
        // The next round tries again; the indicator keeps showing the change sync's state.
        this.lastFiles = {
          uploaded: 0,
          downloaded: 0,
          missing: [],
          error: error instanceof Error ? error.message : String(error),
        };
      })
      .finally(() => {
        this.filesRound = null;
      });
  }

  /** Waits for a running file round (tests and shutdown). */
  async filesSettled(): Promise<(BlobRound & { error?: string }) | null> {
    await this.filesRound;
    return this.lastFiles;
  }

  async connect(input: { serverUrl: string; email: string; password: string }): Promise<SyncView> {
    await this.stopEngine();
    this.refusedUrl = false;
    const client = new SyncHttpClient({ baseUrl: input.serverUrl });
    try {
      const tokens = await client.login(input.email, input.password);
      const me = await new SyncHttpClient({
        baseUrl: input.serverUrl,
        credentials: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken },
      }).me();
      this.store.setSyncState(KEYS.url, client.baseUrl);
      this.store.setSyncState(KEYS.email, input.email);
      this.setToken(KEYS.access, tokens.accessToken);
      this.setToken(KEYS.refresh, tokens.refreshToken);
      this.store.setSyncState(KEYS.serverId, me.serverId);
      keepAccountMemberships({ store: this.store }, me.memberships);
    } catch (error) {
      if (error instanceof SyncHttpError) {
        throw new ServiceError(
          error.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
          error.message,
          undefined,
          reasonOf(error.code),
        );
      }
      if (error instanceof ServerUnreachableError)
        throw new ServiceError('NOT_FOUND', error.message, undefined, 'SERVER_UNREACHABLE');
      throw error;
    }
    this.launch(client.baseUrl);
    this.changed();
    return this.status();
  }

  async disconnect(): Promise<SyncView> {
    const client = this.client;
    await this.stopEngine();
    try {
      await client?.logout();
    } catch {
      // Signing out on the server is a courtesy; offline, the tokens simply expire there.
    }
    for (const key of [KEYS.access, KEYS.refresh, KEYS.url, KEYS.email]) this.store.setSyncState(key, '');
    keepAccountMemberships({ store: this.store }, null);
    this.lastSyncAt = null;
    this.changed();
    return this.status();
  }

  syncNow(): SyncView {
    if (!this.engine) throw new ServiceError('CONFLICT', 'This laptop is not connected to a sync server yet.');
    this.engine.trigger();
    return this.status();
  }

  /**
   * Pushes what the server has not stored yet, before a call that must see it (finalising a
   * report: the server freezes the blocks from its own records). A round already running may
   * have started before the last edit, so a second one follows while anything is still pending.
   * Best effort: a round that reports problems (a refused change, the server unreachable) does
   * not stop the call, which says for itself when the server cannot be reached.
   */
  async pushPending(): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const round = () =>
      engine.syncOnce().then(
        () => undefined,
        () => undefined,
      );
    await round();
    if (this.pendingChanges() > 0) await round();
  }

  /**
   * Local changes (typed here or received from the duo partner) that the server has not stored
   * yet: the changes after each campaign's push cursor of the current server. Stored per
   * campaign and kept by triggers (migration 012), so asking costs nothing like a scan of the log.
   */
  pendingChanges(): number {
    return this.store.unpushedCount();
  }

  status(): SyncView {
    const url = this.store.getSyncState(KEYS.url) || null;
    const email = this.store.getSyncState(KEYS.email) || null;
    const base = {
      serverUrl: url,
      email,
      reason: null,
      reasonCode: null,
      nextAttemptAt: null,
      lastSyncAt: this.lastSyncAt,
      progress: null,
      pendingChanges: this.pendingChanges(),
    };
    if (url && this.refusedUrl)
      return { ...base, state: 'error', reason: INSECURE_HTTP_MESSAGE, reasonCode: 'INSECURE_HTTP' };
    if (!url || !this.engine) return { ...base, state: url ? 'idle' : 'not-configured' };
    const status = this.engine.status;
    switch (status.state) {
      case 'idle':
        return { ...base, state: 'idle' };
      case 'offline':
        return {
          ...base,
          state: 'offline',
          reason: status.reason,
          reasonCode: 'SERVER_UNREACHABLE',
          nextAttemptAt: status.nextAttemptAt,
        };
      case 'syncing':
        return {
          ...base,
          state: 'syncing',
          progress: status.progress
            ? { phase: status.progress.phase, done: status.progress.done, total: status.progress.total }
            : null,
        };
      case 'up-to-date':
        return { ...base, state: 'up-to-date', lastSyncAt: status.at };
      case 'error':
        return {
          ...base,
          state: 'error',
          reason: status.reason,
          reasonCode: reasonOf(status.code),
          nextAttemptAt: status.nextAttemptAt,
        };
    }
  }

  private async stopEngine(): Promise<void> {
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    const engine = this.engine;
    const news = this.news;
    this.engine = null;
    this.client = null;
    this.news = null;
    this.awaited.clear();
    await news?.stop();
    await engine?.stop();
    await this.filesRound;
  }

  /**
   * Runs a call that needs the server with the connected client, then asks the engine to sync so
   * the outcome (a server-written status) reaches this laptop. Refused clearly when not connected
   * or when the server says no.
   */
  async online<T>(call: (client: SyncHttpClient) => Promise<T>): Promise<T> {
    if (!this.client || !this.engine)
      throw new ServiceError(
        'CONFLICT',
        'This needs the sync server: connect this laptop to it first (Synchronisation).',
      );
    try {
      const result = await call(this.client);
      this.engine.trigger();
      return result;
    } catch (error) {
      if (error instanceof SyncHttpError) {
        throw new ServiceError(
          error.status === 403
            ? 'FORBIDDEN'
            : error.status === 404
              ? 'NOT_FOUND'
              : error.status === 401
                ? 'UNAUTHORIZED'
                : 'CONFLICT',
          error.message,
          undefined,
          reasonOf(error.code),
        );
      }
      if (error instanceof ServerUnreachableError) {
        throw new ServiceError(
          'CONFLICT',
          `The sync server cannot be reached now; try again when the laptop is online. (${error.message})`,
          undefined,
          'SERVER_UNREACHABLE',
        );
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.unwatch();
    await this.stopEngine();
  }
}
