import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportId, sectionId } from '../../services/reports/reports';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract/channels';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedAnalysis, type SeededAnalysis } from '../support/seed-reports';
import { startWebApp, type WebApp } from '../support/web-app';

// Editing a campaign's report templates in Chromium: rename, move, remove and add sections of the
// sector chapter's template, save it, and make the reports from it. Renamed and moved sections
// keep their key (so their section ids); an added one gets a key derived from its title.
describe('report templates in Chromium (browser mode)', () => {
  let browser: Browser;
  let app: WebApp;
  let seeded: SeededAnalysis;
  let page: Page;
  const profile = tempDir('veldwerk-e2e-templates-');
  const pageErrors: string[] = [];

  async function call<C extends ChannelName>(channel: C, payload: InputOf<C>): Promise<OutputOf<C>> {
    const result = await app.services.dispatch(channel, payload);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as OutputOf<C>;
  }
  const sections = (on: Page) => on.locator('[data-template-key] input[id^="template-sector-"]');

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    app = await startWebApp(profile.dir);
    seeded = await seedAnalysis(app.services);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    profile.remove();
  });

  it('lists the templates per kind, starting from the built-in ones', async () => {
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports`);
    await page.getByRole('link', { name: 'Sjablonen bewerken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sjablonen van de rapporten' }).waitFor();
    await expect
      .poll(() => sections(page).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)))
      .toEqual([
        'Wie zijn ze?',
        'Wat moeten ze doen?',
        'Wat doen ze?',
        'Hoe beoordelen ze zichzelf?',
        'Wat denken de stakeholders?',
        'Wat vindt het team?',
        'Uitdagingen voor {scopeName}',
      ]);
    await page.getByRole('tab', { name: 'Regiorapport' }).click();
    await page.getByLabel('Titel van sectie 2').waitFor();
    expect(await page.getByLabel('Titel van sectie 2').inputValue()).toBe('{organisation} ({date})');
    expect(await page.getByRole('checkbox', { name: 'één sectie per bezoek' }).nth(1).isChecked()).toBe(true);
    await screenshot(page, 'report-templates-region');
    await page.getByRole('tab', { name: 'Sectorhoofdstuk' }).click();
  });

  it('renames, moves, removes and adds sections, and refuses an empty title', async () => {
    await page.getByLabel('Titel van sectie 3').fill('Wat doen ze in de praktijk?');
    await page.getByRole('button', { name: '“Uitdagingen voor {scopeName}” naar boven' }).click();
    await page.getByRole('button', { name: '“Wat moeten ze doen?” uit het sjabloon halen' }).click();
    // Adding without a title says what is missing.
    await page.getByRole('button', { name: 'Sectie toevoegen' }).click();
    await page.getByText('Geef de sectie een titel.').waitFor();
    await page.getByLabel('Nieuwe sectie').fill('Aanbevelingen');
    await page.getByRole('button', { name: 'Sectie toevoegen' }).click();
    // An emptied title cannot be saved.
    await page.getByLabel('Titel van sectie 1').fill('');
    await page.getByText('Geef de sectie een titel.').waitFor();
    expect(await page.getByRole('button', { name: 'Sjabloon bewaren' }).isDisabled()).toBe(true);
    await page.getByLabel('Titel van sectie 1').fill('Wie zijn ze?');
    await page.getByRole('tab', { name: /Sectorhoofdstuk · niet bewaard/ }).waitFor();
    await screenshot(page, 'report-templates-sector-edited');
    await page.getByRole('button', { name: 'Sjabloon bewaren' }).click();
    await page.getByRole('status').filter({ hasText: 'Het sjabloon voor Sectorhoofdstuk is bewaard.' }).waitFor();
    const stored = await call('reports.templates.get', { campaignId: seeded.campaignId });
    expect(stored.sector.map((section) => [section.key, section.title])).toEqual([
      ['wie-zijn-ze', 'Wie zijn ze?'],
      ['wat-doen-ze', 'Wat doen ze in de praktijk?'],
      ['zelfbeoordeling', 'Hoe beoordelen ze zichzelf?'],
      ['stakeholders', 'Wat denken de stakeholders?'],
      ['uitdagingen', 'Uitdagingen voor {scopeName}'],
      ['team', 'Wat vindt het team?'],
      ['aanbevelingen', 'Aanbevelingen'],
    ]);
    // The template's content (the stakeholders' SWOT tables) is kept.
    expect(stored.sector[3]?.content).not.toBeNull();
    await page.reload();
    await page.getByLabel('Titel van sectie 2').waitFor();
    expect(await page.getByLabel('Titel van sectie 2').inputValue()).toBe('Wat doen ze in de praktijk?');
    await screenshot(page, 'report-templates-sector-saved');
  });

  it('makes the reports from the edited template, with the section ids the keys give', async () => {
    await page.getByRole('link', { name: 'Alle rapporten' }).click();
    await page.getByRole('button', { name: 'Ontbrekende rapporten aanmaken uit de sjablonen' }).click();
    await page.getByRole('link', { name: 'Sectorhoofdstuk Integratiecentra', exact: true }).click();
    const nav = page.getByRole('navigation', { name: 'Secties' });
    await nav.getByRole('button', { name: /^Aanbevelingen/ }).waitFor();
    const titles = await nav
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons.map(
          (button) => button.querySelector('[data-testid="section-link-title"]')?.textContent ?? button.textContent,
        ),
      );
    expect(titles.join('|')).toMatch(
      /Wie zijn ze\?.*\|.*Wat doen ze in de praktijk\?.*\|.*Hoe beoordelen.*\|.*stakeholders.*\|.*Uitdagingen voor Integratiecentra.*\|.*Wat vindt het team\?.*\|.*Aanbevelingen/,
    );
    const report = reportId(seeded.campaignId, 'sector', seeded.sectorId);
    const detail = await call('reports.get', { reportId: report });
    const byKey = new Map(detail.sections.map((section) => [section.templateKey, section.id]));
    expect(byKey.get('wat-doen-ze')).toBe(sectionId(report, 'wat-doen-ze', null));
    expect(byKey.get('aanbevelingen')).toBe(sectionId(report, 'aanbevelingen', null));
    expect(byKey.has('wat-moeten-ze-doen')).toBe(false);
    await screenshot(page, 'report-templates-report-made');
    expect(pageErrors).toEqual([]);
  });
});
