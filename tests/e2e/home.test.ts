import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

// A new user's first minutes in browser mode, in real Chromium against the real services and SQLite.
describe('home screen in Chromium (browser mode)', () => {
  const e2e = useBrowserApp({ profilePrefix: 'veldwerk-e2e-', viewport: { width: 1280, height: 800 } });

  it('lists a campaign whose creation date is missing (a row that arrived without it)', async () => {
    const { page } = e2e;
    const campaign = await e2e.call('campaigns.create', { name: 'Zonder datum', workingYear: '2025-2026' });
    // A campaign row synced before it carried created_at: the field is empty.
    e2e.app.services.profile.db.prepare(`UPDATE campaigns SET created_at = '' WHERE id = ?`).run(campaign.id);
    await e2e.openApp();
    await page.getByTestId('campaign-list').getByText('Zonder datum').waitFor();
    expect(await page.getByTestId('campaign-list').textContent()).not.toContain('Aangemaakt op');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('creates a campaign, keeps it across reload and restart, and switches language', async () => {
    const { page } = e2e;
    await e2e.openApp();
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
    await e2e.restartApp();
    await e2e.openApp();
    await page.getByTestId('campaign-list').getByText('Doorlichting integratie en inburgering').waitFor();
    expect(e2e.pageErrors).toEqual([]);
  });

  it('tells the user how to get in when the page is opened without the token', async () => {
    const { page } = e2e;
    await page.goto(e2e.app.bridge.url);
    await page.getByText('Open Veldwerk opnieuw via de link in de terminal').waitFor();
    await screenshot(page, 'home-no-token-nl');
  });
});
