import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedAnalysis, type SeededAnalysis } from '../support/seed-reports';
import { startWebApp, type WebApp } from '../support/web-app';

// Drafting the reports in Chromium (browser mode): the reports made from templates, a sector
// chapter written with a live SWOT block, a score followed to its items, a comment made and
// resolved, two versions compared, a section locked, a visit's good practice quoted in the region
// report, and two laptops writing in the same section that meet through a duo file. Finalising
// with frozen values takes two laptops and their own accounts: report-finalise.test.ts.
describe('reports in Chromium (browser mode)', () => {
  let browser: Browser;
  let app: WebApp;
  let partner: WebApp;
  let seeded: SeededAnalysis;
  let page: Page;
  const contexts: BrowserContext[] = [];
  const profile = tempDir('veldwerk-e2e-reports-');
  const partnerProfile = tempDir('veldwerk-e2e-reports-partner-');
  const downloads = tempDir('veldwerk-e2e-reports-files-');
  const pageErrors: string[] = [];

  async function open(target: WebApp): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    contexts.push(context);
    const opened = await context.newPage();
    opened.on('pageerror', (error) => pageErrors.push(error.message));
    await opened.goto(target.bridge.openUrl);
    await opened.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    return opened;
  }

  const editorOf = (on: Page): Locator => on.getByRole('textbox', { name: /^Tekst van de sectie/ });
  const saved = (on: Page) => on.locator('[data-save-state="saved"]').waitFor();
  async function openReport(on: Page, title: string) {
    await on.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports`);
    await on.getByRole('link', { name: title, exact: true }).click();
    await on.getByRole('heading', { level: 1, name: title }).waitFor();
  }
  async function openSection(on: Page, title: string) {
    await on
      .getByRole('navigation', { name: 'Secties' })
      .getByRole('button', { name: new RegExp(`^${title}`) })
      .click();
    await on.getByRole('heading', { level: 2, name: title }).waitFor();
  }
  async function slash(on: Page, query: string) {
    await on.keyboard.type(`/${query}`);
    await on.getByRole('listbox', { name: 'Invoegen' }).waitFor();
    await on.keyboard.press('Enter');
  }

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    app = await startWebApp(profile.dir);
    seeded = await seedAnalysis(app.services);
    page = await open(app);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
    await partner?.stop();
    for (const folder of [profile, partnerProfile, downloads]) folder.remove();
  });

  it('creates the missing reports from the templates in one click', async () => {
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports`);
    await page.getByRole('heading', { level: 1, name: 'Rapporten' }).waitFor();
    await page.getByText('Nog geen rapporten').waitFor();
    await page.getByRole('button', { name: 'Ontbrekende rapporten aanmaken uit de sjablonen' }).click();
    await page.getByRole('status').filter({ hasText: 'rapporten aangemaakt' }).waitFor();
    await page.getByRole('link', { name: 'Sectorhoofdstuk Integratiecentra', exact: true }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'Eindrapport', exact: true }) });
    await expect.poll(() => row.textContent()).toContain('Bart Claes');
    await screenshot(page, 'reports-list-created');
    // Once more: nothing is missing, nothing is made twice.
    await page.getByRole('button', { name: 'Ontbrekende rapporten aanmaken uit de sjablonen' }).click();
    await page.getByText('Alle rapporten bestaan al; er is niets aangemaakt.').waitFor();
  });

  it('writes a sector chapter with a live SWOT block from the slash menu', async () => {
    await openReport(page, 'Sectorhoofdstuk Integratiecentra');
    await openSection(page, 'Wie zijn ze?');
    const editor = editorOf(page);
    await editor.click();
    await page.keyboard.type('De centra werken nauw samen met lokale besturen. ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Vet benadrukt');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Enter');
    await slash(page, 'swot personeel');
    const block = page.locator('[data-block-type="swotTable"]');
    await block.getByRole('cell', { name: 'Sterk netwerk', exact: true }).waitFor();
    await expect
      .poll(() => block.getByRole('button', { name: /gesprekken met Sterk netwerk/ }).textContent())
      .toBe('3 van 3');
    await saved(page);
    await expect.poll(() => page.getByTestId('word-count').textContent()).toBe('10 woorden');
    expect(await editor.locator('p > strong').first().textContent()).toBe('Vet benadrukt');
    await screenshot(page, 'reports-sector-chapter-swot-block');
  });

  it('follows a score to the items, conversations and visits behind it', async () => {
    await page
      .locator('[data-block-id]')
      .getByRole('button', { name: 'Toon waar score van Sterk netwerk vandaan komt' })
      .click();
    const panel = page.getByTestId('evidence-panel');
    await panel.getByText('3 items').waitFor();
    for (const text of ['Netwerk met lokale besturen', 'Goede band met scholen', 'Sterk lokaal netwerk'])
      await panel.getByText(text).waitFor();
    await panel.getByText('3 bezoeken').waitFor();
    await screenshot(page, 'reports-evidence-of-a-score');
  });

  it('comments on a selection and resolves it', async () => {
    await page.getByRole('tab', { name: /^Opmerkingen/ }).click();
    await editorOf(page).locator('p').first().getByText('De centra werken nauw samen').first().dblclick();
    await page.getByLabel('Je opmerking').fill('Welke besturen bedoelen we?');
    await page.getByRole('button', { name: 'Plaatsen' }).click();
    const thread = page.getByTestId('comments-panel').locator('li[data-comment-id]');
    await thread.getByText('Welke besturen bedoelen we?').waitFor();
    await editorOf(page).locator('[data-comment-id]').waitFor();
    await thread.getByRole('button', { name: 'Antwoorden' }).click();
    await page.getByLabel('Je antwoord').fill('De gemeenten van het werkingsgebied.');
    await page.getByTestId('comments-panel').locator('form').last().getByRole('button', { name: 'Plaatsen' }).click();
    await thread.getByText('De gemeenten van het werkingsgebied.').waitFor();
    await screenshot(page, 'reports-comment-with-reply');
    await thread.getByRole('button', { name: 'Afhandelen' }).click();
    await page.getByRole('button', { name: 'Toon 1 afgehandelde opmerking' }).waitFor();
    await expect.poll(() => editorOf(page).locator('[data-comment-id]').count()).toBe(0);
    await screenshot(page, 'reports-comment-resolved');
  });

  it('keeps a named version and compares it with the text written since', async () => {
    await page.getByRole('tab', { name: 'Versies' }).click();
    await page.getByLabel('Naam van de versie').fill('versie voor sectordag');
    await page.getByRole('button', { name: 'Versie bewaren' }).click();
    await page.getByTestId('versions-panel').locator('li strong', { hasText: 'versie voor sectordag' }).waitFor();
    await editorOf(page).locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Ook met scholen.');
    await saved(page);
    await page.getByTestId('versions-panel').getByRole('button', { name: 'Vergelijken' }).click();
    const compare = page.getByTestId('compare-view');
    await compare.locator('ins', { hasText: 'Ook met scholen.' }).waitFor();
    await screenshot(page, 'reports-compare-versions');
    await compare.getByRole('button', { name: 'Terug naar de tekst' }).click();
    await page.getByRole('button', { name: 'Openen: versie voor sectordag' }).click();
    const version = page.getByTestId('version-view');
    await version.getByText('De centra werken nauw samen met lokale besturen.').waitFor();
    expect(await version.getByText('Ook met scholen.').count()).toBe(0);
    await screenshot(page, 'reports-version-read-only');
    await version.getByRole('button', { name: 'Terug naar de tekst' }).click();
  });

  it('locks a section: the others see the lock before they type', async () => {
    await page.getByLabel('Pennenhouder:').selectOption({ label: 'Anna Peeters' });
    const lock = page.getByRole('button', { name: 'Vergrendelen', exact: true });
    await lock.click();
    await page.getByText('Je hebt deze sectie vergrendeld: alleen jij kunt erin schrijven.').waitFor();
    await page.getByLabel('Ik ben').selectOption({ label: 'Bart Claes' });
    await page.getByRole('button', { name: 'Dit ben ik' }).click();
    await page.getByText('Deze sectie is vergrendeld door Anna Peeters.', { exact: false }).waitFor();
    await expect.poll(() => editorOf(page).getAttribute('contenteditable')).toBe('false');
    await screenshot(page, 'reports-section-locked-for-others');
    // Back to Anna: this laptop is hers, and a duo file refuses one laptop writing as two people.
    await page.getByLabel('Ik ben').selectOption({ label: 'Anna Peeters' });
    await page.getByRole('button', { name: 'Dit ben ik' }).click();
    await page.getByText('Je hebt deze sectie vergrendeld: alleen jij kunt erin schrijven.').waitFor();
  });

  it('pulls a visit’s good practice into the region report as a quote that notices when its source changes', async () => {
    await openReport(page, 'Regiorapport Gent (stad)');
    await page.getByRole('heading', { level: 2, name: 'Regionale context' }).waitFor();
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    const panel = page.getByTestId('region-panel');
    await panel.getByRole('button', { name: /Agentschap Integratie Gent/ }).click();
    await panel
      .getByRole('button', { name: 'Citeer “Buddywerking met vrijwilligers uit de buurt” in het rapport' })
      .click();
    const quote = editorOf(page).locator('[data-block-type="sourceQuote"]');
    await quote.getByText('Buddywerking met vrijwilligers uit de buurt').waitFor();
    await quote.getByText(/^Bron: /).waitFor();
    // The template's participants block is still there: a quote never replaces a selected block.
    await editorOf(page).locator('[data-block-type="participants"]').waitFor();
    await saved(page);
    await screenshot(page, 'reports-region-quote');
    app.services.profile.store.update('good_practices', seeded.goodPractice, {
      text: 'Buddywerking met vrijwilligers en buren',
    });
    await quote.getByText('De bron is gewijzigd sinds dit citaat.').waitFor();
    await screenshot(page, 'reports-region-quote-source-changed');
  });

  /** A duo file through the synchronisation dialog, as the two people do it: exported on one laptop, imported on the other. */
  async function duoFile(from: Page, to: Page, name: string, forPartner: string | null = null): Promise<void> {
    const passphrase = 'onze duo-afspraak 2026';
    await from.getByTestId('sync-indicator').click();
    const exchange = from.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
    // Once the partner's laptop is known, only what it lacks: a file may not carry its own changes back.
    if (forPartner)
      await exchange
        .getByLabel('Voor', { exact: true })
        .selectOption({ label: `de laptop van ${forPartner} (alleen wat die nog mist)` });
    await exchange.getByLabel('Wachtzin voor het uitwisselbestand').fill(passphrase);
    const [download] = await Promise.all([
      from.waitForEvent('download'),
      exchange.getByRole('button', { name: 'Exporteren voor mijn duopartner' }).click(),
    ]);
    const file = path.join(downloads.dir, name);
    await download.saveAs(file);
    await exchange.getByText(/geëxporteerd naar/).waitFor();
    await from.keyboard.press('Escape');
    await to.getByTestId('sync-indicator').click();
    const target = to.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
    await target.getByLabel('Wachtzin voor het uitwisselbestand').fill(passphrase);
    await target.getByTestId('duo-import-file').setInputFiles(file);
    await target
      .getByTestId('duo-maker')
      .getByRole('button', { name: /^(De vingerafdruk klopt, importeren|Importeren)$/ })
      .click();
    await target.getByText(/gelezen: \d+ nieuw/).waitFor();
    await to.keyboard.press('Escape');
    await to.getByRole('dialog', { name: 'Synchronisatie' }).waitFor({ state: 'detached' });
  }

  it('two laptops write in the same section and meet through a duo file', async () => {
    partner = await startWebApp(partnerProfile.dir);
    const other = await open(partner);
    await other.getByText('Nog geen campagnes').waitFor();
    // The partner's laptop gets the campaign from a first duo file.
    await duoFile(page, other, 'eerste.vwb');
    await other.getByTestId('campaign-list').getByText('Doorlichting integratie').waitFor();
    const set = await partner.services.dispatch('identity.set', {
      campaignId: seeded.campaignId,
      memberId: seeded.members[1],
    });
    expect(set.ok).toBe(true);
    for (const [on, target] of [
      [page, app],
      [other, partner],
    ] as const) {
      await on.goto(`${target.bridge.url}/#/campaigns/${seeded.campaignId}/reports`);
      await on.getByRole('link', { name: 'Sectorhoofdstuk Integratiecentra', exact: true }).click();
      await openSection(on, 'Wat doen ze?');
    }
    await editorOf(page).click();
    await page.keyboard.type('Anna schrijft offline over de trajecten.');
    await editorOf(other).click();
    await other.keyboard.type('Bart schrijft offline over de wachtlijsten.');
    await saved(page);
    await saved(other);
    // The duo file, both ways: each laptop gets the other's words without a network.
    await duoFile(page, other, 'van-anna.vwb');
    await duoFile(other, page, 'van-bart.vwb', 'Anna Peeters');
    for (const on of [page, other]) {
      await editorOf(on).getByText('Anna schrijft offline over de trajecten.').waitFor();
      await editorOf(on).getByText('Bart schrijft offline over de wachtlijsten.').waitFor();
    }
    await expect
      .poll(async () => (await editorOf(other).innerText()) === (await editorOf(page).innerText()))
      .toBe(true);
    await screenshot(page, 'reports-duo-merged-laptop-a');
    await screenshot(other, 'reports-duo-merged-laptop-b');
    expect(pageErrors).toEqual([]);
  });
});
