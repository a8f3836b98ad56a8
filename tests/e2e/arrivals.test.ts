import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { startWebApp, type WebApp } from '../support/web-app';

// What arrives shows at once (issue 10): written elsewhere than this page (here: straight through
// the services, as the sync engine or a duo file does), it appears without a reload.
describe('arrivals show without a reload (browser mode)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: WebApp;
  const profile = tempDir('veldwerk-e2e-arrivals-');

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    app = await startWebApp(profile.dir);
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    page = await context.newPage();
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    profile.remove();
  });

  it('lists a campaign that arrives while the campaign list is open', async () => {
    const created = await app.services.dispatch('campaigns.create', {
      name: 'Aangekomen campagne',
      workingYear: '2025-2026',
    });
    expect(created.ok).toBe(true);
    await page.getByRole('link', { name: 'Aangekomen campagne' }).waitFor();
    await screenshot(page, 'arrivals-campaign-list');
  });

  it('shows the campaign in the sync dialog after a reload on a campaign page', async () => {
    await page.getByRole('link', { name: 'Aangekomen campagne' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.reload();
    await page.getByTestId('sync-indicator').click();
    const duo = page.getByTestId('duo-exchange');
    await duo.getByRole('combobox').first().waitFor();
    expect(await duo.getByRole('combobox').first().textContent()).toContain('Aangekomen campagne');
    expect(await duo.textContent()).not.toContain('Nog geen campagne');
    await screenshot(page, 'arrivals-sync-dialog');
  });
});
