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
});
