import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

// Adding a team member who is already on the team (same name and e-mail) warns and offers the
// existing member; a second one is made only when the user says it is another person.
describe('a team member added twice (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-members-', viewport: { width: 1366, height: 768 } });

  it('warns, offers the existing member and adds a second one only when asked', async () => {
    const campaign = await ctx.call('campaigns.create', { name: 'Team', workingYear: '2025-2026' });
    await ctx.call('members.add', {
      campaignId: campaign.id,
      name: 'Anna Peeters',
      email: 'anna@inspectie.be',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    const members = () => ctx.app.services.profile.store.list('members', { campaign_id: campaign.id });
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${campaign.id}/setup/team`);
    const form = ctx.page.locator('form', { has: ctx.page.getByRole('heading', { name: 'Teamlid toevoegen' }) });
    const add = async () => {
      await form.getByLabel('Naam').fill('anna peeters');
      await form.getByLabel('E-mailadres (niet verplicht)').fill('Anna@inspectie.be');
      await form.getByRole('button', { name: 'Teamlid toevoegen' }).click();
    };
    await add();
    const warning = ctx.page.getByTestId('member-duplicate');
    await warning
      .getByText('Er is al een teamlid „Anna Peeters” (anna@inspectie.be). Is dat dezelfde persoon?')
      .waitFor();
    await screenshot(ctx.page, 'setup-member-duplicate-1366-nl');
    expect(members()).toHaveLength(1);

    // Offered: the existing member opens in the form, nothing is added.
    await warning.getByRole('button', { name: '„Anna Peeters” bewerken' }).click();
    await ctx.page.getByRole('heading', { name: 'Teamlid bewerken' }).waitFor();
    expect(await ctx.page.getByLabel('Naam').inputValue()).toBe('Anna Peeters');
    await ctx.page.getByRole('button', { name: 'Annuleren' }).click();

    // Another person with the same name and address: added when the user says so.
    await add();
    await warning.getByRole('button', { name: 'Toch een nieuw teamlid toevoegen' }).click();
    await ctx.page.getByRole('status').getByText('„anna peeters” toegevoegd aan het team.').waitFor();
    expect(await warning.count()).toBe(0);
    expect(members()).toHaveLength(2);
    expect(ctx.pageErrors).toEqual([]);
  });
});
