import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
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

// Synchronisation as a user meets it in Chromium: the indicator in the top bar, connecting to the
// team's server (with clear errors), and the duo exchange by file when there is no network.
describe('synchronisation in Chromium (browser mode)', () => {
  let browser: Browser;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  let app: WebApp;
  let seeded: SeededCampaign;
  const profile = tempDir('veldwerk-e2e-sync-');
  const partnerProfile = tempDir('veldwerk-e2e-sync-partner-');
  const downloads = tempDir('veldwerk-e2e-downloads-');
  let bundleFile = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function open(target: WebApp): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-BE',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(target.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
    app = await startWebApp(profile.dir);
    seeded = await seedFieldwork(app.services);
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
      app.services.profile.store.list('members', { campaign_id: seeded.campaignId }),
    );
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
    await server?.close();
    await handle?.destroy();
    for (const folder of [profile, partnerProfile, downloads]) folder.remove();
  });

  it('connects to the server with clear errors, then shows the laptop up to date', async () => {
    const page = await open(app);
    const indicator = page.getByTestId('sync-indicator');
    await expect.poll(() => indicator.textContent()).toContain('Niet gekoppeld');
    await indicator.click();
    const dialog = page.getByRole('dialog', { name: 'Synchronisatie' });
    await dialog.waitFor();
    await screenshot(page, 'sync-dialog-not-connected-nl');

    await dialog.getByLabel('Adres van de server').fill('veldwerk-server');
    await dialog.getByLabel('E-mailadres').fill('anna@inspectie.be');
    await dialog.getByLabel('Wachtwoord').fill('fout wachtwoord');
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await dialog.getByText('Schrijf het adres van de server, bv. https://veldwerk.example.be').waitFor();

    await dialog.getByLabel('Adres van de server').fill(server.url);
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await dialog.getByText('Koppelen lukte niet.').waitFor();
    // The server's refusal in the user's language (by its reason code), not in the server's English.
    await dialog.getByText('Verkeerd e-mailadres of wachtwoord.').waitFor();
    expect(await dialog.textContent()).not.toContain('Wrong email or password');
    await screenshot(page, 'sync-dialog-wrong-password-nl');

    // Plain http:// to another machine is refused, and the form says why.
    await dialog.getByLabel('Adres van de server').fill('http://veldwerk.example.be');
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await dialog.getByText(/Gebruik een adres dat met https:\/\/ begint/).waitFor();
    await screenshot(page, 'sync-dialog-insecure-http-nl');
    await dialog.getByLabel('Adres van de server').fill(server.url);

    await dialog.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Koppelen' }).click();
    await dialog.getByText(`Gekoppeld als anna@inspectie.be aan ${server.url}.`).waitFor();
    await expect.poll(() => indicator.textContent(), { timeout: 20_000 }).toMatch(/Bijgewerkt om \d{1,2}:\d{2}/);
    await expect
      .poll(() => dialog.getByTestId('sync-details').textContent())
      .toContain('0 wijzigingen nog niet op de server');
    await screenshot(page, 'sync-dialog-connected-nl');
    expect(await server.store.campaignExists(seeded.campaignId)).toBe(true);
  });

  it('exports for the duo partner and imports on a fresh laptop, refusing a damaged file', async () => {
    const page = await open(app);
    await page.getByTestId('sync-indicator').click();
    const dialog = page.getByRole('dialog', { name: 'Synchronisatie' });
    const exchange = dialog.getByTestId('duo-exchange');
    // The id the server administrator registers the campaign under.
    expect(await exchange.getByTestId('campaign-id').textContent()).toBe(seeded.campaignId);
    // The file is encrypted for the duo under a passphrase the two agree on.
    await exchange.getByLabel('Wachtzin voor het uitwisselbestand').fill('onze duo-afspraak 2026');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exchange.getByRole('button', { name: 'Exporteren voor mijn duopartner' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^veldwerk-doorlichting-integratie-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.vwb$/,
    );
    bundleFile = path.join(downloads.dir, download.suggestedFilename());
    await download.saveAs(bundleFile);
    await exchange.getByText(/wijzigingen geëxporteerd naar/).waitFor();
    await screenshot(page, 'sync-duo-exported-nl');

    const partner = await startWebApp(partnerProfile.dir);
    try {
      const partnerPage = await open(partner);
      await partnerPage.getByText('Nog geen campagnes').waitFor();
      await partnerPage.getByTestId('sync-indicator').click();
      const partnerExchange = partnerPage.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
      await partnerExchange.getByText('Nog geen campagne op deze laptop').waitFor();

      const damaged = path.join(downloads.dir, 'beschadigd.vwb');
      const bytes = readFileSync(bundleFile);
      writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
      // Without the passphrase (or with another one) an encrypted file imports nothing.
      await partnerExchange.getByTestId('duo-import-file').setInputFiles(bundleFile);
      await partnerExchange.getByText('Dit uitwisselbestand is versleuteld', { exact: false }).waitFor();
      await partnerExchange.getByLabel('Wachtzin voor het uitwisselbestand').fill('een andere wachtzin');
      await partnerExchange.getByTestId('duo-import-file').setInputFiles(bundleFile);
      await partnerExchange.getByText('Met deze wachtzin opent het uitwisselbestand niet', { exact: false }).waitFor();
      await screenshot(partnerPage, 'sync-duo-import-wrong-passphrase-nl');
      await partnerExchange.getByLabel('Wachtzin voor het uitwisselbestand').fill('onze duo-afspraak 2026');
      await partnerExchange.getByTestId('duo-import-file').setInputFiles(damaged);
      // A cut-off file no longer opens: its encryption's tag (and the maker's signature inside) fail.
      await partnerExchange
        .getByText(
          'Importeren mislukt, er is niets veranderd: het bestand is beschadigd of onvolledig. Laat je duopartner het opnieuw exporteren.',
        )
        .waitFor();
      await screenshot(partnerPage, 'sync-duo-import-damaged-nl');

      // Before importing, the dialog shows who made the file, on which laptop (fingerprint) and when.
      const ownFingerprint = ((await exchange.getByTestId('own-fingerprint').textContent()) ?? '').replace(
        'Vingerafdruk van deze laptop: ',
        '',
      );
      await partnerExchange.getByTestId('duo-import-file').setInputFiles(bundleFile);
      const maker = partnerExchange.getByTestId('duo-maker');
      await maker.getByRole('heading', { name: 'Wie maakte dit bestand?' }).waitFor();
      const shown = (await maker.textContent()) ?? '';
      expect(shown).toContain('Gemaakt door Anna Peeters');
      expect(shown).toContain(`Vingerafdruk van die laptop: ${ownFingerprint}`);
      expect(shown).toContain('Je krijgt voor het eerst een bestand van deze laptop.');
      await expect.poll(() => maker.isVisible()).toBe(true);
      await screenshot(partnerPage, 'sync-duo-maker-nl');
      await maker.getByRole('button', { name: 'De vingerafdruk klopt, importeren' }).click();
      await partnerExchange.getByText(/wijzigingen gelezen: \d+ nieuw, 0 al aanwezig/).waitFor();
      await screenshot(partnerPage, 'sync-duo-imported-nl');
      await partnerPage.keyboard.press('Escape');
      await partnerPage.getByTestId('campaign-list').getByText('Doorlichting integratie').waitFor();
    } finally {
      await partner.stop();
    }
    expect(pageErrors).toEqual([]);
  });
});
