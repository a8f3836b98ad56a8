import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';
import { TEST_PASSWORD, createTestStoreLocation, seed, startTestServer } from '../integration/server-support';

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

  // Member rows are the team lead's (issue 10): the server refuses anyone else's
  // (MEMBERS_TEAM_LEAD_ONLY), so the tab does not offer them to an inspector.
  it('offers adding, editing and retiring members only to the team lead, and says why', async () => {
    const seeded = await seedFieldwork(ctx.app.services, { identity: 0 });
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/setup/team`);
    const note = ctx.page.getByTestId('members-lead-only');
    await note
      .getByText(
        'Alleen de teamleider (Bart Claes) voegt teamleden toe, wijzigt of stelt ze buiten gebruik. Je werkt als Anna Peeters.',
      )
      .waitFor();
    const add = ctx.page.getByRole('button', { name: 'Teamlid toevoegen' });
    const edit = ctx.page.getByRole('button', { name: '„Bart Claes” bewerken' });
    const retire = ctx.page.getByRole('button', { name: '„Anna Peeters” buiten gebruik stellen' });
    for (const button of [add, edit, retire]) expect(await button.isDisabled()).toBe(true);
    expect(await ctx.page.getByLabel('Naam').isDisabled()).toBe(true);
    expect(await add.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
    await screenshot(ctx.page, 'setup-team-lead-only-1366-nl');

    // Bart, the team lead, chosen as "Ik ben": everything is offered again, without a reload.
    await ctx.call('identity.set', { campaignId: seeded.campaignId, memberId: seeded.members[1] });
    await expect.poll(() => note.count()).toBe(0);
    for (const button of [add, edit, retire]) expect(await button.isDisabled()).toBe(false);
    expect(await ctx.page.getByLabel('Naam').isDisabled()).toBe(false);
    expect(ctx.pageErrors).toEqual([]);
  });

  // The server decides by the sync account's role: an inspector's laptop offers nothing, also
  // before anyone is chosen as "Ik ben" (the role is kept from the sync login).
  it('offers nothing to an inspector\'s sync account, before and after "Ik ben"', async () => {
    const seeded = await seedFieldwork(ctx.app.services, { identity: null });
    const handle = await createTestStoreLocation('sqlite');
    const server = await startTestServer(handle.location);
    try {
      await seed(
        server.store,
        [seeded.campaignId],
        [
          { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
          { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
        ],
      );
      await ctx.call('sync.connect', { serverUrl: server.url, email: 'anna@inspectie.be', password: TEST_PASSWORD });
      await ctx.openApp();
      await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
      await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/setup/team`);
      const note = ctx.page.getByTestId('members-lead-only');
      await note
        .getByText(
          'Alleen de teamleider (Bart Claes) voegt teamleden toe, wijzigt of stelt ze buiten gebruik; je synchronisatieaccount is geen teamleider van deze campagne.',
        )
        .waitFor();
      const add = ctx.page.getByRole('button', { name: 'Teamlid toevoegen' });
      const edit = ctx.page.getByRole('button', { name: '„Bart Claes” bewerken' });
      const retire = ctx.page.getByRole('button', { name: '„Anna Peeters” buiten gebruik stellen' });
      for (const button of [add, edit, retire]) expect(await button.isDisabled()).toBe(true);
      expect(await add.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
      await screenshot(ctx.page, 'setup-team-account-not-lead-1366-nl');

      // "Ik ben Bart" on Anna's laptop does not make her account the team lead.
      await ctx.call('identity.set', { campaignId: seeded.campaignId, memberId: seeded.members[1] });
      await ctx.page.reload();
      await note.getByText('je synchronisatieaccount is geen teamleider', { exact: false }).waitFor();
      for (const button of [add, edit, retire]) expect(await button.isDisabled()).toBe(true);
      expect(ctx.pageErrors).toEqual([]);
    } finally {
      await ctx.call('sync.disconnect', {});
      await server.close();
      await handle.destroy();
    }
  });
});
