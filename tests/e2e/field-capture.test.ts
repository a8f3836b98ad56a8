import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// Input is never lost: SWOT items typed at full speed (no pause between keys, Enter and on at
// once) are stored exactly as typed, in order; items typed before choosing "Ik ben" are kept
// and stored once a name is chosen; the focus moves to the picker only once the user pauses,
// and keys typed on there go back to the field instead of choosing a name.
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

  it('puts the focus on the picker once the user pauses before "Ik ben"; keys typed on at 0 ms choose no name', async () => {
    const seeded = await seedFieldwork(ctx.app.services, { identity: null });
    const conversationId = seeded.conversations[0] as string;
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    const capture = ctx.page.getByTestId('capture-threats');
    const input = capture.getByRole('textbox');
    const focused = () => ctx.page.evaluate(() => document.activeElement?.id ?? '');
    const picker = ctx.page.locator('#identity-picker');
    await input.click();
    const inputId = await input.getAttribute('id');
    const first = ['Minder subsidies', 'Nieuwe regelgeving'];
    await ctx.page.keyboard.type(first.map((text) => `${text}\n`).join(''), { delay: 0 });
    // The refusal arrives: the screen says what to do.
    const notice = ctx.page.getByTestId('identity-notice');
    await notice.getByText('Kies eerst wie je bent').waitFor();
    // Typing straight on (no pause): every key stays in the field.
    const second = ['Concurrentie van privé-aanbieders', 'Wachtlijsten elders'];
    await ctx.page.keyboard.type(second.map((text) => `${text}\n`).join(''), { delay: 0 });
    expect(await focused()).toBe(inputId);
    // The inspector pauses: the focus moves to the picker, whose hint says what to do.
    await expect.poll(focused, { timeout: 5_000 }).toBe('identity-picker');
    expect(await picker.getAttribute('aria-describedby')).toBe('identity-picker-hint');
    // … and types on at 0 ms. "B" would pick Bart by type-ahead and Enter would confirm him:
    // instead the keys go back to the field, "Bart" becomes an item, and no name is chosen.
    await ctx.page.keyboard.type('Bart\nOnzeker', { delay: 0 });
    expect(await focused()).toBe(inputId);
    expect(await input.inputValue()).toBe('Onzeker');
    expect(await picker.inputValue()).toBe('');
    expect(await ctx.page.getByRole('button', { name: 'Dit ben ik' }).count()).toBe(0);
    await expect
      .poll(() => capture.locator('[data-pending-entry="held"]').allTextContents())
      .toEqual([...first, ...second, 'Bart'].map((text) => `${text}wacht op je naam`));
    await screenshot(ctx.page, 'field-capture-held-entries');
    expect(await ctx.call('identity.get', { campaignId: seeded.campaignId })).toMatchObject({ memberId: null });
    expect(await storedTexts(conversationId, 'threats')).toEqual([]);
    // Only once per notice: a second pause leaves the focus in the field.
    await ctx.page.waitForTimeout(1_500);
    expect(await focused()).toBe(inputId);
    // Chosen on purpose (the notice's button, an arrow key, Enter): everything is stored, in order.
    await notice.getByRole('button', { name: 'Naam kiezen' }).click();
    expect(await focused()).toBe('identity-picker');
    await ctx.page.keyboard.press('ArrowDown');
    await ctx.page.keyboard.press('Enter');
    await expect
      .poll(async () => (await ctx.call('identity.get', { campaignId: seeded.campaignId })).memberId)
      .not.toBeNull();
    await input.press('Enter');
    await expect
      .poll(() => storedTexts(conversationId, 'threats'), { timeout: 15_000 })
      .toEqual([...first, ...second, 'Bart', 'Onzeker']);
    await expect.poll(() => notice.count()).toBe(0);
    const identity = await ctx.call('identity.get', { campaignId: seeded.campaignId });
    const chosen = identity.members.find((member) => member.id === identity.memberId)?.name;
    const items = await ctx.call('swot.capture', { conversationId });
    expect(new Set(items.items.map((item) => item.authorName))).toEqual(new Set([chosen]));
    expect(ctx.pageErrors).toEqual([]);
  });

  it('keeps items typed before "Ik ben" across a reload and stores them once a name is chosen', async () => {
    const seeded = await seedFieldwork(ctx.app.services, { identity: null });
    const conversationId = seeded.conversations[0] as string;
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    const capture = ctx.page.getByTestId('capture-opportunities');
    await capture.getByRole('textbox').click();
    const typed = ['Nieuwe partners', 'Subsidie voor taalcoaches', 'Digitale lessen'];
    await ctx.page.keyboard.type(typed.map((text) => `${text}\n`).join(''), { delay: 0 });
    const held = () => capture.locator('[data-pending-entry="held"]').allTextContents();
    await expect.poll(held).toEqual(typed.map((text) => `${text}wacht op je naam`));

    await ctx.page.reload();
    // Back after the reload: the same items, in order, still waiting, and the screen says why.
    await expect.poll(held).toEqual(typed.map((text) => `${text}wacht op je naam`));
    await ctx.page.getByTestId('identity-notice').getByText('Kies eerst wie je bent').waitFor();
    expect(await storedTexts(conversationId, 'opportunities')).toEqual([]);

    await ctx.page.getByTestId('identity-notice').getByRole('button', { name: 'Naam kiezen' }).click();
    await ctx.page.locator('#identity-picker').selectOption({ label: 'Anna Peeters' });
    await ctx.page.getByRole('button', { name: 'Dit ben ik' }).click();
    await expect.poll(() => storedTexts(conversationId, 'opportunities'), { timeout: 15_000 }).toEqual(typed);
    await expect
      .poll(() => capture.locator('[data-capture-item]').allTextContents())
      .toEqual(typed.map((text) => `${text}Anna Peeters`));
    // Stored once: another reload brings nothing back to save again.
    await ctx.page.reload();
    await capture.locator('[data-capture-item]').first().waitFor();
    expect(await capture.locator('[data-pending-entry]').count()).toBe(0);
    expect(await storedTexts(conversationId, 'opportunities')).toEqual(typed);
    expect(ctx.pageErrors).toEqual([]);
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

  it('keeps text typed but not yet entered across a reload, in the capture and the team boxes', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const conversationId = seeded.conversations[0] as string;
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    const input = () => ctx.page.getByTestId('capture-strengths').getByRole('textbox');
    await input().click();
    await ctx.page.keyboard.type('Ervaren team\nSterk netw', { delay: 0 });
    // Reload within 100 ms of the last key, before any Enter for the second item.
    await ctx.page.reload();
    await expect.poll(() => input().inputValue()).toBe('Sterk netw');
    // The other boxes keep nothing that was not typed there.
    expect(await ctx.page.getByTestId('capture-weaknesses').getByRole('textbox').inputValue()).toBe('');
    await input().click();
    await ctx.page.keyboard.press('End');
    await ctx.page.keyboard.type('erk\n', { delay: 0 });
    await expect
      .poll(() => storedTexts(conversationId, 'strengths'), { timeout: 15_000 })
      .toEqual(['Ervaren team', 'Sterk netwerk']);
    expect(await input().inputValue()).toBe('');
    // Entered, it is no longer kept: another reload shows an empty box.
    await ctx.page.reload();
    await ctx.page.getByTestId('capture-strengths').locator('[data-capture-item]').first().waitFor();
    expect(await input().inputValue()).toBe('');

    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    await ctx.page.getByRole('tab', { name: 'SWOT van het team' }).click();
    const team = () => ctx.page.getByTestId('team-threats').getByRole('textbox');
    await team().click();
    await ctx.page.keyboard.type('Besparingen bij de over', { delay: 0 });
    await ctx.page.reload();
    await ctx.page.getByRole('tab', { name: 'SWOT van het team' }).click();
    await expect.poll(() => team().inputValue()).toBe('Besparingen bij de over');
    expect(ctx.pageErrors).toEqual([]);
  });
});
