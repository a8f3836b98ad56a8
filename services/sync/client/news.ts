import {
  campaignNewsSchema,
  EVENTS_STREAM_EVENTS,
  eventsClosedSchema,
  eventsOpenSchema,
  type CampaignNews,
} from '../../../server/api';
import { SseParser } from '../../../shared/sse';
import { SyncHttpError, type SyncHttpClient } from './http';

/**
 * The laptop's side of the server's events stream (GET /v1/events): while it is open the server
 * says, right after it stored a change, which campaign has news up to which sequence number, and
 * on every (re)open where each campaign stands, so the sync controller pulls at once where it is
 * behind instead of at its next periodic round. The stream is opened again after a drop with
 * exponential backoff (and ±20 % jitter); a stream silent for three heartbeats is taken for dead
 * (a laptop that changed networks keeps a half-open connection). The periodic rounds go on
 * whatever happens here: this only makes news arrive sooner.
 */
export interface NewsStreamOptions {
  readonly client: SyncHttpClient;
  /** A campaign has changes up to seq on the server (for every campaign of the account on each open). */
  readonly onNews: (news: CampaignNews) => void;
  /** The stream opened (true: the server is reachable) or ended (false). */
  readonly onOpen?: (open: boolean) => void;
  /** First pause before opening again after a failure; default 1 s, doubling up to maxRetryMs. */
  readonly initialRetryMs?: number;
  /** Longest pause; default 60 s (also after a refusal: no events route, no access). */
  readonly maxRetryMs?: number;
  /** How long a stream may stay silent before its first ping tells the heartbeat; default 90 s. */
  readonly silenceMs?: number;
  readonly random?: () => number;
}

/** Reasons the server gives for ending a stream after which opening again at once is right. */
const REOPEN_AT_ONCE: ReadonlySet<string> = new Set(['token-expired', 'memberships-changed']);

export class NewsStream {
  private readonly stopped = new AbortController();
  private loop: Promise<void> | null = null;
  private failures = 0;
  /** Whether the stream is open now. */
  open = false;

  constructor(private readonly options: NewsStreamOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  private retryMs(): number {
    const initial = this.options.initialRetryMs ?? 1000;
    const max = this.options.maxRetryMs ?? 60_000;
    const base = Math.min(max, initial * 2 ** Math.max(0, this.failures - 1));
    return Math.round(base * (0.8 + 0.4 * (this.options.random ?? Math.random)()));
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      const wait = await this.once();
      if (this.stopped.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.stopped.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }

  /** One connection, read until it ends; answers how long to wait before the next. */
  private async once(): Promise<number> {
    const connection = new AbortController();
    const abort = () => connection.abort();
    this.stopped.signal.addEventListener('abort', abort, { once: true });
    let silence = this.options.silenceMs ?? 90_000;
    let heard = Date.now();
    const watchdog = setInterval(
      () => {
        if (Date.now() - heard > silence) connection.abort();
      },
      Math.max(50, Math.min(silence / 3, 5000)),
    );
    let closedFor: string | null = null;
    try {
      const response = await this.options.client.openEvents(connection.signal);
      if (!response.body) throw new Error('the events stream has no body');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      heard = Date.now();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        heard = Date.now();
        for (const message of parser.push(value)) {
          let data: unknown;
          try {
            data = JSON.parse(message.data);
          } catch {
            continue;
          }
          if (message.event === EVENTS_STREAM_EVENTS.open) {
            const opened = eventsOpenSchema.safeParse(data);
            if (!opened.success) continue;
            silence = Math.max(silence, opened.data.heartbeatMs * 3);
            this.failures = 0;
            this.setOpen(true);
            for (const news of opened.data.campaigns) this.options.onNews(news);
          } else if (message.event === EVENTS_STREAM_EVENTS.news) {
            const news = campaignNewsSchema.safeParse(data);
            if (news.success) this.options.onNews(news.data);
          } else if (message.event === EVENTS_STREAM_EVENTS.closed) {
            const closed = eventsClosedSchema.safeParse(data);
            if (closed.success) closedFor = closed.data.reason;
          }
        }
      }
    } catch (error) {
      if (this.stopped.signal.aborted) return 0;
      // No events route (an older server) or no access: the rounds report access problems; ask again later.
      if (error instanceof SyncHttpError) {
        this.failures += 1;
        this.setOpen(false);
        return this.options.maxRetryMs ?? 60_000;
      }
    } finally {
      clearInterval(watchdog);
      this.stopped.signal.removeEventListener('abort', abort);
      connection.abort();
    }
    const wasOpen = this.open;
    this.setOpen(false);
    if (closedFor !== null && REOPEN_AT_ONCE.has(closedFor)) return 0;
    // Closed because this account opened more streams elsewhere: do not take them back at once.
    if (closedFor === 'too-many-streams') return this.options.maxRetryMs ?? 60_000;
    if (!wasOpen) this.failures += 1;
    return this.retryMs();
  }

  private setOpen(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    this.options.onOpen?.(open);
  }
}
