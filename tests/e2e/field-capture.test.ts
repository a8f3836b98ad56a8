import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// Input is never lost: SWOT items typed at full speed (no pause between keys, Enter and on at
// once) are stored exactly as typed, in order; items typed before choosing "Ik ben" are kept
// and stored once a name is chosen.
describe('SWOT capture at any typing speed (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-capture-' });

  const storedTexts = async (conversationId: string, quadrant: string) =>
    (await ctx.call('swot.capture', { conversationId })).items
      .filter((item) => item.quadrant === quadrant)
      .map((item) => item.text);

  it('stores every item typed with 0 ms between keys, exactly and in order', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const conversationId = seeded.conversations[0] as string;
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    const input = ctx.page.getByTestId('capture-strengths').getByRole('textbox');
    await input.click();
    const typed = [
      'Digitale NT2-lessen',
      'Sterk netwerk met lokale besturen',
      'Goede opvang',
      'Ervaren team',
      'Wachtlijst daalt',
    ];
    await ctx.page.keyboard.type(typed.map((text) => `${text}\n`).join(''), { delay: 0 });
    await expect.poll(() => storedTexts(conversationId, 'strengths'), { timeout: 15_000 }).toEqual(typed);
    await expect
      .poll(() => ctx.page.getByTestId('capture-strengths').locator('[data-capture-item]').allTextContents())
      .toEqual(typed.map((text) => `${text}Anna Peeters`));
    expect(await input.inputValue()).toBe('');
    expect(ctx.pageErrors).toEqual([]);
  });

  it('keeps items typed before choosing "Ik ben" and stores them once a name is chosen', async () => {
    const seeded = await seedFieldwork(ctx.app.services, { identity: null });
    const conversationId = seeded.conversations[0] as string;
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    const input = ctx.page.getByTestId('capture-weaknesses').getByRole('textbox');
    await input.click();
    await ctx.page.keyboard.type('Weinig personeel\nOude lokalen\n', { delay: 0 });
    // The screen says what to do and puts the focus on the picker; the input is empty again.
    await ctx.page.getByTestId('capture-weaknesses').getByText('Kies eerst wie je bent').first().waitFor();
    // (after a short pause, so keys typed at full speed are never sent to the picker)
    await expect
      .poll(() => ctx.page.evaluate(() => document.activeElement?.id), { timeout: 10_000 })
      .toBe('identity-picker');
    expect(await input.inputValue()).toBe('');
    expect(await storedTexts(conversationId, 'weaknesses')).toEqual([]);
    await ctx.page.locator('#identity-picker').selectOption({ label: 'Bart Claes' });
    await expect
      .poll(() => storedTexts(conversationId, 'weaknesses'), { timeout: 15_000 })
      .toEqual(['Weinig personeel', 'Oude lokalen']);
    const items = await ctx.call('swot.capture', { conversationId });
    expect(new Set(items.items.map((item) => item.authorName))).toEqual(new Set(['Bart Claes']));
  });

  it('stores five team lemmas typed at full speed, and focus stays in the quadrant', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    await ctx.page.getByRole('tab', { name: 'SWOT van het team' }).click();
    const strengths = ctx.page.getByTestId('team-strengths');
    await strengths.getByRole('textbox').click();
    const names = ['Netwerk', 'Aanbod op maat', 'Expertise', 'Bereik', 'Betrokken personeel'];
    await ctx.page.keyboard.type(names.map((name) => `${name}\n`).join(''), { delay: 0 });
    await strengths.getByText('Compleet: vijf lemma’s.').waitFor();
    const team = await ctx.call('swot.team', { campaignId: seeded.campaignId, sectorId: seeded.sectorId });
    expect(team.lemmas.strengths.map((lemma) => lemma.name)).toEqual(
      [...names].sort((a, b) => a.localeCompare(b, 'nl')),
    );
    expect(
      await ctx.page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid')),
    ).toBe('team-strengths');
  });
});
