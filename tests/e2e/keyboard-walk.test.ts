import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// One keyboard-only walk through capture and clustering, as an inspector without a mouse does
// it: every action by key, and after each one the focus is on (or next to) what was acted on,
// never back at the top of the page. (locator.focus() only puts the focus on the control a walk
// starts from, as Tab would; every action is a key press.)
describe('Capture and clustering by keyboard alone (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-keys-', viewport: { width: 1366, height: 768 } });

  it('captures, edits, moves, clusters, renames, splits, merges, moves, deletes and undoes by key', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const [c1, c2] = seeded.conversations as [string, string];
    const scope = { campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId };
    const page = ctx.page;
    // Where the focus is: the element's own text, and the nearest named area around it.
    const focus = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return {
          text: (
            element?.closest('[data-item-text]')?.getAttribute('data-item-text') ??
            element?.textContent ??
            ''
          ).trim(),
          area: element?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
          card: element?.closest('[data-lemma-id]')?.getAttribute('data-testid') ?? null,
          quadrant: element?.closest('[data-testid^="quadrant-"]')?.getAttribute('data-testid') ?? null,
          onBody: element === document.body,
        };
      });
    const stored = async (conversationId: string, quadrant: string) =>
      (await ctx.call('swot.capture', { conversationId })).items
        .filter((item) => item.quadrant === quadrant)
        .map((item) => item.text);
    const board = () => ctx.call('swot.board', scope);
    const lemmaNames = async () => (await board()).lemmas.map((lemma) => `${lemma.quadrant}:${lemma.name}`).sort();

    // --- Capture, conversation 1 ---
    await ctx.openApp();
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${c1}`,
    );
    const strengthsInput = page.getByTestId('capture-strengths').getByRole('textbox');
    await strengthsInput.focus();
    await page.keyboard.type('Sterk netwerk\nErvaren team\nGoede opvang\n', { delay: 0 });
    await expect.poll(() => stored(c1, 'strengths')).toEqual(['Sterk netwerk', 'Ervaren team', 'Goede opvang']);
    expect(await focus()).toMatchObject({ area: 'capture-strengths' });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.getByTestId('capture-strengths').locator('[data-capture-item]').nth(2).waitFor();

    // Shift+Tab reaches the last item; F2 edits it in place; Enter ends with the focus on the item.
    await page.keyboard.press('Shift+Tab');
    expect(await focus()).toMatchObject({ area: 'capture-strengths', text: 'Goede opvangAnna Peeters' });
    await page.keyboard.press('F2');
    await page.keyboard.press('End');
    await page.keyboard.type(' voor nieuwkomers', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => stored(c1, 'strengths')).toContain('Goede opvang voor nieuwkomers');
    await expect
      .poll(focus)
      .toMatchObject({ area: 'capture-strengths', text: 'Goede opvang voor nieuwkomersAnna Peeters' });

    // Alt+arrow moves it to the quadrant beside and back; the focus goes with it.
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => stored(c1, 'weaknesses')).toEqual(['Goede opvang voor nieuwkomers']);
    await expect.poll(focus).toMatchObject({ area: 'capture-weaknesses' });
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => stored(c1, 'weaknesses')).toEqual([]);
    await expect
      .poll(focus)
      .toMatchObject({ area: 'capture-strengths', text: 'Goede opvang voor nieuwkomersAnna Peeters' });

    // Delete removes it, the neighbour takes the focus; Ctrl+Z brings it back.
    await page.keyboard.press('Delete');
    await expect.poll(() => stored(c1, 'strengths')).toEqual(['Sterk netwerk', 'Ervaren team']);
    await expect.poll(focus).toMatchObject({ area: 'capture-strengths', text: 'Ervaren teamAnna Peeters' });
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => stored(c1, 'strengths'))
      .toEqual(['Sterk netwerk', 'Ervaren team', 'Goede opvang voor nieuwkomers']);
    expect((await focus()).onBody).toBe(false);

    // The partner's conversation (set up directly: not what this walk is about).
    await ctx.call('swot.items.add', { conversationId: c2, quadrant: 'strengths', text: 'Netwerk met besturen' });
    await ctx.call('swot.items.add', { conversationId: c2, quadrant: 'strengths', text: 'Netwerk met scholen' });
    await ctx.call('swot.items.add', { conversationId: c2, quadrant: 'weaknesses', text: 'Weinig personeel' });

    // --- Clustering ---
    await page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    await page.getByTestId('cluster-board').waitFor();
    const live = page.locator('[id^="DndLiveRegion"]');
    const handle = (text: string) => page.locator(`[data-item-text="${text}"] [data-item-handle]`);
    /** Lifts an item with Space, presses `key` until it hangs over `target`, drops with Space. */
    const dragWithKeys = async (text: string, key: string, target: string) => {
      await handle(text).focus();
      await page.keyboard.press('Space');
      await expect.poll(() => live.textContent()).toContain(`„${text}”`);
      for (let step = 0; step < 15; step += 1) {
        const before = (await live.textContent()) ?? '';
        if (before.includes(`boven ${target}`)) break;
        await page.keyboard.press(key);
        await expect.poll(() => live.textContent()).not.toBe(before);
      }
      expect(await live.textContent()).toContain(`boven ${target}`);
      await page.keyboard.press('Space');
    };

    // Onto another unclustered item: a new lemma of both; the focus stays on the moved item.
    await dragWithKeys('Netwerk met besturen', 'ArrowUp', 'item „Sterk netwerk”');
    await expect.poll(lemmaNames).toEqual(['strengths:Sterk netwerk']);
    await expect.poll(focus).toMatchObject({ text: 'Netwerk met besturen', card: 'lemma-Sterk netwerk' });

    // Onto a lemma: the item joins it, the focus stays on it.
    await dragWithKeys('Netwerk met scholen', 'ArrowRight', 'lemma „Sterk netwerk”');
    await expect
      .poll(async () =>
        (await board()).items
          .filter((item) => item.lemmaId !== null)
          .map((item) => item.text)
          .sort(),
      )
      .toEqual(['Netwerk met besturen', 'Netwerk met scholen', 'Sterk netwerk']);
    await expect.poll(focus).toMatchObject({ text: 'Netwerk met scholen', card: 'lemma-Sterk netwerk' });

    // Into another quadrant: the board asks first, the focus on the question; Escape-free cancel
    // by Tab and Enter leaves the item where it was, with the focus on it.
    await dragWithKeys('Weinig personeel', 'ArrowRight', 'lemma „Sterk netwerk”');
    await page.getByTestId('confirm-crossing').waitFor();
    expect(await focus()).toMatchObject({ text: 'Ja, verplaatsen' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(focus)
      .toMatchObject({ text: 'Weinig personeel', area: 'item-' + (await itemId('Weinig personeel')) });
    expect((await board()).items.find((item) => item.text === 'Weinig personeel')?.lemmaId).toBeNull();

    // Rename: Enter on the name, type, Enter; the focus is back on the (renamed) name.
    const nameButton = (lemma: string) => page.getByTestId(`lemma-${lemma}`).locator('h4 button');
    await nameButton('Sterk netwerk').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Netwerk', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(lemmaNames).toEqual(['strengths:Netwerk']);
    await expect.poll(focus).toMatchObject({ text: 'Netwerk', card: 'lemma-Netwerk' });

    // Split: Tab to the first item's box, Space ticks it, type the new name, Enter splits; the
    // focus goes to the name of the card that was split.
    await page.keyboard.press('Tab'); // the fold toggle
    await page.keyboard.press('Tab'); // the first item's check box
    await page.keyboard.press('Space');
    const splitName = page.getByTestId('lemma-Netwerk').getByLabel(/Naam van het nieuwe lemma/);
    await splitName.waitFor();
    await splitName.focus();
    await page.keyboard.type('Besturen', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(lemmaNames).toEqual(['strengths:Besturen', 'strengths:Netwerk']);
    await expect.poll(focus).toMatchObject({ text: 'Netwerk', card: 'lemma-Netwerk' });

    // Merge: choose in the list (nothing happens), Tab to the button, Enter; the focus goes to
    // the lemma merged into. Ctrl+Z undoes it.
    await page.getByTestId('lemma-Besturen').getByLabel('Samenvoegen met').focus();
    await page.keyboard.press('ArrowDown');
    expect(await lemmaNames()).toEqual(['strengths:Besturen', 'strengths:Netwerk']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(lemmaNames).toEqual(['strengths:Netwerk']);
    await expect.poll(focus).toMatchObject({ text: 'Netwerk', card: 'lemma-Netwerk' });
    await page.keyboard.press('Control+z');
    await expect.poll(lemmaNames).toEqual(['strengths:Besturen', 'strengths:Netwerk']);
    await page.getByTestId('quadrant-strengths').getByTestId('lemma-Besturen').waitFor();
    expect((await focus()).onBody).toBe(false);

    // Move to another quadrant: choose, Tab, Enter; the focus follows the card to its new place.
    await page.getByTestId('lemma-Besturen').getByLabel('Kwadrant').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(lemmaNames).toEqual(['strengths:Netwerk', 'weaknesses:Besturen']);
    await expect
      .poll(focus)
      .toMatchObject({ text: 'Besturen', card: 'lemma-Besturen', quadrant: 'quadrant-weaknesses' });
    // The toast's button, reached by key, undoes it.
    await page.getByTestId('undo-toast').getByRole('button', { name: 'Ongedaan maken' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(lemmaNames).toEqual(['strengths:Besturen', 'strengths:Netwerk']);
    await page.getByTestId('quadrant-strengths').getByTestId('lemma-Besturen').waitFor();

    // Delete: the confirmation takes the focus, Enter deletes, the focus goes to the card beside it.
    await page.getByTestId('lemma-Besturen').getByRole('button', { name: 'Verwijderen' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focus).toMatchObject({ text: 'Ja, verwijderen' });
    await page.keyboard.press('Enter');
    await expect.poll(lemmaNames).toEqual(['strengths:Netwerk']);
    await expect
      .poll(focus)
      .toMatchObject({ text: 'Netwerk', card: 'lemma-Netwerk', quadrant: 'quadrant-strengths', onBody: false });
    await screenshot(page, 'keyboard-walk-board');

    // After a reload, Ctrl+Z still undoes the delete (written back through the store).
    await page.reload();
    await page.getByTestId('cluster-board').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(lemmaNames).toEqual(['strengths:Besturen', 'strengths:Netwerk']);
    await page.getByTestId('lemma-Besturen').waitFor();

    // The team SWOT: five lemmas typed in one go; after the fifth the focus stays in the quadrant.
    await page.getByRole('tab', { name: 'SWOT van het team' }).focus();
    await page.keyboard.press('Enter');
    const team = page.getByTestId('team-strengths');
    await team.getByRole('textbox').focus();
    await page.keyboard.type('Netwerk\nAanbod op maat\nExpertise\nBereik\nBetrokken personeel\n', { delay: 0 });
    await team.getByText('Compleet: vijf lemma’s.').waitFor();
    await expect.poll(focus).toMatchObject({ area: 'team-strengths' });
    expect(ctx.pageErrors).toEqual([]);

    async function itemId(text: string): Promise<string> {
      return (await board()).items.find((item) => item.text === text)?.id ?? '';
    }
  });
});
