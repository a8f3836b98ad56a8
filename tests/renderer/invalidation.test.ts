import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangesEvent } from '../../shared/contract/events';
import type { SyncView } from '../../shared/contract/sync';
import { coalesce, contractKey, invalidateForAll, isAffected } from '../../renderer/src/data/invalidation';
import { CHANNEL_READS, readsOf } from '../../renderer/src/data/reads';
import type { StreamEvent } from '../../renderer/src/data/events';

const changes = (tables: ChangesEvent['tables'], campaigns: string[] = ['c1']): ChangesEvent => ({
  type: 'changes',
  source: 'server',
  campaigns,
  tables,
  rows: [],
  truncated: false,
});

describe('which reads an event makes stale (derived from data/reads.ts)', () => {
  it('refreshes a read when the event touches one of its tables, in its campaign', () => {
    expect(isAffected('setup.get', { campaignId: 'c1' }, changes(['members']))).toBe(true);
    expect(isAffected('setup.get', { campaignId: 'c1' }, changes(['swot_items']))).toBe(false);
    expect(isAffected('setup.get', { campaignId: 'c2' }, changes(['members'], ['c1']))).toBe(false);
    expect(isAffected('setup.get', { campaignId: 'c2' }, changes(['members'], ['c1', 'c2']))).toBe(true);
  });

  it('refreshes a read without a campaign in its payload whatever the campaign', () => {
    expect(isAffected('conversations.get', { conversationId: 'x' }, changes(['notes'], ['any']))).toBe(true);
    expect(isAffected('campaigns.list', {}, changes(['campaigns'], ['new']))).toBe(true);
    expect(isAffected('campaigns.list', {}, changes(['notes']))).toBe(false);
  });

  it('follows local topics: sync status, identity per campaign, jobs', () => {
    const local = (topic: 'sync' | 'identity' | 'jobs', campaign: string | null = null): StreamEvent => ({
      type: 'local',
      topic,
      campaign,
    });
    expect(isAffected('setAside.counts', {}, local('sync'))).toBe(true);
    expect(isAffected('setAside.counts', {}, local('identity', 'c1'))).toBe(false);
    expect(isAffected('identity.get', { campaignId: 'c1' }, local('identity', 'c1'))).toBe(true);
    expect(isAffected('identity.get', { campaignId: 'c2' }, local('identity', 'c1'))).toBe(false);
    expect(isAffected('jobs.import', { jobId: 'j' }, local('jobs'))).toBe(true);
    expect(isAffected('jobs.import', { jobId: 'j' }, changes(['notes']))).toBe(false);
    // The sync status is pushed whole (a sync event, put in the cache): no event makes it be read.
    expect(isAffected('sync.status', {}, changes(['notes']))).toBe(false);
    expect(isAffected('sync.status', {}, local('sync'))).toBe(false);
    const status = { state: 'idle', pendingChanges: 1 } as unknown as SyncView;
    for (const channel of Object.keys(CHANNEL_READS))
      expect(isAffected(channel, {}, { type: 'sync', status })).toBe(false);
  });

  it('refreshes everything on a resync, and an undeclared channel on every event', () => {
    for (const channel of Object.keys(CHANNEL_READS)) expect(isAffected(channel, {}, { type: 'resync' })).toBe(true);
    expect(readsOf('some.future.read')).toEqual({
      tables: 'all',
      local: ['sync', 'identity', 'jobs', 'vault', 'lan', 'setAside'],
    });
    expect(isAffected('some.future.read', { campaignId: 'c1' }, changes(['lemmas']))).toBe(true);
    expect(isAffected('some.future.read', {}, { type: 'local', topic: 'jobs', campaign: null })).toBe(true);
    // A file's bytes never change under its id.
    expect(isAffected('documents.open', { id: 'd' }, changes(['documents']))).toBe(false);
  });

  it('invalidates exactly the affected cached queries', async () => {
    const client = new QueryClient();
    client.setQueryData(contractKey('setup.get', { campaignId: 'c1' }), 'setup c1');
    client.setQueryData(contractKey('setup.get', { campaignId: 'c2' }), 'setup c2');
    client.setQueryData(contractKey('swot.board', { campaignId: 'c1', sectorId: 's', groupId: 'g' }), 'board');
    client.setQueryData(['not-a-contract-read'], 'other');
    await invalidateForAll(client, [changes(['regions'])]);
    const stale = client
      .getQueryCache()
      .getAll()
      .filter((query) => query.state.isInvalidated)
      .map((query) => query.queryKey);
    expect(stale).toEqual([contractKey('setup.get', { campaignId: 'c1' })]);
  });
});

describe('pacing of invalidation', () => {
  afterEach(() => vi.useRealTimers());

  it('flushes the first event at once and gathers a burst into one flush per window', () => {
    vi.useFakeTimers();
    const flushed: number[] = [];
    const batch = coalesce((events) => flushed.push(events.length), 50);
    batch.push({ type: 'resync' });
    expect(flushed).toEqual([1]);
    for (let index = 0; index < 10; index += 1) batch.push(changes(['notes']));
    expect(flushed).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(flushed).toEqual([1, 10]);
    vi.advanceTimersByTime(50);
    // A quiet window ends the burst: the next event flushes at once again.
    batch.push(changes(['notes']));
    expect(flushed).toEqual([1, 10, 1]);
    // Stopping drops what was gathered and not flushed yet.
    batch.push(changes(['notes']));
    batch.stop();
    vi.advanceTimersByTime(100);
    expect(flushed).toEqual([1, 10, 1]);
  });
});
