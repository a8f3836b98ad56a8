import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

/**
 * Texts under `root` that are cut off or run under their neighbours: wider than their own box,
 * or sticking out of the card (section) they sit in or of any ancestor that clips or scrolls (a
 * table's wrapper).
 */
async function clipped(page: Page, rootTestId: string): Promise<string[]> {
  return page.getByTestId(rootTestId).evaluate((root) => {
    const found: string[] = [];
    const outside = (box: DOMRect, frame: DOMRect) => box.right > frame.right + 1 || box.left < frame.left - 1;
    for (const element of root.querySelectorAll<HTMLElement>(
      'h2, h3, div, li, form, span, summary, button, th, td, label, a, p',
    )) {
      const text = element.textContent?.trim();
      if (!text || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      // Text for screen readers only (a 1px box) is meant to be out of sight.
      if (style.position === 'absolute' || box.width <= 1) continue;
      // A box whose content is wider than itself (an inline box has no width of its own to compare).
      let cut = style.display !== 'inline' && element.scrollWidth > element.clientWidth + 1;
      for (let up = element.parentElement; up && !cut && up !== root.parentElement; up = up.parentElement) {
        const clips = getComputedStyle(up).overflowX !== 'visible' || up.tagName === 'SECTION';
        if (clips && outside(box, up.getBoundingClientRect())) cut = true;
      }
      if (cut) found.push(text.slice(0, 40));
    }
    return found;
  });
}

/**
 * Per table row, the tops of its cells, and the right edge of each line of its action buttons
 * (a line: the buttons at one height; its right edge: that of its last button).
 */
async function rowGeometry(page: Page): Promise<{ cells: number[]; lineEnds: number[] }[]> {
  return page.getByTestId('organisation-table').evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((row) => {
      const ends = new Map<number, number>();
      for (const button of row.querySelectorAll('button')) {
        const box = button.getBoundingClientRect();
        const top = Math.round(box.top);
        ends.set(top, Math.max(ends.get(top) ?? 0, Math.round(box.right)));
      }
      return {
        cells: [...row.children].map((cell) => Math.round(cell.getBoundingClientRect().top)),
        lineEnds: [...ends.values()],
      };
    }),
  );
}

// The set-up screen at a laptop's and a desktop's size: no label or count is cut off in the list
// cards, and the organisations table keeps its action cells in line with the other cells.
describe('Set-up layout (browser mode)', () => {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    describe(`at ${viewport.width}x${viewport.height}`, () => {
      const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-setup-layout-', viewport });

      it('shows every list card and the organisations table without clipping', async () => {
        const seeded = await seedFieldwork(ctx.app.services, { visits: 4 });
        // A retired item in each list, so every card shows its "Buiten gebruik (n)" fold.
        const setup = await ctx.call('setup.get', { campaignId: seeded.campaignId });
        await ctx.call('setup.retireItem', { kind: 'regions', id: setup.regions[1]?.id ?? '', retired: true });
        await ctx.call('setup.retireItem', {
          kind: 'stakeholder_categories',
          id: setup.stakeholderCategories[0]?.id ?? '',
          retired: true,
        });
        await ctx.call('organisations.add', {
          campaignId: seeded.campaignId,
          sectorId: seeded.sectorId,
          regionId: setup.regions[0]?.id ?? '',
          name: 'Vereniging voor Ontwikkelingssamenwerking en Emancipatie van Nieuwkomers Oost-Vlaanderen',
          address: 'Sint-Pietersnieuwstraat 123 bus 4, 9000 Gent',
          contact: 'secretariaat.oost-vlaanderen@voorbeeldvereniging.be',
        });
        await ctx.openApp();
        await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
        await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/setup/lists`);
        await ctx.page.getByRole('heading', { name: 'Categorieën van stakeholders' }).waitFor();
        await screenshot(ctx.page, `setup-lists-${viewport.width}`);
        await ctx.page
          .getByRole('region', { name: 'Categorieën van stakeholders' })
          .screenshot({ path: `screenshots/setup-list-card-${viewport.width}.png` });
        expect(await clipped(ctx.page, 'setup-lists')).toEqual([]);

        await ctx.page.getByRole('link', { name: 'Organisaties', exact: true }).click();
        await ctx.page.getByTestId('organisation-table').waitFor();
        await screenshot(ctx.page, `setup-organisations-${viewport.width}`);
        expect(await clipped(ctx.page, 'setup-organisations')).toEqual([]);
        // Every row's cells start at one height, and every line of actions ends at one right edge.
        const rows = await rowGeometry(ctx.page);
        for (const row of rows) expect(new Set(row.cells).size, `cells ${row.cells.join(',')}`).toBe(1);
        expect(new Set(rows.flatMap((row) => row.lineEnds)).size).toBe(1);
        expect(ctx.pageErrors).toEqual([]);
      });
    });
  }
});
