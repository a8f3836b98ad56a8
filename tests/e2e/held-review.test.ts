import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
import { call, until } from '../support/services';
import { startWebApp, type WebApp } from '../support/web-app';
import {
  TEST_PASSWORD,
  createTestStoreLocation,
  seed,
  startTestServer,
  type RunningTestServer,
  type TestStoreHandle,
} from '../integration/server-support';

// Issue 10: the region coordinator reviews a late edit of an approved visit in Chromium: the
// record, the inspector by name and the text as a before/after diff, then rejects it; the
// inspector's laptop then shows the approved text again and says who rejected what they wrote.
describe('held late edits in Chromium (browser mode)', () => {
  let browser: Browser;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  let coordinator: WebApp;
  let inspector: WebApp;
  let seeded: SeededCampaign;
  const coordinatorProfile = tempDir('veldwerk-e2e-held-coord-');
  const inspectorProfile = tempDir('veldwerk-e2e-held-insp-');
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
    inspector = await startWebApp(inspectorProfile.dir);
    seeded = await seedFieldwork(inspector.services, { visits: 1 });
    const visitId = seeded.visits[0] as string;
    const conversationId = seeded.conversations[0] as string;
    const regionId =
      inspector.services.profile.store.get(
        'organisations',
        inspector.services.profile.store.get('visits', visitId)?.organisation_id ?? '',
      )?.region_id ?? '';
    await seed(
      server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'coord@inspectie.be', roles: [{ role: 'region-coordinator', scope: regionId }] },
      ],
    );
    // The coordinator is a member the laptops know by name.
    inspector.services.profile.store.insert('members', seeded.campaignId, {
      name: 'Sofie Maes',
      email: 'coord@inspectie.be',
      is_inspector: false,
      is_team_lead: false,
      coordinator_of: [regionId],
      sector_lead_of: [],
    });
    await call(inspector.services, 'notes.save', {
      conversationId,
      guidingQuestionId: null,
      text: 'De werking loopt goed.',
    });
    await call(inspector.services, 'sync.connect', {
      serverUrl: server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      () => call(inspector.services, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      'the first push',
    );
    await call(inspector.services, 'workflow.visit', { visitId, to: 'submitted' });

    coordinator = await startWebApp(coordinatorProfile.dir);
    await call(coordinator.services, 'sync.connect', {
      serverUrl: server.url,
      email: 'coord@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => coordinator.services.profile.store.get('visits', visitId)?.status,
      (status) => status === 'submitted',
      'the submitted visit',
    );
    await call(coordinator.services, 'workflow.visit', { visitId, to: 'approved' });

    // The inspector edits the note after the approval: the server holds the edit.
    await call(inspector.services, 'sync.now', {});
    await until(
      async () => inspector.services.profile.store.get('visits', visitId)?.status,
      (status) => status === 'approved',
      'the approval on the inspector laptop',
    );
    await call(inspector.services, 'notes.save', {
      conversationId,
      guidingQuestionId: null,
      text: 'De werking loopt uitstekend.',
    });
    await call(inspector.services, 'sync.now', {});
    await until(
      () => call(coordinator.services, 'workflow.held', { campaignId: seeded.campaignId }),
      (list) => list.some((edit) => edit.field === 'notes.text'),
      'the held edit',
    );
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await coordinator?.stop();
    await inspector?.stop();
    await server?.close();
    await handle?.destroy();
    for (const folder of [coordinatorProfile, inspectorProfile]) folder.remove();
  });

  it('shows the record, the inspector by name and a diff, and rejects the edit', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(coordinator.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.goto(`${coordinator.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}`);
    const review = page.getByTestId('visit-review');
    await review.getByText('late wijziging wacht op je beslissing', { exact: false }).waitFor();
    const edit = review.getByTestId('held-edit').filter({ has: page.locator('ins', { hasText: 'uitstekend' }) });
    await edit.waitFor();
    await edit.scrollIntoViewIfNeeded();
    expect(await edit.locator('del').allTextContents()).toContain('goed');
    const text = (await edit.textContent()) ?? '';
    expect(text).toContain('Agentschap Integratie Gent');
    expect(text).toContain('Personeel');
    expect(text).toContain('Van Anna Peeters');
    expect(text).not.toMatch(/notes\.text|AQ[A-Za-z0-9+/]{6}/);
    await screenshot(page, 'held-edit-review-nl');

    await edit.getByRole('button', { name: 'Verwerpen' }).click();
    await expect.poll(() => edit.count(), { timeout: 20_000 }).toBe(0);
    await screenshot(page, 'held-edit-rejected-nl');
    expect(
      (await call(coordinator.services, 'workflow.held', { campaignId: seeded.campaignId })).some(
        (held) => held.field === 'notes.text',
      ),
    ).toBe(false);
  });

  it('shows the inspector the approved text again, who rejected the edit and what they wrote', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(inspector.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.goto(`${inspector.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}`);
    const own = page.getByTestId('own-held-edits');
    const notice = own.getByTestId('own-held-edit').filter({ hasText: 'notitie' });
    // The laptop learns of the decision on its next round; a round already under way when the
    // test asks may have started before the rejection, so ask again until one tells it.
    await expect
      .poll(
        async () => {
          await call(inspector.services, 'sync.now', {});
          return notice.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('verworpen');
    expect(text).toContain('Sofie Maes heeft je wijziging (notitie) verworpen');
    expect(await notice.getByRole('textbox').inputValue()).toBe('De werking loopt uitstekend.');
    // The note itself reads as approved again.
    await expect
      .poll(() =>
        inspector.services.profile.store
          .list('notes', { conversation_id: seeded.conversations[0] as string })
          .map((note) => note.text),
      )
      .toEqual(['De werking loopt goed.']);
    await notice.scrollIntoViewIfNeeded();
    await screenshot(page, 'held-edit-rejected-author-nl');
    await notice.getByRole('button', { name: 'Gelezen' }).click();
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(0);
  });
});
