import type { CampaignNews } from './api';
import { parseCampaignNews } from './store/change-log';
import type { ServerStore } from './store/store';

/**
 * Tells the connected laptops (GET /v1/events, server/routes/events.ts) that a campaign of theirs
 * has news. Every append to a campaign's log notifies through the database (SqlExecutor.notify,
 * sent when the transaction commits): SQLite in this process, PostgreSQL NOTIFY to every server
 * process listening on the same database, so a push stored by one process reaches the laptops
 * connected to any other. A subscription hears only the campaigns it was opened with (the
 * account's own); an account holds at most maxStreamsPerUser streams in a process, a new one
 * closes its oldest (a laptop whose old connection silently died is not locked out).
 */
export interface FeedSubscription {
  /** Stops hearing news (idempotent). */
  close(): void;
}

interface Subscriber {
  readonly userId: string;
  readonly campaigns: readonly string[];
  readonly hear: (news: CampaignNews) => void;
  readonly evict: () => void;
  closed: boolean;
}

export const DEFAULT_MAX_STREAMS_PER_USER = 4;

export class ChangeFeed {
  private readonly byCampaign = new Map<string, Set<Subscriber>>();
  private readonly byUser = new Map<string, Subscriber[]>();
  private listening: Promise<() => Promise<void>> | null = null;
  private closed = false;

  constructor(
    private readonly store: ServerStore,
    private readonly maxStreamsPerUser = DEFAULT_MAX_STREAMS_PER_USER,
  ) {}

  /** Listens to the database (once; again after a failure); resolves when notifications are heard. */
  async ready(): Promise<void> {
    if (this.closed) throw new Error('The server is shutting down.');
    this.listening ??= this.store.driver.listen((payload) => this.heard(payload));
    try {
      await this.listening;
    } catch (error) {
      this.listening = null;
      throw error;
    }
  }

  /** How many streams are open in this process (for tests and logs). */
  get size(): number {
    let count = 0;
    for (const subscribers of this.byUser.values()) count += subscribers.length;
    return count;
  }

  /**
   * Hears news of these campaigns until close(). `evict` is called (once) when the account opens
   * a stream beyond its limit and this is its oldest: the caller ends the stream.
   */
  subscribe(
    userId: string,
    campaigns: readonly string[],
    hear: (news: CampaignNews) => void,
    evict: () => void,
  ): FeedSubscription {
    const subscriber: Subscriber = { userId, campaigns: [...new Set(campaigns)], hear, evict, closed: false };
    const own = this.byUser.get(userId) ?? [];
    own.push(subscriber);
    this.byUser.set(userId, own);
    for (const campaign of subscriber.campaigns) {
      const set = this.byCampaign.get(campaign) ?? new Set<Subscriber>();
      set.add(subscriber);
      this.byCampaign.set(campaign, set);
    }
    for (const oldest of own.slice(0, Math.max(0, own.length - this.maxStreamsPerUser))) {
      this.remove(oldest);
      oldest.evict();
    }
    return { close: () => this.remove(subscriber) };
  }

  private remove(subscriber: Subscriber): void {
    if (subscriber.closed) return;
    subscriber.closed = true;
    const own = (this.byUser.get(subscriber.userId) ?? []).filter((entry) => entry !== subscriber);
    if (own.length > 0) this.byUser.set(subscriber.userId, own);
    else this.byUser.delete(subscriber.userId);
    for (const campaign of subscriber.campaigns) {
      const set = this.byCampaign.get(campaign);
      set?.delete(subscriber);
      if (set && set.size === 0) this.byCampaign.delete(campaign);
    }
  }

  private heard(payload: string | null): void {
    if (payload === null) {
      void this.reannounce();
      return;
    }
    const news = parseCampaignNews(payload);
    if (news) this.tell(news);
  }

  private tell(news: CampaignNews): void {
    for (const subscriber of [...(this.byCampaign.get(news.campaign) ?? [])]) {
      try {
        subscriber.hear(news);
      } catch {
        // One broken stream must not keep the others from hearing.
      }
    }
  }

  /** After notifications may have been missed: every subscribed campaign's last sequence number again. */
  private async reannounce(): Promise<void> {
    const campaigns = [...this.byCampaign.keys()];
    if (campaigns.length === 0) return;
    let seqs: Map<string, number>;
    try {
      seqs = await this.store.lastSeqs(campaigns);
    } catch {
      // The database is away too; the laptops' periodic rounds carry on meanwhile.
      return;
    }
    for (const [campaign, seq] of seqs) this.tell({ campaign, seq });
  }

  async close(): Promise<void> {
    this.closed = true;
    const listening = this.listening;
    this.listening = null;
    const stop = await listening?.catch(() => null);
    await stop?.();
  }
}
