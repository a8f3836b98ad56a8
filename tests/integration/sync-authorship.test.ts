import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../server/api';
import { seedFieldwork } from '../support/seed';
import { call, until, useLaptopsWithServer } from '../support/services';
import { api, login, seed, TEST_PASSWORD } from './server-support';

/**
 * Authorship is authenticated (issue 10): an inspector whose laptop signs changes as the team
 * lead ("Ik ben Bart" on Anna's laptop) gets them refused by the server, nothing of them reaches
 * the other laptops, her laptop says why, and the agreement between Anna's and Bart's clustering
 * stays what the two of them made.
 */
describe('authorship from the token, end to end', () => {
  const env = useLaptopsWithServer('veldwerk-authorship-');

  it('refuses changes an inspector signs as the team lead and leaves the agreement figures alone', async () => {
    const bart = env.laptop();
    const seeded = await seedFieldwork(bart, { visits: 1, identity: 1 });
    const [annaMember, bartMember] = seeded.members;
    const conversationId = seeded.conversations[0] as string;
    const items: string[] = [];
    for (const text of ['Goede samenwerking', 'Korte lijnen', 'Lange wachtlijst', 'Te weinig plaatsen']) {
      items.push((await call(bart, 'swot.items.add', { conversationId, quadrant: 'strengths', text })).id);
    }
    const scope = { campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId };
    const together = await call(bart, 'swot.lemmas.create', {
      ...scope,
      quadrant: 'strengths',
      name: 'Samenwerking',
      itemIds: items.slice(0, 2),
    });
    const waiting = await call(bart, 'swot.lemmas.create', {
      ...scope,
      quadrant: 'strengths',
      name: 'Wachtlijst',
      itemIds: items.slice(2),
    });

    await seed(
      env.server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    await call(bart, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'bart@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      () => call(bart, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      "the first push of Bart's laptop",
    );

    // Anna clusters blind, as herself: she puts the waiting-list items with cooperation (Bart did not).
    const anna = env.laptop();
    await call(anna, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => anna.profile.store.list('swot_items', { campaign_id: seeded.campaignId }).length,
      (count) => count === 4,
      "the items on Anna's laptop",
    );
    await call(anna, 'identity.set', { campaignId: seeded.campaignId, memberId: annaMember });
    await call(anna, 'swot.items.assign', { itemIds: items, lemmaId: together.id });
    await call(anna, 'sync.now', {});
    const agreement = () =>
      call(bart, 'swot.agreement', { ...scope, memberA: annaMember, memberB: bartMember }).then(
        ({ items: count, observed, kappa }) => ({ count, observed, kappa }),
      );
    const honest = await until(
      async () => {
        await call(bart, 'sync.now', {});
        return agreement();
      },
      (figures) => figures.count === 2,
      "Anna's clustering on Bart's laptop",
    );
    expect(honest.observed).toBe(0);

    // Anna now says "Ik ben Bart" and clusters as she did, under his name: were it stored, they would agree fully.
    const logBefore = await serverLogLength(seeded.campaignId);
    await call(anna, 'identity.set', { campaignId: seeded.campaignId, memberId: bartMember });
    await call(anna, 'swot.items.assign', { itemIds: items.slice(2), lemmaId: null });
    await call(anna, 'swot.items.assign', { itemIds: items.slice(2), lemmaId: together.id });
    await call(anna, 'swot.lemmas.rename', { lemmaId: waiting.id, name: 'Vervalst' });
    await call(anna, 'sync.now', {});
    const status = await until(
      () => call(anna, 'sync.status', {}),
      (view) => view.reasonCode === 'AUTHOR_OTHER_ACCOUNT',
      'the refusal on Anna’s laptop',
    );
    expect(status.state).toBe('error');
    expect(await serverLogLength(seeded.campaignId)).toBe(logBefore);
    // Bart is an account of his own, so no mending helps: set aside on Anna's laptop, not sent again.
    const setAside = await call(anna, 'setAside.list', { campaignId: seeded.campaignId });
    expect(setAside.length).toBeGreaterThan(0);
    expect(new Set(setAside.map((item) => `${item.source} ${item.code} ${item.author ?? ''}`))).toEqual(
      new Set(['push AUTHOR_OTHER_ACCOUNT Bart Claes']),
    );
    await call(anna, 'sync.now', {});
    await until(
      () => call(anna, 'sync.status', {}),
      (view) => view.state === 'up-to-date',
      'a clean round on Anna’s laptop once the refused changes are set aside',
    );
    expect(await serverLogLength(seeded.campaignId)).toBe(logBefore);

    await call(bart, 'sync.now', {});
    expect(await agreement()).toEqual(honest);
    expect(bart.profile.store.get('lemmas', waiting.id)?.name).toBe('Wachtlijst');
  });

  /** The server log's length for the campaign (its last sequence number). */
  async function serverLogLength(campaign: string): Promise<number> {
    const token = await login(env.server.url, 'bart@inspectie.be');
    const page = (await api(env.server.url, token, 'GET', `/v1/campaigns/${campaign}/changes?after=0&limit=1`))
      .body as PullResponse;
    return page.lastSeq;
  }
});
