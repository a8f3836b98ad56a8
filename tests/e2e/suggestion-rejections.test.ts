import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
import { startWebApp, type WebApp } from '../support/web-app';

// A rejected suggestion stays rejected (issue 15): it leaves the list at once, is a record in the
// profile, and does not come back after a reload of the app.
describe('rejecting a SWOT suggestion in Chromium (browser mode)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: WebApp;
  let seeded: SeededCampaign;
  const profile = tempDir('veldwerk-e2e-rejections-');
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    app = await startWebApp(profile.dir);
    seeded = await seedFieldwork(app.services);
    for (const [conversation, text] of [
      [0, 'Lange wachtlijsten voor de taalcursus'],
      [1, 'Wachtlijsten voor de taalcursus blijven lang'],
    ] as const) {
      const added = await app.services.dispatch('swot.items.add', {
        conversationId: seeded.conversations[conversation] as string,
        quadrant: 'threats',
        text,
      });
      if (!added.ok) throw new Error(added.error.message);
    }
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    profile.remove();
  });

  const rows = () =>
    page
      .getByTestId('suggestions')
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Verwerpen' }) });

  async function openSuggestions() {
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    await page.getByRole('tab', { name: 'Clusteren en scoren' }).click();
    await page.getByTestId('cluster-board').waitFor();
    await page.getByRole('tab', { name: 'Suggesties' }).click();
    await page.getByRole('button', { name: 'Suggesties berekenen' }).click();
  }

  it('rejects a proposed group for good: gone at once, and still gone after a reload', async () => {
    await openSuggestions();
    const group = rows().filter({ hasText: 'Wachtlijsten voor de taalcursus blijven lang' });
    await group.first().waitFor();
    await screenshot(page, 'swot-suggestion-before-reject');
    await group.first().getByRole('button', { name: 'Verwerpen' }).click();
    await expect.poll(() => group.count()).toBe(0);
    await expect
      .poll(() => app.services.profile.store.list('suggestion_rejections', { campaign_id: seeded.campaignId }).length)
      .toBe(1);

    await page.reload();
    await openSuggestions();
    await page.getByText('Geen suggesties', { exact: false }).waitFor();
    expect(await rows().count()).toBe(0);
    await screenshot(page, 'swot-suggestion-after-reload');
    expect(pageErrors).toEqual([]);
  });
});
