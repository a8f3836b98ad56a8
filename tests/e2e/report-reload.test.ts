import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e';
import { seedAnalysis } from '../support/seed-reports';

// A report section's text typed right before a reload is kept, like every autosaved field.
describe('Report section typed right before a reload (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-report-reload-', viewport: { width: 1366, height: 768 } });
  const editorOf = (on: Page): Locator => on.getByRole('textbox', { name: /^Tekst van de sectie/ });

  it('keeps the last words typed in a section when the page reloads at once', async () => {
    const seeded = await seedAnalysis(ctx.app.services);
    const created = await ctx.app.services.dispatch('reports.createMissing', { campaignId: seeded.campaignId });
    expect(created.ok).toBe(true);
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/reports`);
    await ctx.page.getByRole('link', { name: 'Sectorhoofdstuk Integratiecentra', exact: true }).click();
    await ctx.page
      .getByRole('navigation', { name: 'Secties' })
      .getByRole('button', { name: /^Wie zijn ze\?/ })
      .click();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await editorOf(ctx.page).click();
    await ctx.page.keyboard.type('Een sector met veel kleine centra.', { delay: 0 });
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await expect.poll(() => editorOf(ctx.page).textContent()).toContain('Een sector met veel kleine centra.');
  });
});
