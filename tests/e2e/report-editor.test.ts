import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reportId, sectionId } from '../../services/reports/reports';
import { editSection } from '../../shared/report/document';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedAnalysis, type SeededAnalysis } from '../support/seed-reports';
import { startWebApp, type WebApp } from '../support/web-app';

// The section editor in Chromium: Ctrl+K opens a small link dialog (no window.prompt), a
// section's footnotes are listed at its foot, and a section whose stored content the schema does
// not know says so, is shown read-only and keeps that content.
describe('report editor in Chromium (browser mode)', () => {
  let browser: Browser;
  let app: WebApp;
  let seeded: SeededAnalysis;
  let page: Page;
  const profile = tempDir('veldwerk-e2e-editor-');
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  const editorOf = (on: Page): Locator => on.getByRole('textbox', { name: /^Tekst van de sectie/ });
  async function openSection(title: string) {
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports`);
    await page.getByRole('link', { name: 'Sectorhoofdstuk Integratiecentra', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Secties' })
      .getByRole('button', { name: new RegExp(`^${title.replace('?', '\\?')}`) })
      .click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
  }

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    app = await startWebApp(profile.dir);
    seeded = await seedAnalysis(app.services);
    const created = await app.services.dispatch('reports.createMissing', { campaignId: seeded.campaignId });
    expect(created.ok).toBe(true);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    profile.remove();
  });

  it('links the selected word with Ctrl+K through a small dialog', async () => {
    await openSection('Wie zijn ze?');
    await editorOf(page).click();
    await page.keyboard.type('Meer op de website');
    await page.keyboard.down('Shift');
    for (let i = 0; i < 'website'.length; i += 1) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Link' });
    await dialog.getByLabel('Adres van de link (leeg om de link te verwijderen)').fill('https://integratie.be');
    await screenshot(page, 'report-editor-link-dialog');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorOf(page).locator('a').getAttribute('href')).toBe('https://integratie.be');
    expect(await editorOf(page).locator('a').textContent()).toBe('website');
    // Ctrl+K on the link opens it again, with its address and a way to remove it.
    await editorOf(page).locator('a').click();
    await page.keyboard.press('Control+k');
    expect(await dialog.getByLabel('Adres van de link (leeg om de link te verwijderen)').inputValue()).toBe(
      'https://integratie.be',
    );
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    expect(await dialog.count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('lists the footnotes at the foot of the section, in their order', async () => {
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Twee bronnen');
    for (const text of ['Jaarverslag 2025.', 'Interview met de directie.']) {
      await page.keyboard.type(' /voetnoot');
      await page.getByRole('listbox', { name: 'Invoegen' }).waitFor();
      await page.keyboard.press('Enter');
      const buttons = editorOf(page).getByRole('button', { name: /^Voetnoot \d+:/ });
      await buttons.last().click();
      await page.getByRole('dialog', { name: 'Voetnoot' }).getByLabel('Tekst van de voetnoot').fill(text);
      await page.getByRole('dialog', { name: 'Voetnoot' }).getByRole('button', { name: 'Bewaren' }).click();
      await editorOf(page).click();
      await page.keyboard.press('Control+End');
    }
    const list = page.getByRole('region', { name: 'Voetnoten' });
    await expect
      .poll(() => list.getByRole('listitem').allTextContents())
      .toEqual(['Jaarverslag 2025.', 'Interview met de directie.']);
    await screenshot(page, 'report-editor-footnote-list');
  });

  it('says when a section holds content the editor does not know, shows it read-only and keeps it', async () => {
    const report = reportId(seeded.campaignId, 'sector', seeded.sectorId);
    const section = sectionId(report, 'wat-doen-ze', null);
    const store = app.services.profile.store;
    const { update } = editSection(store.textState('report_sections', section, 'body'), 424242, (fragment) => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, 'Tekst van een nieuwere versie.');
      paragraph.insert(0, [text]);
      const future = new Y.XmlElement('timeline');
      future.setAttribute('from', '2025');
      fragment.push([paragraph, future]);
    });
    store.applyTextUpdate('report_sections', section, 'body', update);
    const before = Buffer.from(store.textState('report_sections', section, 'body')).toString('base64');
    await openSection('Wat doen ze?');
    await page.getByTestId('unknown-content').getByText('niet kent (timeline)', { exact: false }).waitFor();
    await page.getByText('Tekst van een nieuwere versie.').waitFor();
    expect(await editorOf(page).count()).toBe(0);
    await screenshot(page, 'report-editor-unknown-content');
    expect(Buffer.from(store.textState('report_sections', section, 'body')).toString('base64')).toBe(before);
    expect(pageErrors).toEqual([]);
  });
});
