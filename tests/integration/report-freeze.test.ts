import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeBase64, yjsClientId } from '../../db/store/text';
import type { Services } from '../../services/runtime';
import { editSection } from '../../shared/report/document';
import { blockKey } from '../../shared/report/model';
import type { Change } from '../../shared/sync/change';
import { seedFieldwork } from '../support/seed';
import { call, until, useLaptopsWithServer } from '../support/services';
import { TEST_PASSWORD, api, login, seed } from './server-support';

// The frozen copy of a final report's block values is the server's: it resolves every block of
// the report from its own change log with the board's code, whatever the finalising laptop sends
// or holds unpushed, and nobody changes it afterwards except by reopening the report.

async function edit(services: Services, sectionId: string, change: (fragment: Y.XmlFragment) => void): Promise<string> {
  const state = await call(services, 'reports.section.state', { sectionId });
  const { update } = editSection(Buffer.from(state.update, 'base64'), yjsClientId(services.profile.store.node), change);
  return encodeBase64(update);
}

describe('frozen block values through the sync server', () => {
  const env = useLaptopsWithServer('veldwerk-report-freeze-');

  it("computes the frozen copy on the server from the records it holds, not from the laptop's values", async () => {
    const bart = env.laptop();
    const seeded = await seedFieldwork(bart, { visits: 2 });
    const bartMember = seeded.members[1] as string;
    bart.profile.store.update('members', bartMember, { email: 'bart@inspectie.be' });
    await call(bart, 'identity.set', { campaignId: seeded.campaignId, memberId: bartMember });
    await call(bart, 'reports.createMissing', { campaignId: seeded.campaignId });
    const final = (await call(bart, 'reports.list', { campaignId: seeded.campaignId })).find(
      (report) => report.kind === 'final',
    );
    if (!final) throw new Error('no final report');
    const sectionId = (await call(bart, 'reports.get', { reportId: final.id })).sections[0]?.id ?? '';
    const attrs = { blockId: 'b1', sectorId: seeded.sectorId, groupId: seeded.groupId, quadrant: 'strengths' as const };
    await call(bart, 'reports.section.update', {
      sectionId,
      update: await edit(bart, sectionId, (fragment) => {
        const block = new Y.XmlElement('swotTable');
        for (const [name, value] of Object.entries(attrs)) block.setAttribute(name, value);
        fragment.push([block]);
      }),
    });
    for (const conversationId of seeded.conversations.slice(0, 2))
      await call(bart, 'swot.items.add', { conversationId, quadrant: 'strengths', text: 'Sterk team' });

    await seed(env.server.store, [seeded.campaignId], [{ email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] }]);
    await call(bart, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'bart@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => {
        await call(bart, 'sync.now', {});
        return call(bart, 'sync.status', {});
      },
      (status) => status.pendingChanges === 0 && status.lastSyncAt !== null,
      'the records on the server',
    );
    // The laptop has more than the server: a third "Sterk team" it has not pushed.
    bart.profile.store.insert('swot_items', seeded.campaignId, {
      visit_id: bart.profile.store.get('conversations', seeded.conversations[0] as string)?.visit_id ?? undefined,
      conversation_id: seeded.conversations[0] as string,
      quadrant: 'strengths',
      text: 'Sterk team (niet gepusht)',
    });

    // A laptop that sends made-up values: the server records its own.
    const token = await login(env.server.url, 'bart@inspectie.be');
    const route = `/v1/campaigns/${seeded.campaignId}/reports/${final.id}/status`;
    const forged = { 'swotTable|forged': { type: 'counter', k: 99, n: 99, text: '99', evidence: {} } };
    for (const to of ['submitted', 'approved'])
      expect((await api(env.server.url, token, 'POST', route, { to })).status).toBe(200);
    const finalised = await api(env.server.url, token, 'POST', route, { to: 'final', frozen: forged });
    expect(finalised.status).toBe(200);
    const written = (finalised.body as { changes: Change[] }).changes.find(
      (change) => change.column === 'frozen_blocks',
    );
    const values = written?.value as Record<string, unknown>;
    expect(Object.keys(values)).toEqual([blockKey({ type: 'swotTable', attrs })]);
    expect(values[blockKey({ type: 'swotTable', attrs })]).toMatchObject({
      type: 'swotTable',
      conversationCount: 2,
      quadrants: [{ quadrant: 'strengths', rows: [{ lemma: 'Sterk team', k: 2 }] }],
    });

    // The laptop shows the server's values as frozen, although it holds a third item by now.
    const [resolved] = await until(
      async () => {
        await call(bart, 'sync.now', {});
        return call(bart, 'reports.blocks.resolve', {
          campaignId: seeded.campaignId,
          reportId: final.id,
          blocks: [{ type: 'swotTable', attrs }],
        });
      },
      (answer) => answer[0]?.ok === true && answer[0].frozen,
      'the frozen values on the laptop',
    );
    expect(resolved).toMatchObject({ ok: true, frozen: true, value: { conversationCount: 2 } });
    expect(JSON.stringify(resolved)).not.toContain('niet gepusht');

    // Frozen means frozen: finalising again is refused, and so is a laptop's own write of the values.
    expect((await api(env.server.url, token, 'POST', route, { to: 'final' })).status).toBe(409);
    bart.profile.store.update('reports', final.id, { frozen_blocks: forged as never });
    await until(
      async () => {
        await call(bart, 'sync.now', {});
        return call(bart, 'sync.status', {});
      },
      (status) => status.pendingChanges === 0,
      'the forged write pushed',
    );
    const onServer = await env.server.store.transaction((tx) =>
      env.server.store.latestValues(tx, seeded.campaignId, 'reports', 'frozen_blocks', [final.id]),
    );
    expect(onServer.get(final.id)?.value).toEqual(values);
    // The laptop that wrote them shows the server's values again after the round that refused its write.
    await until(
      async () => {
        await call(bart, 'sync.now', {});
        return bart.profile.store.get('reports', final.id)?.frozen_blocks ?? null;
      },
      (local) => JSON.stringify(local) === JSON.stringify(values),
      "the server's values back on the laptop",
      10_000,
    );
  });
});
