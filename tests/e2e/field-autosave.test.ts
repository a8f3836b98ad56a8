import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// One autosave mechanism: text typed in the last moment before a reload, or in a field that
// leaves the screen while its save waits, is stored all the same.
describe('Autosave keeps the last keystrokes (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-autosave-' });

  async function openConversation() {
    const seeded = await seedFieldwork(ctx.app.services);
    const conversationId = seeded.conversations[0] as string;
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    const url = `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`;
    await ctx.page.goto(url);
    return { seeded, conversationId, url };
  }
  const freeNote = async (conversationId: string) => {
    const detail = await ctx.call('conversations.get', { conversationId });
    return detail.notes.find((note) => note.guiding_question_id === null)?.text ?? '';
  };

  it('keeps a note typed right before a reload', async () => {
    const { conversationId } = await openConversation();
    const field = ctx.page.getByTestId('note-free');
    await field.click();
    await ctx.page.keyboard.type('Het team werkt met een wachtlijst van drie maanden.', { delay: 0 });
    // Reload at once (well within 100 ms of the last key): nothing has been saved yet.
    await ctx.page.reload();
    await ctx.page.getByTestId('note-free').waitFor();
    await expect.poll(() => freeNote(conversationId)).toBe('Het team werkt met een wachtlijst van drie maanden.');
    await expect
      .poll(() => ctx.page.getByTestId('note-free').inputValue())
      .toBe('Het team werkt met een wachtlijst van drie maanden.');
  });

  it('keeps a preparation note typed right before a reload', async () => {
    const { seeded } = await openConversation();
    const visitId = seeded.visits[0] as string;
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${visitId}`);
    await ctx.page.getByTestId('preparation-notes').click();
    await ctx.page.keyboard.type('Vragen over de wachtlijst voorbereiden.', { delay: 0 });
    await ctx.page.reload();
    const stored = async () =>
      (await ctx.call('visit.get', { visitId })).preparation.find((note) => note.author_id === seeded.members[0])?.text;
    await expect.poll(stored).toBe('Vragen over de wachtlijst voorbereiden.');
    await expect
      .poll(() => ctx.page.getByTestId('preparation-notes').inputValue())
      .toBe('Vragen over de wachtlijst voorbereiden.');
  });

  it('keeps participant counts typed right before a reload', async () => {
    const { conversationId } = await openConversation();
    const detail = await ctx.call('conversations.get', { conversationId });
    const [first, second] = detail.stakeholderCategories;
    if (!first || !second) throw new Error('the campaign template has fewer than two stakeholder categories');
    await ctx.page.getByLabel(first.name ?? '', { exact: true }).click();
    await ctx.page.keyboard.type('4', { delay: 0 });
    await ctx.page.keyboard.press('Tab');
    await ctx.page.keyboard.type('12', { delay: 0 });
    await ctx.page.reload();
    await expect
      .poll(async () => (await ctx.call('conversations.get', { conversationId })).conversation.participant_counts)
      .toEqual({ [first.id]: 4, [second.id]: 12 });
    await expect.poll(() => ctx.page.getByTestId('participants-total').textContent()).toBe('16');
  });

  it('keeps a captured item edited in place right before a reload', async () => {
    const { conversationId } = await openConversation();
    const item = await ctx.call('swot.items.add', { conversationId, quadrant: 'strengths', text: 'Goede opvang' });
    const chip = ctx.page.locator(`[data-capture-item="${item.id}"]`);
    await chip.getByText('Goede opvang').waitFor();
    await chip.focus();
    await ctx.page.keyboard.press('F2');
    await ctx.page.keyboard.press('End');
    await ctx.page.keyboard.type(' van nieuwkomers', { delay: 0 });
    await ctx.page.reload();
    const stored = async () =>
      (await ctx.call('swot.capture', { conversationId })).items.find((one) => one.id === item.id)?.text;
    await expect.poll(stored).toBe('Goede opvang van nieuwkomers');
    await ctx.page.locator(`[data-capture-item="${item.id}"]`).getByText('Goede opvang van nieuwkomers').waitFor();
  });

  it('keeps a lemma narrative typed right before a reload', async () => {
    const { seeded } = await openConversation();
    const items = await Promise.all(
      seeded.conversations.map((conversationId) =>
        ctx.call('swot.items.add', { conversationId, quadrant: 'threats', text: 'Lange wachtlijsten' }),
      ),
    );
    const scope = { campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId };
    const lemma = await ctx.call('swot.lemmas.create', {
      ...scope,
      quadrant: 'threats',
      name: 'Wachtlijsten',
      itemIds: items.map((item) => item.id),
    });
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    const field = ctx.page.getByTestId('lemma-Wachtlijsten').getByLabel('Toelichting');
    await field.click();
    await ctx.page.keyboard.type('Wachttijden tot drie maanden.', { delay: 0 });
    await ctx.page.reload();
    const stored = async () =>
      (await ctx.call('swot.board', scope)).lemmas.find((one) => one.id === lemma.id)?.narrative;
    await expect.poll(stored).toBe('Wachttijden tot drie maanden.');
    await expect
      .poll(() => ctx.page.getByTestId('lemma-Wachtlijsten').getByLabel('Toelichting').inputValue())
      .toBe('Wachttijden tot drie maanden.');
  });

  it('keeps a lemma narrative whose card leaves the screen while its save waits', async () => {
    const { seeded } = await openConversation();
    const items = await Promise.all(
      seeded.conversations.map((conversationId) =>
        ctx.call('swot.items.add', { conversationId, quadrant: 'threats', text: 'Lange wachtlijsten' }),
      ),
    );
    const lemma = await ctx.call('swot.lemmas.create', {
      campaignId: seeded.campaignId,
      sectorId: seeded.sectorId,
      groupId: seeded.groupId,
      quadrant: 'threats',
      name: 'Wachtlijsten',
      itemIds: items.map((item) => item.id),
    });
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
    const card = ctx.page.getByTestId('quadrant-threats').locator('[data-lemma-id]').first();
    await card.getByLabel('Toelichting').click();
    await ctx.page.keyboard.type('Wachttijden tot drie maanden.', { delay: 0 });
    // Leave the board at once: the card unmounts with its save still waiting.
    await ctx.page.getByRole('link', { name: /Planning/ }).click();
    await ctx.page.getByRole('heading', { level: 1, name: /Planning/ }).waitFor();
    await expect
      .poll(
        async () =>
          (
            await ctx.call('swot.board', {
              campaignId: seeded.campaignId,
              sectorId: seeded.sectorId,
              groupId: seeded.groupId,
            })
          ).lemmas.find((one) => one.id === lemma.id)?.narrative,
      )
      .toBe('Wachttijden tot drie maanden.');
  });

  it('keeps a good practice typed but not yet added across a reload, and clears it once added', async () => {
    const { seeded } = await openConversation();
    const visitId = seeded.visits[0] as string;
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${visitId}`);
    const box = () => ctx.page.getByLabel('Nieuwe goede praktijk');
    await box().click();
    await ctx.page.keyboard.type('Buddy’s voor nieuwe cursisten', { delay: 0 });
    await ctx.page.reload();
    await expect.poll(() => box().inputValue()).toBe('Buddy’s voor nieuwe cursisten');
    await ctx.page.getByRole('button', { name: 'Toevoegen' }).last().click();
    await expect
      .poll(async () => (await ctx.call('visit.get', { visitId })).goodPractices.map((practice) => practice.text))
      .toEqual(['Buddy’s voor nieuwe cursisten']);
    await expect.poll(() => box().inputValue()).toBe('');
    await ctx.page.reload();
    await box().waitFor();
    expect(await box().inputValue()).toBe('');
  });

  it('keeps the journal sealed: what was typed is never in local storage as plain text', async () => {
    const { seeded } = await openConversation();
    const visitId = seeded.visits[0] as string;
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${visitId}`);
    const box = () => ctx.page.getByLabel('Nieuwe goede praktijk');
    const canary = 'Kanarie-zin: de directeur noemt de schepen onbekwaam';
    await box().click();
    await ctx.page.keyboard.type(canary, { delay: 0 });
    const stored = () =>
      ctx.page.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('veldwerk.draft.') || key.startsWith('veldwerk.entries.'))
          .map((key) => localStorage.getItem(key) ?? ''),
      );
    await expect.poll(async () => (await stored()).length).toBeGreaterThan(0);
    for (const value of await stored()) {
      expect(value.startsWith('vws1:')).toBe(true);
      expect(value).not.toContain('Kanarie');
    }
    // Sealed, it still comes back after a reload (the key comes from the unlocked profile).
    await ctx.page.reload();
    await expect.poll(() => box().inputValue()).toBe(canary);
  });
});
