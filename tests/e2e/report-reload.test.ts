import type { Locator, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BRIDGE_INVOKE_PATH } from '../../shared/contract/constants';
import { useBrowserApp } from '../support/e2e';
import { seedAnalysis } from '../support/seed-reports';

// A report section saves through the one autosave mechanism: what the store has not confirmed is
// in the draft journal at once, so text typed right before a reload (even one whose save was
// still under way) or a crash is there afterwards, exactly.
describe('Report section typed right before a reload or a crash (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-report-reload-', viewport: { width: 1366, height: 768 } });
  const editorOf = (on: Page): Locator => on.getByRole('textbox', { name: /^Tekst van de sectie/ });

  /** Opens the sector chapter's "Wie zijn ze?" section; answers its id and stored text. */
  async function openSection(page: Page, campaignId: string) {
    await page.goto(`${ctx.app.bridge.url}/#/campaigns/${campaignId}/reports`);
    await page.getByRole('link', { name: 'Sectorhoofdstuk Integratiecentra', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Secties' })
      .getByRole('button', { name: /^Wie zijn ze\?/ })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await editorOf(page).waitFor();
  }

  async function seeded() {
    const seed = await seedAnalysis(ctx.app.services);
    const created = await ctx.app.services.dispatch('reports.createMissing', { campaignId: seed.campaignId });
    expect(created.ok).toBe(true);
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await openSection(ctx.page, seed.campaignId);
    const sectionId = await ctx.page
      .getByRole('heading', { level: 2, name: 'Wie zijn ze?' })
      .evaluate((heading) => heading.id.replace(/^section-title-/, ''));
    const stored = async () => (await ctx.call('reports.section.json', { sectionId })).text;
    // The section starts empty: what is stored afterwards is exactly what was typed.
    expect(await stored()).toBe('');
    return { campaignId: seed.campaignId, sectionId, stored };
  }

  /** Types at the end of the section, 0 ms between keys. */
  async function typeAtEnd(page: Page, text: string) {
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text, { delay: 0 });
  }

  const isSectionSave = (route: Route) => (route.request().postData() ?? '').includes('"reports.section.update"');

  it('keeps the exact text when the page reloads at once', async () => {
    const { stored } = await seeded();
    await typeAtEnd(ctx.page, 'Een sector met veel kleine centra.');
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await expect.poll(stored).toBe('Een sector met veel kleine centra.');
    await expect.poll(() => editorOf(ctx.page).textContent()).toBe('Een sector met veel kleine centra.');
  });

  it('keeps the exact text when the page reloads while a save is still under way', async () => {
    const { stored } = await seeded();
    // The store takes its time: the first save is held, never answered before the page goes.
    let holding = true;
    let held = 0;
    await ctx.page.route(`**${BRIDGE_INVOKE_PATH}`, (route) => {
      if (holding && isSectionSave(route)) held += 1;
      else void route.continue();
    });
    await typeAtEnd(ctx.page, 'Veel kleine centra');
    await expect.poll(() => held).toBe(1);
    await ctx.page.keyboard.type(', weinig grote.', { delay: 0 });
    // Reload within 100 ms of the last key.
    holding = false;
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await expect.poll(stored).toBe('Veel kleine centra, weinig grote.');
    await expect.poll(() => editorOf(ctx.page).textContent()).toBe('Veel kleine centra, weinig grote.');
  });

  it('keeps the exact text when the page crashes right after the last key', async () => {
    const { campaignId, stored } = await seeded();
    await typeAtEnd(ctx.page, 'Getypt vlak voor de crash.');
    const crashed = new Promise((resolve) => ctx.page.once('crash', resolve));
    const cdp = await ctx.page.context().newCDPSession(ctx.page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    // Nothing reached the store: no pause, no pagehide, no beforeunload.
    expect(await stored()).toBe('');
    const next = await ctx.page.context().newPage();
    await next.goto(ctx.app.bridge.openUrl);
    await next.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await expect.poll(stored).toBe('Getypt vlak voor de crash.');
    await openSection(next, campaignId);
    await expect.poll(() => editorOf(next).textContent()).toBe('Getypt vlak voor de crash.');
  });
});
