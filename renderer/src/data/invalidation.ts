import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { StreamEvent } from './events';
import { readsOf } from './reads';

/** The query key of a contract read: every cached read is `['contract', channel, payload]`. */
export const CONTRACT_KEY = 'contract';

export function contractKey(channel: string, payload: unknown): readonly [typeof CONTRACT_KEY, string, unknown] {
  return [CONTRACT_KEY, channel, payload];
}

function campaignOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const id = (payload as { campaignId?: unknown }).campaignId;
  return typeof id === 'string' ? id : null;
}

/**
 * Whether an event makes the answer of `channel` for `payload` stale, from what the channel
 * reads (reads.ts): a change to one of its tables (in its campaign, when the payload names
 * one), a change of one of its local topics, or a resync (events may have been missed).
 */
export function isAffected(channel: string, payload: unknown, event: StreamEvent): boolean {
  if (event.type === 'resync') return true;
  // The sync status travels whole in its event (DataProvider puts it in the cache): nothing to read.
  if (event.type === 'sync') return false;
  const reads = readsOf(channel);
  const campaign = campaignOf(payload);
  if (event.type === 'local') {
    if (!(reads.local ?? []).includes(event.topic)) return false;
    return campaign === null || event.campaign === null || event.campaign === campaign;
  }
  const tables = reads.tables;
  if (tables !== 'all' && !event.tables.some((table) => tables.includes(table))) return false;
  return campaign === null || event.campaigns.includes(campaign);
}

export function isAffectedKey(queryKey: QueryKey, event: StreamEvent): boolean {
  if (queryKey[0] !== CONTRACT_KEY || typeof queryKey[1] !== 'string') return false;
  return isAffected(queryKey[1], queryKey[2], event);
}

/** Marks stale (and refetches, when shown) exactly the cached reads an event affects. */
export function invalidateFor(client: QueryClient, event: StreamEvent): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => isAffectedKey(query.queryKey, event) });
}

/**
 * Paces invalidation: the first event after a quiet spell is flushed at once (a single edit
 * shows without delay); events during the following window are gathered and flushed together
 * at its end, so that a burst (a sync round's pages, a job's progress) refreshes each affected
 * query once per window instead of once per event, and refetches are not cancelled over and
 * over. Answers the function to feed events to.
 */
export function coalesce(
  flush: (events: readonly StreamEvent[]) => void,
  windowMs = 50,
): { push: (event: StreamEvent) => void; stop: () => void } {
  let queued: StreamEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const endWindow = () => {
    timer = null;
    if (queued.length === 0) return;
    const events = queued;
    queued = [];
    flush(events);
    timer = setTimeout(endWindow, windowMs);
  };
  return {
    push: (event) => {
      if (timer) {
        queued.push(event);
        return;
      }
      flush([event]);
      timer = setTimeout(endWindow, windowMs);
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
      queued = [];
    },
  };
}

/** Invalidates, once, every cached read that any of the events affects. */
export function invalidateForAll(client: QueryClient, events: readonly StreamEvent[]): Promise<void> {
  return client.invalidateQueries({
    predicate: (query) => events.some((event) => isAffectedKey(query.queryKey, event)),
  });
}
