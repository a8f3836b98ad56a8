import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// Retiring outside the SWOT board acts only on an explicit confirmation and can be taken back
// with the same undo as the board: the toast's "Ongedaan maken", or Ctrl+Z after a reload.
describe('Undo of a retire in the set-up and visit screens (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-retire-undo-', viewport: { width: 1366, height: 768 } });
  const focusedText = () => ctx.page.evaluate(() => document.activeElement?.textContent ?? '');

  it('asks before retiring an organisation, and undoes it with Ctrl+Z after a reload', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const retired = async () =>
      (await ctx.call('setup.get', { campaignId: seeded.campaignId })).organisations
        .filter((organisation) => organisation.deleted)
        .map((organisation) => organisation.name);
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/setup/organisations`);
    const retire = ctx.page.getByRole('button', { name: '„Integratiecentrum De Brug” buiten gebruik stellen' });
    await retire.click();
    // The question takes the focus; Escape changes nothing and gives the focus back.
    await expect.poll(focusedText).toBe('Ja, buiten gebruik');
    await ctx.page.keyboard.press('Escape');
    await expect.poll(focusedText).toBe('Buiten gebruik');
    expect(await retired()).toEqual([]);

    await retire.click();
    await ctx.page.getByRole('button', { name: 'Ja, buiten gebruik' }).click();
    await expect.poll(retired).toEqual(['Integratiecentrum De Brug']);
    const toast = ctx.page.getByTestId('undo-toast');
    await toast.getByText('„Integratiecentrum De Brug” buiten gebruik gesteld').waitFor();
    await screenshot(ctx.page, 'setup-retire-undo-toast');

    await ctx.page.reload();
    await ctx.page.getByRole('button', { name: '„Agentschap Integratie Gent” buiten gebruik stellen' }).waitFor();
    await ctx.page.locator('body').click({ position: { x: 5, y: 5 } });
    await ctx.page.keyboard.press('Control+z');
    await expect.poll(retired).toEqual([]);
    await ctx.page.getByRole('button', { name: '„Integratiecentrum De Brug” buiten gebruik stellen' }).waitFor();
    await toast.getByText('Ongedaan gemaakt: „Integratiecentrum De Brug” buiten gebruik gesteld').waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });

  it('undoes retiring a team member, a list item and a good practice from the toast', async () => {
    // Bart leads the team: team members are the lead's to retire (services/setup/member-rights.ts).
    const seeded = await seedFieldwork(ctx.app.services, { identity: 1 });
    const visitId = seeded.visits[0] as string;
    await ctx.call('goodPractices.add', { visitId, text: 'Buddywerking met vrijwilligers uit de buurt' });
    const setup = () => ctx.call('setup.get', { campaignId: seeded.campaignId });
    const toast = ctx.page.getByTestId('undo-toast');
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();

    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/setup/team`);
    await ctx.page.getByRole('button', { name: '„Anna Peeters” buiten gebruik stellen' }).click();
    await ctx.page.getByRole('button', { name: 'Ja, buiten gebruik' }).click();
    await expect.poll(async () => (await setup()).members.find((m) => m.name === 'Anna Peeters')?.deleted).toBe(true);
    await toast.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(async () => (await setup()).members.find((m) => m.name === 'Anna Peeters')?.deleted).toBe(false);

    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/setup/lists`);
    await ctx.page.getByRole('button', { name: '„Gent” buiten gebruik stellen' }).click();
    await ctx.page.getByRole('button', { name: 'Ja, buiten gebruik' }).click();
    await expect.poll(async () => (await setup()).regions.find((r) => r.name === 'Gent')?.deleted).toBe(true);
    await toast.getByText('„Gent” buiten gebruik gesteld').waitFor();
    await toast.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(async () => (await setup()).regions.find((r) => r.name === 'Gent')?.deleted).toBe(false);

    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/visits/${visitId}`);
    const practices = ctx.page.getByRole('region', { name: 'Goede praktijken' });
    await practices.getByRole('button', { name: 'Goede praktijk 1 buiten gebruik stellen' }).click();
    await practices.getByRole('button', { name: 'Ja, buiten gebruik' }).click();
    const practiceCount = async () => (await ctx.call('visit.get', { visitId })).goodPractices.length;
    await expect.poll(practiceCount).toBe(0);
    await toast.getByText('„Buddywerking met vrijwilligers uit de buurt” buiten gebruik gesteld').waitFor();
    await toast.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(practiceCount).toBe(1);
    await practices.getByText('Buddywerking met vrijwilligers uit de buurt').waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });
});
