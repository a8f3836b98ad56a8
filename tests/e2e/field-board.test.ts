import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { QUADRANTS } from '../../shared/swot/quadrants';
import { screenshot } from '../support/browser';
import { useBrowserApp, type BrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// The board at the size of a real scope (300 items, 30 lemmas) on a 1366×768 laptop and a
// 1920×1080 screen: unclustered items in their own column, lemma cards that fold to their name,
// score and count, a side panel with tabs that scrolls on its own, and a filter.
const THEMES = Array.from({ length: 30 }, (_, index) =>
  index === 7
    ? 'Samenwerking met lokale besturen en het onderwijs rond trajecten voor nieuwkomers'
    : `Thema ${index + 1}`,
);

async function seedScope(ctx: BrowserApp) {
  const seeded = await seedFieldwork(ctx.app.services, { visits: 10 });
  const scope = { campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId };
  for (const [index, theme] of THEMES.entries()) {
    const quadrant = QUADRANTS[index % 4] ?? 'strengths';
    const ids: string[] = [];
    for (const [n, conversationId] of seeded.conversations.entries()) {
      const item = await ctx.call('swot.items.add', {
        conversationId,
        quadrant,
        text:
          n === 9
            ? `${theme}: een lange vaststelling die over meerdere regels loopt omdat de respondent veel vertelde`
            : `${theme}: vaststelling ${n + 1}`,
      });
      ids.push(item.id);
    }
    // Half of every theme is clustered, half waits in the unclustered column.
    await ctx.call('swot.lemmas.create', { ...scope, quadrant, name: theme, itemIds: ids.slice(0, 5) });
  }
  return seeded;
}

/**
 * Every element matching the selector lies inside its nearest ancestor matching `within`: across
 * (nothing cut off at the right), and with `vertical` also up and down (not for a column that
 * scrolls, whose rows below the fold are outside it by design).
 */
const allInside = (page: Page, selector: string, within: string, vertical = true) =>
  page.evaluate(
    ([inner, outer, upDown]) =>
      [...document.querySelectorAll(inner as string)].every((element) => {
        const box = element.getBoundingClientRect();
        const frame = element.closest(outer as string)?.getBoundingClientRect();
        const across = frame !== undefined && box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5;
        return across && (!upDown || (box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5));
      }),
    [selector, within, vertical] as const,
  );

describe('The clustering board at 300 items (browser mode)', () => {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    describe(`${viewport.width}x${viewport.height}`, () => {
      const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-board-', viewport });

      it('fits the board to the screen: columns, folded cards, side panel, filter', async () => {
        const seeded = await seedScope(ctx);
        const page = ctx.page;
        await ctx.openApp();
        await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
        await page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
        await page.getByText('10 gesprekken, 300 items, 30 lemma’s.').waitFor();
        const size = `${viewport.width}x${viewport.height}`;
        await page.screenshot({ path: (await screenshot(page, `swot-board-300-${size}-full`)).replace('-full', '') });

        // The unclustered items are a column of their own, beside the lemmas, not below them.
        const column = page.getByTestId('unclustered-column');
        await column.getByTestId('pool-strengths').getByText('40 items').waitFor();
        const columnBox = await column.boundingBox();
        const boardBox = await page.getByTestId('cluster-board').boundingBox();
        expect(columnBox && boardBox && columnBox.x + columnBox.width <= boardBox.x).toBe(true);
        expect(columnBox?.height ?? Infinity).toBeLessThanOrEqual(viewport.height);

        // Lemma cards of five items start folded: one line of name, score and count, never stretched.
        const card = page.getByTestId('lemma-Thema 1');
        const toggle = card.getByRole('button', { name: '5 items' });
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        const heights = await page
          .locator('[data-lemma-id]')
          .evaluateAll((cards) => cards.map((one) => one.getBoundingClientRect().height));
        expect(heights).toHaveLength(30);
        // (the one with the long name wraps over a few lines; it does not stretch the others in its row)
        expect(heights.filter((height) => height >= 70)).toHaveLength(1);
        expect(Math.max(...heights)).toBeLessThan(220);
        // Names and scores stay inside their cards, long names wrap instead of being cut off.
        expect(await allInside(page, '[data-lemma-score]', '[data-lemma-id]')).toBe(true);
        expect(await allInside(page, '[data-lemma-id] h4', '[data-lemma-id]')).toBe(true);
        expect(await allInside(page, '[data-item-handle]', '[data-testid="unclustered-column"]', false)).toBe(true);
        expect(await allInside(page, '[data-testid^="score-table-"]', '[data-testid="side-panel"]', false)).toBe(true);

        await toggle.click();
        await card.getByRole('list', { name: 'Items van Thema 1' }).waitFor();
        expect(await card.getByRole('listitem').count()).toBe(5);
        expect(await allInside(page, '[data-lemma-id] [data-item-handle]', '[data-lemma-id]')).toBe(true);

        // The side panel stays within the window; the heat map scrolls inside its tab.
        const side = page.getByTestId('side-panel');
        expect((await side.boundingBox())?.height ?? Infinity).toBeLessThanOrEqual(viewport.height);
        await page.getByRole('tab', { name: 'Lemma × gesprek' }).click();
        await page.getByTestId('heatmap').waitFor();
        expect(await allInside(page, '[data-testid="heatmap-scroll"]', '[data-testid="side-panel"]', false)).toBe(true);
        await page.screenshot({
          path: (await screenshot(page, `swot-board-300-${size}-heatmap-full`)).replace('-full', ''),
        });

        // Suggestions: one list, the most confident first; a long list is virtualised in its own scroll area.
        await page.getByRole('tab', { name: 'Suggesties' }).click();
        await page.getByRole('button', { name: 'Suggesties berekenen' }).click();
        const suggestions = page.getByTestId('suggestions').locator('[data-suggestion]');
        await suggestions.first().waitFor({ timeout: 60_000 });
        const confidences = (
          await suggestions.evaluateAll((rows) =>
            rows.map((row) => ({
              index: Number(row.getAttribute('data-index') ?? '0'),
              value: Number(row.getAttribute('data-confidence')),
            })),
          )
        )
          .sort((a, b) => a.index - b.index)
          .map((row) => row.value);
        expect(confidences.length).toBeGreaterThan(1);
        expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
        if ((await page.getByTestId('suggestion-scroll').count()) > 0) expect(confidences.length).toBeLessThan(40);
        expect(await allInside(page, '[data-suggestion]', '[data-testid="side-panel"]', false)).toBe(true);
        expect(await allInside(page, '[data-suggestion] button', '[data-suggestion]')).toBe(true);
        await page.screenshot({
          path: (await screenshot(page, `swot-board-300-${size}-suggestions-full`)).replace('-full', ''),
        });

        // Filter by words: only lemmas and items that hold them, with counts of what shows.
        const search = page.getByRole('searchbox', { name: 'Zoeken' });
        await search.fill('thema 12');
        await expect.poll(() => page.locator('[data-lemma-id]').count()).toBe(1);
        await page.getByTestId('lemma-Thema 12').getByRole('button', { name: '5 van 5 items' }).waitFor();
        await column.getByTestId('pool-threats').getByText('5 van 35 items').waitFor();
        // By conversation: one item per lemma and per pool theme.
        await search.fill('');
        await page.getByLabel('Gesprek', { exact: true }).selectOption({ index: 10 });
        await expect.poll(() => page.locator('[data-lemma-id]').count()).toBe(0);
        await column.getByTestId('pool-strengths').getByText('8 van 40 items').waitFor();
        await page.screenshot({
          path: (await screenshot(page, `swot-board-300-${size}-filter-full`)).replace('-full', ''),
        });
        await page.getByRole('button', { name: 'Filter wissen' }).click();
        await expect.poll(() => page.locator('[data-lemma-id]').count()).toBe(30);
        expect(ctx.pageErrors).toEqual([]);
      });
    });
  }
});
