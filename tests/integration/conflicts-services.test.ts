import { afterEach, describe, expect, it } from 'vitest';
import { startServices, type Services } from '../../services/runtime';
import { seedConcurrentEdits } from '../support/conflict-seed';
import { tempDir } from '../support/profile';
import { call, exchangeDuoFile as exchange, refusal } from '../support/services';

// Two laptops of a duo (real profiles, real SQLite) exchange duo files after both changed the
// same lww field: the last writer wins, and the losing value stays visible in the conflicts
// panel, naming its record, with a restore that is written through the store and syncs.

const opened: Array<{ services: Services; folder: ReturnType<typeof tempDir> }> = [];

function laptop(): Services {
  const folder = tempDir('veldwerk-conflicts-');
  const services = startServices({ profileDir: folder.dir, transport: 'http', backgroundSync: false });
  opened.push({ services, folder });
  return services;
}

afterEach(async () => {
  for (const { services, folder } of opened.splice(0)) {
    await services.close();
    folder.remove();
  }
});

describe('conflicts of a duo merge', () => {
  it('keeps the losing address and visit status visible, names their records, and restores through the store', async () => {
    const a = laptop();
    const b = laptop();
    const { campaignId, organisationId, visitId } = await seedConcurrentEdits(a, b);

    const onB = await exchange(a, b, campaignId);
    const onA = await exchange(b, a, campaignId);
    expect(onA.autoResolved).toBe(2);
    expect(onB.autoResolved).toBe(2);
    expect(a.profile.store.get('organisations', organisationId)?.address).toBe('Kerkstraat 9');

    const views = await call(a, 'conflicts.list', { campaignId: campaignId });
    expect(views).toHaveLength(2);
    const address = views.find((view) => view.column === 'address');
    expect(address).toMatchObject({
      kind: 'automatic',
      record: { table: 'organisations', name: 'Huis van het Nederlands' },
      kept: { value: { type: 'text', text: 'Kerkstraat 9' }, author: 'Bert Claes', mine: false },
      lost: { value: { type: 'text', text: 'Stationsstraat 4' }, author: 'Anna Peeters', mine: true },
    });
    const status = views.find((view) => view.column === 'status');
    expect(status).toMatchObject({
      kind: 'automatic',
      record: { table: 'visits', name: 'Huis van het Nederlands', date: '2026-03-12', visitId: visitId },
      kept: { value: { type: 'visitStatus', text: 'cancelled' } },
      lost: { value: { type: 'visitStatus', text: 'done' }, mine: true },
    });
    // The partner sees the same two, from its side.
    const partnerViews = await call(b, 'conflicts.list', { campaignId: campaignId });
    expect(partnerViews.map((view) => [view.column, view.kept.mine, view.lost.mine]).sort()).toEqual([
      ['address', true, false],
      ['status', true, false],
    ]);

    // Restore Anna's address on a: a change through the store that closes the conflict everywhere.
    if (!address) throw new Error('no address conflict');
    await call(a, 'conflicts.resolve', { campaignId: campaignId, conflictId: address.id, keep: 'lost' });
    expect(a.profile.store.get('organisations', organisationId)?.address).toBe('Stationsstraat 4');
    expect((await call(a, 'conflicts.list', { campaignId: campaignId })).map((view) => view.column)).toEqual([
      'status',
    ]);
    expect(
      (await refusal(a, 'conflicts.resolve', { campaignId: campaignId, conflictId: address.id, keep: 'lost' })).code,
    ).toBe('NOT_FOUND');
    await exchange(a, b, campaignId);
    expect(b.profile.store.get('organisations', organisationId)?.address).toBe('Stationsstraat 4');
    expect((await call(b, 'conflicts.list', { campaignId: campaignId })).map((view) => view.column)).toEqual([
      'status',
    ]);
    // Keeping the current status closes the last one on both laptops too.
    await call(b, 'conflicts.resolve', { campaignId: campaignId, conflictId: status?.id ?? '', keep: 'kept' });
    await exchange(b, a, campaignId);
    expect(await call(a, 'conflicts.list', { campaignId: campaignId })).toEqual([]);
    expect(a.profile.store.get('visits', visitId)?.status).toBe('cancelled');
  });
});
