import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';
import { call, until } from '../support/services';
import {
  TEST_PASSWORD,
  createTestStoreLocation,
  makeChanges,
  seed,
  startTestServer,
  type RunningTestServer,
  type TestStoreHandle,
} from '../integration/server-support';

// Changes the laptop set aside (issue 10): an older server stored a visit date that does not exist
// and a shared text that is no Yjs update. The laptop keeps syncing, the sync dialog says how many
// it set aside and leads to the Conflicten page, which names each change's record, author and
// reason in Dutch; trying one again keeps it (still refused), discarding one asks first and is
// recorded on the laptop.
describe('changes set aside by the laptop (browser mode, real server)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-set-aside-', viewport: { width: 1366, height: 768 } });
  let handle: TestStoreHandle;
  let server: RunningTestServer;

  beforeAll(async () => {
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
  });

  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  it('lists the poisoned changes by record and reason, keeps a retried one, and discards one after asking', async () => {
    const services = ctx.app.services;
    const seeded = await seedFieldwork(services, { visits: 1 });
    const { campaignId } = seeded;
    const visitId = seeded.visits[0] as string;
    await seed(server.store, [campaignId], [{ email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] }]);
    await call(services, 'sync.connect', {
      serverUrl: server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      () => call(services, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      'the laptop on the server',
    );

    // What an older server accepted from a laptop of Bart's: both are refused by every laptop today.
    const poison = makeChanges(
      'oldlaptop1',
      campaignId,
      [
        { table: 'visits', rowId: visitId, column: 'date', value: '2026-13-45' },
        { table: 'lemmas', rowId: 'lemma-poison', column: 'narrative', value: 'QQ==' },
      ],
      { author: seeded.members[1], wallMs: Date.UTC(2026, 2, 11, 14, 30) },
    );
    await server.store.transaction(async (tx) => {
      const last = (await server.store.lockCampaign(tx, campaignId)) as number;
      await server.store.appendChanges(tx, campaignId, last, poison, 'legacy');
    });
    await until(
      async () => {
        await call(services, 'sync.now', {});
        return call(services, 'setAside.counts', {});
      },
      (counts) => counts.some((entry) => entry.campaignId === campaignId && entry.count === 2),
      'the poisoned changes set aside',
    );

    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.getByTestId('sync-indicator').click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Synchronisatie' });
    const notice = dialog.getByTestId('set-aside-notice');
    await notice
      .getByText('2 wijzigingen van Doorlichting integratie werden opzijgezet: deze laptop kon ze niet toepassen.')
      .waitFor();
    await screenshot(ctx.page, 'set-aside-sync-dialog-1366-nl');
    await notice.getByRole('link', { name: 'Bekijken bij Conflicten' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await ctx.page.getByRole('heading', { level: 1, name: 'Conflicten' }).waitFor();
    const nav = ctx.page.getByRole('navigation', { name: 'Onderdelen van de campagne' });
    await nav.getByTestId('nav-count').getByText('2 open').waitFor();
    const section = ctx.page.getByRole('region', { name: 'Opzijgezette wijzigingen' });
    const cards = section.getByTestId('set-aside-card');
    await expect.poll(() => cards.count()).toBe(2);
    const visit = cards.filter({ hasText: 'Bezoek' });
    expect(await visit.getByTestId('set-aside-record').textContent()).toBe('Agentschap Integratie Gent');
    await visit.getByText('10 maart 2026').waitFor();
    await visit.getByText('Veld: Datum · Zou worden: „2026-13-45”').waitFor();
    await visit.getByText('Van Bart Claes, via de server', { exact: false }).waitFor();
    expect(await visit.getByTestId('set-aside-reason').textContent()).toBe(
      'Een wijziging heeft een datum die niet bestaat en werd opzijgezet.',
    );
    const lemma = cards.filter({ hasText: 'Lemma' });
    await lemma.getByText('niet bekend op deze laptop in deze campagne').waitFor();
    await lemma.getByText('Veld: Toelichting · Een tekstwijziging').waitFor();
    expect(await lemma.getByTestId('set-aside-reason').textContent()).toBe(
      'Een tekstwijziging is beschadigd en werd opzijgezet.',
    );
    await screenshot(ctx.page, 'set-aside-list-1366-nl');

    // Trying again: the date still does not exist, so it stays, and the page says why.
    await visit
      .getByRole('button', { name: 'Wijziging van Bezoek Agentschap Integratie Gent opnieuw proberen' })
      .click();
    await section
      .getByRole('alert')
      .getByText(
        'De wijziging van Bezoek Agentschap Integratie Gent kan nog altijd niet worden toegepast: Een wijziging heeft een datum die niet bestaat en werd opzijgezet.',
      )
      .waitFor();
    expect(await cards.count()).toBe(2);
    expect(services.profile.store.get('visits', visitId)?.date).toBe('2026-03-10');

    // Discarding asks first; "no" keeps it.
    await lemma.getByRole('button', { name: 'Wijziging van Lemma weggooien' }).click();
    const ask = lemma.getByRole('alertdialog');
    await ask.getByText('Deze wijziging van Lemma voorgoed weggooien?', { exact: false }).waitFor();
    await screenshot(ctx.page, 'set-aside-confirm-1366-nl');
    await ask.getByRole('button', { name: 'Niet weggooien' }).click();
    expect(await cards.count()).toBe(2);
    await lemma.getByRole('button', { name: 'Wijziging van Lemma weggooien' }).click();
    await lemma.getByRole('alertdialog').getByRole('button', { name: 'Ja, weggooien' }).click();
    await section.getByRole('status').getByText('De wijziging van Lemma is weggegooid.').waitFor();
    await expect.poll(() => cards.count()).toBe(1);
    await nav.getByTestId('nav-count').getByText('1 open').waitFor();
    // Recorded: who threw it away (the member chosen as "Ik ben").
    expect(services.profile.store.listDiscarded(campaignId)).toEqual([
      expect.objectContaining({ code: 'BAD_TEXT_UPDATE', discardedBy: seeded.members[0] }),
    ]);
    await screenshot(ctx.page, 'set-aside-discarded-1366-nl');
    expect(ctx.pageErrors).toEqual([]);
  });

  // Anna's account, but "Ik ben" Bart, who has an account of his own: the server refuses her
  // change for good (AUTHOR_OTHER_ACCOUNT). It is set aside, not sent every round, and the page
  // says so; it stays on her laptop, so it offers no retry, only hiding it.
  it('sets aside a change the server refused for good, says why and offers to hide it', async () => {
    const services = ctx.app.services;
    const seeded = await seedFieldwork(services, { visits: 1, identity: 1 });
    const { campaignId } = seeded;
    const visitId = seeded.visits[0] as string;
    // A server of its own: the accounts of the test above exist on the shared one.
    const ownHandle = await createTestStoreLocation('sqlite');
    const server = await startTestServer(ownHandle.location);
    onTestFinished(async () => {
      await server.close();
      await ownHandle.destroy();
    });
    await seed(
      server.store,
      [campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    const bart = makeChanges(
      'bartlaptop1',
      campaignId,
      [
        { table: 'members', rowId: seeded.members[1], column: 'name', value: 'Bart Claes' },
        { table: 'members', rowId: seeded.members[1], column: 'email', value: 'bart@inspectie.be' },
      ],
      { author: 'bart@inspectie.be' },
    );
    await server.store.transaction(async (tx) => {
      const last = (await server.store.lockCampaign(tx, campaignId)) as number;
      await server.store.appendChanges(tx, campaignId, last, bart, 'bart');
    });
    await call(services, 'goodPractices.add', { visitId, text: 'Onthaal in de eigen taal' });
    await call(services, 'sync.connect', {
      serverUrl: server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => {
        await call(services, 'sync.now', {});
        return call(services, 'setAside.list', { campaignId });
      },
      (items) => items.some((item) => item.source === 'push' && item.table === 'good_practices'),
      'the refused good practice set aside',
    );
    // Set aside, so the next round is clean and sends nothing again.
    await call(services, 'sync.now', {});
    const after = await until(
      () => call(services, 'sync.status', {}),
      (status) => status.state === 'up-to-date' || status.state === 'error',
      'the round after setting aside',
    );
    expect({ state: after.state, code: after.reasonCode }).toEqual({ state: 'up-to-date', code: null });
    // Kept on this laptop.
    expect(services.profile.store.list('good_practices', { campaign_id: campaignId }).map((row) => row.text)).toEqual([
      'Onthaal in de eigen taal',
    ]);

    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${campaignId}/conflicts`);
    const section = ctx.page.getByRole('region', { name: 'Opzijgezette wijzigingen' });
    const card = section.getByTestId('set-aside-card').filter({ hasText: 'Onthaal in de eigen taal' }).first();
    await card
      .getByText('Van Bart Claes, via deze laptop, voorgoed geweigerd door de server', { exact: false })
      .waitFor();
    expect(await card.getByTestId('set-aside-reason').textContent()).toBe(
      'Een wijziging draagt de naam van een teamlid met een eigen account op de server en werd daarom voorgoed geweigerd. Ze staat alleen op deze laptop, bij de opzijgezette wijzigingen.',
    );
    expect(await card.getByRole('button', { name: /opnieuw proberen/ }).count()).toBe(0);
    await screenshot(ctx.page, 'set-aside-refused-for-good-1366-nl');
    const count = await section.getByTestId('set-aside-card').count();
    await card.getByRole('button', { name: /verbergen$/ }).click();
    await card.getByRole('alertdialog').getByRole('button', { name: 'Ja, verbergen' }).click();
    await expect.poll(() => section.getByTestId('set-aside-card').count()).toBe(count - 1);

    // Hidden, the refused change stays applied here; taken back, this laptop shows what the server
    // has: the good practice only the refused changes made goes (issue 10).
    expect(services.profile.store.list('good_practices', { campaign_id: campaignId })).toHaveLength(1);
    for (let left = count - 1; left > 0; left -= 1) {
      await section
        .getByTestId('set-aside-card')
        .first()
        .getByRole('button', { name: /terugzetten op deze laptop$/ })
        .click();
      await expect.poll(() => section.getByTestId('set-aside-card').count()).toBe(left - 1);
    }
    await section
      .getByText(/op deze laptop/i)
      .first()
      .waitFor();
    expect(services.profile.store.list('good_practices', { campaign_id: campaignId })).toEqual([]);
    await screenshot(ctx.page, 'set-aside-undone-1366-nl');
    expect(ctx.pageErrors).toEqual([]);
  });
});
