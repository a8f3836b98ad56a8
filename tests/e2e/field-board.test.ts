import { describe, expect, it } from 'vitest';
import { QUADRANTS } from '../../shared/swot/quadrants';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// The board at the size of a real scope (300 items, 30 lemmas) on a 1366×768 laptop: the side
// panel (scores, heat map, suggestions, agreement) is one tab at a time and never taller than the
// window, so the heat map is one click away instead of thousands of pixels down.
describe('The clustering board at 300 items (browser mode)', () => {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    describe(`${viewport.width}x${viewport.height}`, () => {
      const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-board-', viewport });

      it('keeps the side panel within the window, with its panels one tab away', async () => {
        const seeded = await seedFieldwork(ctx.app.services, { visits: 10 });
        const scope = { campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId };
        const themes = Array.from({ length: 30 }, (_, index) => `Thema ${index + 1}`);
        for (const [index, theme] of themes.entries()) {
          const quadrant = QUADRANTS[index % 4] ?? 'strengths';
          const ids: string[] = [];
          for (const conversationId of seeded.conversations) {
            const item = await ctx.call('swot.items.add', {
              conversationId,
              quadrant,
              text: `${theme}: vaststelling in dit gesprek`,
            });
            ids.push(item.id);
          }
          await ctx.call('swot.lemmas.create', { ...scope, quadrant, name: theme, itemIds: ids.slice(0, 5) });
        }
        await ctx.openApp();
        await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
        await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
        await ctx.page.getByText('10 gesprekken, 300 items, 30 lemma’s.').waitFor();
        // Lemmas of five items start folded and say how many they hold; one click unfolds.
        const toggle = ctx.page.getByTestId('lemma-Thema 1').getByRole('button', { name: '5 items' });
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        expect(await ctx.page.getByTestId('lemma-Thema 1').locator('.item-list').isVisible()).toBe(false);
        await toggle.click();
        expect(await ctx.page.getByTestId('lemma-Thema 1').locator('.item-list').isVisible()).toBe(true);
        const side = ctx.page.locator('.swot-side');
        const box = await side.boundingBox();
        expect(box?.height ?? Infinity).toBeLessThanOrEqual(viewport.height);
        await ctx.page.getByRole('tab', { name: 'Lemma × gesprek' }).click();
        await ctx.page.getByTestId('heatmap').waitFor();
        const heatmap = await ctx.page.getByTestId('heatmap').boundingBox();
        expect(heatmap?.y ?? Infinity).toBeLessThan(viewport.height);
        await ctx.page.screenshot({
          path: await screenshot(ctx.page, `swot-board-300-${viewport.width}x${viewport.height}-full`).then((file) =>
            file.replace('-full.png', '.png'),
          ),
        });
      });
    });
  }
});
