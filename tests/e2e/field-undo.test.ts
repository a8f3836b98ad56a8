import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork, type SeededCampaign } from '../support/seed';

// Nothing acts before the user means it, everything structural can be undone (toast and
// Ctrl+Z, also after a reload), and the focus stays on what the user acted on.
describe('Undo, confirm and focus on the SWOT screens (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-undo-', viewport: { width: 1366, height: 768 } });

  async function seedBoard(): Promise<SeededCampaign & { lemmas: Record<string, string> }> {
    const seeded = await seedFieldwork(ctx.app.services);
    const [c1, c2] = seeded.conversations as [string, string];
    const n1 = await ctx.call('swot.items.add', { conversationId: c1, quadrant: 'strengths', text: 'Sterk netwerk' });
    const n2 = await ctx.call('swot.items.add', {
      conversationId: c2,
      quadrant: 'strengths',
      text: 'Netwerk met besturen',
    });
    const e1 = await ctx.call('swot.items.add', { conversationId: c1, quadrant: 'strengths', text: 'Ervaren team' });
    await ctx.call('swot.items.add', { conversationId: c2, quadrant: 'strengths', text: 'Los item' });
    const scope = { campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId };
    const network = await ctx.call('swot.lemmas.create', {
      ...scope,
      quadrant: 'strengths',
      name: 'Netwerk',
      itemIds: [n1.id, n2.id],
    });
    const team = await ctx.call('swot.lemmas.create', {
      ...scope,
      quadrant: 'strengths',
      name: 'Team',
      itemIds: [e1.id],
    });
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    await ctx.page.getByTestId('cluster-board').waitFor();
    return { ...seeded, lemmas: { network: network.id, team: team.id } };
  }
  const lemmaNames = async (seeded: SeededCampaign) =>
    (
      await ctx.call('swot.board', {
        campaignId: seeded.campaignId,
        sectorId: seeded.sectorId,
        groupId: seeded.groupId,
      })
    ).lemmas
      .map((lemma) => lemma.name)
      .sort();
  const card = (name: string) => ctx.page.getByTestId(`lemma-${name}`);

  it('merges only on the button, undoes from the toast, and undoes with Ctrl+Z after a reload', async () => {
    const seeded = await seedBoard();
    const merge = card('Team').getByLabel('Samenvoegen met');
    await merge.focus();
    await ctx.page.keyboard.press('ArrowDown');
    // Choosing in the list changes nothing yet.
    expect(await lemmaNames(seeded)).toEqual(['Netwerk', 'Team']);
    await card('Team').getByRole('button', { name: 'Samenvoegen' }).click();
    await expect.poll(() => lemmaNames(seeded)).toEqual(['Netwerk']);
    const toast = ctx.page.getByTestId('undo-toast');
    await toast.getByText('Lemma „Team” samengevoegd').waitFor();
    await screenshot(ctx.page, 'swot-undo-toast');
    await toast.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => lemmaNames(seeded)).toEqual(['Netwerk', 'Team']);
    await card('Team').waitFor();

    // Again, then reload and undo with the keyboard. The store commits the merge before its answer,
    // which carries the inverse writes, reaches the page: hold that answer (a loaded machine) to
    // prove the undo is on the stack only once the toast says so, and that it outlives a reload.
    let release = () => {};
    const answered = new Promise<void>((resolve) => (release = resolve));
    await ctx.page.route('**/api/invoke', async (route) => {
      if (!route.request().postData()?.includes('"swot.lemmas.merge"')) return route.continue();
      const response = await route.fetch();
      await answered;
      return route.fulfill({ response });
    });
    await card('Team').getByLabel('Samenvoegen met').selectOption({ label: 'Netwerk' });
    await card('Team').getByRole('button', { name: 'Samenvoegen' }).click();
    await expect.poll(() => lemmaNames(seeded)).toEqual(['Netwerk']);
    expect(await toast.getByText('Lemma „Team” samengevoegd', { exact: true }).count()).toBe(0);
    release();
    await toast.getByText('Lemma „Team” samengevoegd', { exact: true }).waitFor();
    await ctx.page.unroute('**/api/invoke');
    // The stack outlives the reload in session storage, sealed: the lemma's name is not readable there.
    const kept = await ctx.page.evaluate(() => sessionStorage.getItem('veldwerk.undo') ?? '');
    expect(kept.startsWith('vws1:')).toBe(true);
    expect(kept).not.toContain('Team');
    await ctx.page.reload();
    await ctx.page.getByTestId('cluster-board').waitFor();
    // Nothing is clicked after the reload: the focus is on the page itself, as after any reload.
    await toast.getByText('Lemma „Team” samengevoegd', { exact: true }).waitFor();
    await ctx.page.keyboard.press('Control+z');
    await expect.poll(() => lemmaNames(seeded)).toEqual(['Netwerk', 'Team']);
    await card('Team').waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });

  it('deletes a lemma only after confirming, and moves across quadrants only on the button', async () => {
    const seeded = await seedBoard();
    await card('Team').getByRole('button', { name: 'Verwijderen' }).click();
    expect(await lemmaNames(seeded)).toEqual(['Netwerk', 'Team']);
    // The confirmation takes the focus; Enter confirms.
    await expect.poll(() => ctx.page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, verwijderen');
    await ctx.page.keyboard.press('Enter');
    await expect.poll(() => lemmaNames(seeded)).toEqual(['Netwerk']);
    await ctx.page.getByTestId('undo-toast').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => lemmaNames(seeded)).toEqual(['Netwerk', 'Team']);

    const move = card('Team').getByLabel('Kwadrant');
    await move.selectOption({ label: 'Zwaktes' });
    expect(
      (
        await ctx.call('swot.board', {
          campaignId: seeded.campaignId,
          sectorId: seeded.sectorId,
          groupId: seeded.groupId,
        })
      ).lemmas.find((one) => one.name === 'Team')?.quadrant,
    ).toBe('strengths');
    await card('Team').getByRole('button', { name: 'Verplaatsen', exact: true }).click();
    await ctx.page.getByTestId('quadrant-weaknesses').getByTestId('lemma-Team').waitFor();
  });

  it('asks before a keyboard drop into another quadrant, and keeps the focus on the item', async () => {
    await seedBoard();
    const handle = ctx.page.locator('[data-item-text="Los item"] [data-item-handle]');
    await handle.focus();
    await ctx.page.keyboard.press('Space');
    // The quadrants are stacked: arrow down until the item hangs over a target of the weaknesses.
    const live = ctx.page.locator('[id^="DndLiveRegion"]');
    for (let step = 0; step < 12; step += 1) {
      const before = await live.textContent();
      if (before?.includes('Zwaktes')) break;
      await ctx.page.keyboard.press('ArrowDown');
      // The announcement follows the move: read it only once it has changed.
      await expect.poll(() => live.textContent()).not.toBe(before);
    }
    expect(await live.textContent()).toContain('Zwaktes');
    await ctx.page.keyboard.press('Space');
    const question = ctx.page.getByTestId('confirm-crossing');
    await question.waitFor();
    await expect.poll(() => ctx.page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, verplaatsen');
    await question.getByRole('button', { name: 'Annuleren' }).click();
    await expect
      .poll(() =>
        ctx.page.evaluate(() => document.activeElement?.closest('[data-item-text]')?.getAttribute('data-item-text')),
      )
      .toBe('Los item');
    expect(await ctx.page.getByTestId('pool-strengths').locator('[data-item-text="Los item"]').count()).toBe(1);
  });

  it('capture: Alt+arrow and Delete keep the focus nearby, Delete is undone, F2 edits in place', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const conversationId = seeded.conversations[0] as string;
    await ctx.call('swot.items.add', { conversationId, quadrant: 'weaknesses', text: 'Weinig personeel' });
    await ctx.call('swot.items.add', { conversationId, quadrant: 'weaknesses', text: 'Oude lokalen' });
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    const texts = async (quadrant: string) =>
      (await ctx.call('swot.capture', { conversationId })).items
        .filter((item) => item.quadrant === quadrant)
        .map((item) => item.text);
    const focused = () =>
      ctx.page.evaluate(
        () =>
          document.activeElement?.closest('[data-testid^="capture-"]')?.getAttribute('data-testid') +
          ':' +
          document.activeElement?.querySelector('span')?.textContent,
      );

    await ctx.page
      .getByTestId('capture-weaknesses')
      .locator('[data-capture-item]')
      .filter({ hasText: 'Weinig personeel' })
      .focus();
    await ctx.page.keyboard.press('Alt+ArrowDown');
    await expect.poll(focused).toBe('capture-threats:Weinig personeel');
    expect(await texts('threats')).toEqual(['Weinig personeel']);

    await ctx.page.keyboard.press('F2');
    await ctx.page.keyboard.press('End');
    await ctx.page.keyboard.type(' in de zomer', { delay: 0 });
    await ctx.page.keyboard.press('Enter');
    await expect.poll(() => texts('threats')).toEqual(['Weinig personeel in de zomer']);
    await expect.poll(focused).toBe('capture-threats:Weinig personeel in de zomer');

    await ctx.page
      .getByTestId('capture-weaknesses')
      .locator('[data-capture-item]')
      .filter({ hasText: 'Oude lokalen' })
      .focus();
    await ctx.page.keyboard.press('Delete');
    await expect.poll(() => texts('weaknesses')).toEqual([]);
    await ctx.page.getByTestId('undo-toast').getByText('Item „Oude lokalen” verwijderd').waitFor();
    await ctx.page.getByTestId('undo-toast').getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => texts('weaknesses')).toEqual(['Oude lokalen']);
    await ctx.page.getByTestId('capture-weaknesses').getByText('Oude lokalen').waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });

  it('capture: a moved item keeps the focus while an earlier edit’s answer is still on its way', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const conversationId = seeded.conversations[0] as string;
    await ctx.call('swot.items.add', { conversationId, quadrant: 'strengths', text: 'Goede opvang' });
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    const quadrantOf = async () => (await ctx.call('swot.capture', { conversationId })).items[0]?.quadrant;
    const focusedArea = () =>
      ctx.page.evaluate(
        () => document.activeElement?.closest('[data-testid^="capture-"]')?.getAttribute('data-testid') ?? null,
      );
    // The edit's answer reaches the page late (a loaded machine), after the user has moved the item on,
    // and before the list shows the move: hold the edit's answer, then the list's reads.
    let releaseEdit = () => {};
    const editAnswered = new Promise<void>((resolve) => (releaseEdit = resolve));
    let editDelivered = () => {};
    const editDone = new Promise<void>((resolve) => (editDelivered = resolve));
    let holdReads = false;
    let releaseReads = () => {};
    const readsAnswered = new Promise<void>((resolve) => (releaseReads = resolve));
    await ctx.page.route('**/api/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      const edit = body.includes('"swot.items.update"') && body.includes('"text"');
      const read = holdReads && body.includes('"swot.capture"');
      if (!edit && !read) return route.continue();
      const response = await route.fetch();
      await (edit ? editAnswered : readsAnswered);
      await route.fulfill({ response });
      if (edit) editDelivered();
    });
    const item = ctx.page.getByTestId('capture-strengths').locator('[data-capture-item]').filter({ hasText: 'Goede' });
    await item.focus();
    await ctx.page.keyboard.press('F2');
    await ctx.page.keyboard.press('End');
    await ctx.page.keyboard.type(' voor nieuwkomers', { delay: 0 });
    await ctx.page.keyboard.press('Enter');
    await expect
      .poll(async () => (await ctx.call('swot.capture', { conversationId })).items[0]?.text)
      .toBe('Goede opvang voor nieuwkomers');
    await expect.poll(focusedArea).toBe('capture-strengths');
    holdReads = true;
    await ctx.page.keyboard.press('Alt+ArrowRight');
    await expect.poll(quadrantOf).toBe('weaknesses');
    releaseEdit();
    await editDone;
    // Let the page handle the edit's answer before the list shows the move.
    await ctx.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    holdReads = false;
    releaseReads();
    await ctx.page.getByTestId('capture-weaknesses').locator('[data-capture-item]').waitFor();
    await expect.poll(focusedArea).toBe('capture-weaknesses');
    await ctx.page.unroute('**/api/invoke');
    expect(ctx.pageErrors).toEqual([]);
  });

  it('opens the shortcut sheet with ? and gives the focus back on Escape', async () => {
    await seedBoard();
    const handle = ctx.page.locator('[data-item-text="Los item"] [data-item-handle]');
    await handle.focus();
    await ctx.page.keyboard.press('?');
    const sheet = ctx.page.getByTestId('shortcut-sheet');
    await sheet.getByRole('heading', { name: 'Sneltoetsen' }).waitFor();
    expect(await sheet.textContent()).toContain('Alt + pijltjestoets');
    await screenshot(ctx.page, 'shortcut-sheet');
    await ctx.page.keyboard.press('Escape');
    await expect.poll(() => sheet.isVisible()).toBe(false);
    await expect
      .poll(() =>
        ctx.page.evaluate(() => document.activeElement?.closest('[data-item-text]')?.getAttribute('data-item-text')),
      )
      .toBe('Los item');
  });

  it('removes a team lemma only after confirming, keeps the focus in its quadrant and undoes it', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    await ctx.page.getByRole('tab', { name: 'SWOT van het team' }).click();
    const strengths = ctx.page.getByTestId('team-strengths');
    await strengths.getByRole('textbox').click();
    await ctx.page.keyboard.type('Netwerk\nExpertise\n', { delay: 0 });
    const names = async () =>
      (await ctx.call('swot.team', { campaignId: seeded.campaignId, sectorId: seeded.sectorId })).lemmas.strengths.map(
        (lemma) => lemma.name,
      );
    await expect.poll(names).toEqual(['Expertise', 'Netwerk']);
    await strengths.getByRole('button', { name: 'Lemma „Netwerk” verwijderen' }).click();
    // Only asked: nothing is removed before "Ja, verwijderen".
    const yes = strengths.getByRole('button', { name: 'Ja, verwijderen' });
    await expect.poll(() => yes.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await names()).toEqual(['Expertise', 'Netwerk']);
    await ctx.page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Expertise']);
    await expect
      .poll(() =>
        ctx.page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid')),
      )
      .toBe('team-strengths');
    const toast = ctx.page.getByTestId('undo-toast');
    await toast.getByText('Lemma „Netwerk” verwijderd').waitFor();
    await ctx.page.keyboard.press('Control+z');
    await expect.poll(names).toEqual(['Expertise', 'Netwerk']);
    await toast.getByText('Ongedaan gemaakt: Lemma „Netwerk” verwijderd').waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });
});
