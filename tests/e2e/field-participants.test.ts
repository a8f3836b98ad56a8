import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// One wrong participant count (−1) blocked saving every count without saying which: each field
// is now checked on its own, says what is wrong, and the valid counts are saved.
describe('Participants are validated per field (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-participants-' });

  it('saves the valid counts, names the wrong one, and the total counts only valid numbers', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const conversationId = seeded.conversations[0] as string;
    const detail = await ctx.call('conversations.get', { conversationId });
    const [first, second] = detail.stakeholderCategories;
    if (!first || !second) throw new Error('the campaign template has fewer than two stakeholder categories');
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(
      `${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${seeded.visits[0]}/conversations/${conversationId}`,
    );
    await ctx.page.getByLabel(first.name ?? '', { exact: true }).fill('3');
    await ctx.page.getByLabel(second.name ?? '', { exact: true }).fill('-1');
    await ctx.page.getByLabel(second.name ?? '', { exact: true }).blur();
    await ctx.page
      .getByTestId(`count-error-${second.name}`)
      .getByText(`${second.name}: Een aantal kan niet negatief zijn.`, { exact: false })
      .waitFor();
    await expect
      .poll(async () => (await ctx.call('conversations.get', { conversationId })).conversation.participant_counts)
      .toEqual({ [first.id]: 3 });
    expect(await ctx.page.getByTestId('participants-total').textContent()).toBe('3');
  });
});
