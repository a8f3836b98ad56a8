import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { startWebApp, type WebApp } from '../support/web-app';

// A new user's first minutes in browser mode, in real Chromium against the real services and SQLite.
describe('home screen in Chromium (browser mode)', () => {
  let browser: Browser;
  let profile: ReturnType<typeof tempDir>;
  let app: WebApp;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    profile = tempDir('veldwerk-e2e-');
    app = await startWebApp(profile.dir);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
    page = await context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    await context.close();
    await app.stop();
    profile.remove();
  });

  it('creates a campaign, keeps it across reload and restart, and switches language', async () => {
    await page.goto(app.bridge.openUrl);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Campagnes');
    await page.getByText('Nog geen campagnes').waitFor();
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'home-empty-nl');

    // Submitting an empty form says what is wrong, in Dutch, beside the field.
    await page.getByLabel('Naam').fill('');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.getByText('Geef de campagne een naam.').waitFor();
    await page.getByLabel('Werkjaar').fill('2025-2027');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.getByText('Schrijf het werkjaar als twee opeenvolgende jaren').waitFor();
    expect(await page.getByLabel('Naam').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'home-form-errors-nl');

    await page.getByLabel('Naam').fill('Doorlichting integratie en inburgering');
    await page.getByLabel('Werkjaar').fill('2014-2015');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.getByText('Campagne „Doorlichting integratie en inburgering” aangemaakt.').waitFor();
    const list = page.getByTestId('campaign-list');
    await list.getByText('Doorlichting integratie en inburgering').waitFor();
    await list.getByText('Werkjaar 2014-2015').waitFor();
    await page.getByText('1 campagne', { exact: true }).waitFor();
    await screenshot(page, 'home-one-campaign-nl');

    // Reload: the token moved to session storage, the campaign comes back from SQLite.
    await page.reload();
    await page.getByTestId('campaign-list').getByText('Doorlichting integratie en inburgering').waitFor();

    // Switch to English: the whole screen follows, and the choice survives a reload.
    await page.getByLabel('Taal').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Campaigns');
    await page.getByText('Working year 2014-2015').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'home-one-campaign-en');
    await page.reload();
    await page.getByRole('button', { name: 'Create campaign' }).waitFor();

    // Restart the services on the same profile: a new port, a new token, the same data.
    await app.stop();
    app = await startWebApp(profile.dir);
    await page.goto(app.bridge.openUrl);
    await page.getByTestId('campaign-list').getByText('Doorlichting integratie en inburgering').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('tells the user how to get in when the page is opened without the token', async () => {
    await page.goto(app.bridge.url);
    await page.getByText('Open Veldwerk opnieuw via de link in de terminal').waitFor();
    await screenshot(page, 'home-no-token-nl');
  });
});
