import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServices, type Services } from '../../services/runtime';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir, testProfileKey } from '../support/profile';
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
  pushTeamAsLead,
} from '../integration/server-support';

// What arrives must show at once (issue 10): a fresh laptop connects to the team's server in the
// sync dialog, and the campaign its first sync brings appears in the list without a reload.
describe('a campaign that arrives by the first sync (browser mode)', () => {
  let browser: Browser;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  let first: Services;
  let fresh: WebApp;
  let seeded: SeededCampaign;
  const firstProfile = tempDir('veldwerk-e2e-first-a-');
  const freshProfile = tempDir('veldwerk-e2e-first-b-');

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
    first = startServices({ profileDir: firstProfile.dir, key: testProfileKey(firstProfile.dir), transport: 'http' });
    seeded = await seedFieldwork(first, { visits: 1 });
    await seed(
      server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'lead@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    // The team lead made the team (member rows are the lead's, server/authorship.ts).
    await pushTeamAsLead(
      server.url,
      'lead@inspectie.be',
      seeded.campaignId,
      first.profile.store.list('members', { campaign_id: seeded.campaignId }),
    );
    await call(first, 'sync.connect', { serverUrl: server.url, email: 'anna@inspectie.be', password: TEST_PASSWORD });
    await until(
      () => call(first, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      'the first laptop on the server',
    );
    fresh = await startWebApp(freshProfile.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await fresh?.stop();
    await first?.close();
    await server?.close();
    await handle?.destroy();
    for (const folder of [firstProfile, freshProfile]) folder.remove();
  });

  it('lists the campaign as soon as the first sync brought it, and the indicator is honest', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(fresh.bridge.openUrl);
    await page.getByText('Nog geen campagnes').waitFor();
    const indicator = page.getByTestId('sync-indicator');
    await indicator.click();
    const dialog = page.getByRole('dialog', { name: 'Synchronisatie' });
    await dialog.getByLabel('Adres van de server').fill(server.url);
    await dialog.getByLabel('E-mailadres').fill('anna@inspectie.be');
    await dialog.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await dialog.getByText(`Gekoppeld als anna@inspectie.be aan ${server.url}.`).waitFor();
    // The duo exchange in the same open dialog offers the campaign that just arrived.
    await expect
      .poll(() => dialog.getByTestId('duo-exchange').textContent(), { timeout: 20_000 })
      .toContain('Doorlichting integratie');
    await page.keyboard.press('Escape');
    await page.getByTestId('campaign-list').getByText('Doorlichting integratie').waitFor({ timeout: 20_000 });
    await expect.poll(() => indicator.textContent(), { timeout: 20_000 }).toMatch(/Bijgewerkt om \d{1,2}:\d{2}/);
    await screenshot(page, 'first-sync-arrival-nl');
    await context.close();
  });
});
