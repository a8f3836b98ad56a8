import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// The undo stack belongs to a campaign: the toast and Ctrl+Z of a campaign's workspace show and
// undo only that campaign's edits. The toast covers nothing the user needs at 1366×768 and
// 1920×1080: not the "Ik ben" picker, the capture inputs, the focused item or the board's columns.
describe('Undo per campaign, and where the toast sits (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-undo-scope-', viewport: { width: 1366, height: 768 } });

  /** A campaign with one conversation holding one weakness; answers the conversation's URL. */
  async function campaignWithItem(name: string, text: string) {
    const seeded = await seedFieldwork(ctx.app.services, { name, visits: 1 });
    const conversationId = seeded.conversations[0] as string;
    await ctx.call('swot.items.add', { conversationId, quadrant: 'weaknesses', text });
    const url = `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`;
    const texts = async () => (await ctx.call('swot.capture', { conversationId })).items.map((item) => item.text);
    return { url, texts };
  }

  async function deleteItem(text: string) {
    const item = ctx.page.getByTestId('capture-weaknesses').locator('[data-capture-item]').filter({ hasText: text });
    await item.focus();
    await ctx.page.keyboard.press('Delete');
  }

  it('Ctrl+Z and the toast in one campaign never undo an edit of another', async () => {
    const a = await campaignWithItem('Campagne A', 'Item van A');
    const b = await campaignWithItem('Campagne B', 'Item van B');
    const toast = ctx.page.getByTestId('undo-toast');
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();

    await ctx.page.goto(a.url);
    await deleteItem('Item van A');
    await expect.poll(a.texts).toEqual([]);
    await toast.getByText('Item „Item van A” verwijderd').waitFor();

    // In campaign B nothing of A is offered, and Ctrl+Z there leaves A's edit alone.
    await ctx.page.goto(b.url);
    await ctx.page.getByTestId('capture-weaknesses').getByText('Item van B').waitFor();
    expect(await toast.count()).toBe(0);
    await ctx.page.keyboard.press('Control+z');
    await deleteItem('Item van B');
    await expect.poll(b.texts).toEqual([]);
    await toast.getByText('Item „Item van B” verwijderd').waitFor();
    // The focus is in the (now empty) quadrant's input, where Ctrl+Z undoes typing: the toast's button.
    await toast.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(b.texts).toEqual(['Item van B']);
    await toast.getByText('Ongedaan gemaakt: Item „Item van B” verwijderd').waitFor();
    expect(await a.texts()).toEqual([]);

    // Back in A (after a reload too), A's edit is offered and undone there.
    await ctx.page.goto(a.url);
    await ctx.page.reload();
    await toast.getByText('Item „Item van A” verwijderd', { exact: true }).waitFor();
    await ctx.page.keyboard.press('Control+z');
    await expect.poll(a.texts).toEqual(['Item van A']);
    expect(await b.texts()).toEqual(['Item van B']);
    expect(ctx.pageErrors).toEqual([]);
  });

  /** True when the toast's box overlaps the box of any element the selector names (`:focus`: the focused one). */
  const overlaps = (page: Page, selector: string) =>
    page.evaluate((other) => {
      const toast = document.querySelector('[data-testid="undo-toast"]')?.getBoundingClientRect();
      const boxes = [...document.querySelectorAll(other)].map((element) => element.getBoundingClientRect());
      if (!toast || boxes.length === 0) throw new Error(`no toast or no ${other}`);
      return boxes.some(
        (box) => toast.left < box.right && box.left < toast.right && toast.top < box.bottom && box.top < toast.bottom,
      );
    }, selector);

  const scrollTo = (page: Page, where: 'top' | 'middle' | 'bottom') =>
    page.evaluate((to) => {
      const end = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo(0, to === 'top' ? 0 : to === 'middle' ? end / 2 : end);
    }, where);

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ])
    it(`covers neither the "Ik ben" picker, the capture inputs nor the focused item at ${size.width}×${size.height}`, async () => {
      await ctx.page.setViewportSize(size);
      const seeded = await seedFieldwork(ctx.app.services);
      const conversationId = seeded.conversations[0] as string;
      for (const quadrant of ['strengths', 'weaknesses', 'opportunities', 'threats'] as const)
        for (let n = 0; n < 6; n += 1)
          await ctx.call('swot.items.add', { conversationId, quadrant, text: `${quadrant} ${n}` });
      await ctx.openApp();
      await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
      await ctx.page.goto(
        `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
      );
      // The last strength sits at the window's bottom edge, where the toast appears, and goes with
      // Delete: the focus moves to the item above it, which the toast must not cover.
      const strengths = ctx.page.getByTestId('capture-strengths').locator('[data-capture-item]');
      await strengths.filter({ hasText: 'strengths 5' }).evaluate((element: HTMLElement) => {
        element.scrollIntoView({ block: 'end' });
        element.focus({ preventScroll: true });
      });
      await ctx.page.keyboard.press('Delete');
      const toast = ctx.page.getByTestId('undo-toast');
      await toast.getByText('Item „strengths 5” verwijderd').waitFor();
      await expect
        .poll(() => ctx.page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toContain('strengths 4');
      const acted = await screenshot(ctx.page, `undo-toast-capture-acted-${size.width}x${size.height}-full`);
      await ctx.page.screenshot({ path: acted.replace('-full', '') });
      // The toast appeared over the item; the window scrolled it (and its quadrant's input) clear.
      expect(await overlaps(ctx.page, ':focus')).toBe(false);
      expect(await overlaps(ctx.page, '[data-testid="capture-strengths"] form input')).toBe(false);
      expect(await overlaps(ctx.page, '#identity-picker')).toBe(false);
      for (const where of ['top', 'bottom'] as const) {
        await scrollTo(ctx.page, where);
        // What the window shows (the full page is saved beside it).
        const full = await screenshot(ctx.page, `undo-toast-capture-${where}-${size.width}x${size.height}-full`);
        await ctx.page.screenshot({ path: full.replace('-full', '') });
        expect(await toast.isVisible()).toBe(true);
        for (const other of ['#identity-picker', '[data-testid^="capture-"] form input', ':focus'])
          expect({ where, other, overlaps: await overlaps(ctx.page, other) }).toEqual({
            where,
            other,
            overlaps: false,
          });
      }
    });

  it('covers neither the "Ik ben" picker nor the board’s columns at 1366×768 and 1920×1080', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const [c1, c2] = seeded.conversations as [string, string];
    const scope = { campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId };
    // A long board, so the page scrolls and the toast sticks to the window's bottom.
    for (let n = 0; n < 12; n += 1) {
      const one = await ctx.call('swot.items.add', { conversationId: c1, quadrant: 'strengths', text: `Thema ${n} a` });
      const two = await ctx.call('swot.items.add', { conversationId: c2, quadrant: 'strengths', text: `Thema ${n} b` });
      await ctx.call('swot.lemmas.create', {
        ...scope,
        quadrant: 'strengths',
        name: `Thema ${n}`,
        itemIds: [one.id, two.id],
      });
    }
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    await ctx.page.getByTestId('cluster-board').waitFor();
    const card = ctx.page.getByTestId('lemma-Thema 1');
    await card.getByLabel('Samenvoegen met').selectOption({ label: 'Thema 0' });
    await card.getByRole('button', { name: 'Samenvoegen' }).click();
    const toast = ctx.page.getByTestId('undo-toast');
    await toast.getByText('Lemma „Thema 1” samengevoegd').waitFor();

    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await ctx.page.setViewportSize(size);
      for (const where of ['top', 'middle', 'bottom'] as const) {
        await scrollTo(ctx.page, where);
        // What the window shows (the full page is saved beside it).
        const full = await screenshot(ctx.page, `undo-toast-board-${where}-${size.width}x${size.height}-full`);
        await ctx.page.screenshot({ path: full.replace('-full', '') });
        expect(await toast.isVisible()).toBe(true);
        for (const other of [
          '#identity-picker',
          'aside nav',
          '[data-testid="unclustered-column"]',
          '[data-testid="side-panel"]',
        ])
          expect({ size, where, other, overlaps: await overlaps(ctx.page, other) }).toEqual({
            size,
            where,
            other,
            overlaps: false,
          });
      }
    }

    // Closed, it stays closed until the next action.
    await toast.getByRole('button', { name: 'Melding sluiten' }).click();
    await expect.poll(() => toast.count()).toBe(0);
  });
});
