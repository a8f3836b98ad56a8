import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';
import { call, exportDuoFile, importTrustingMaker } from '../support/services';
import { startPartnerApp } from '../support/web-app';

// Issue 10: Bart's laptop holds the duo's first campaign; Anna brings the second one (Bart is on
// its team) by duo file. It comes in through the synchronisation dialog and shows in the campaign
// list at once, without a reload.
describe("a duo partner's second campaign by duo file (browser mode)", () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-duo-second-', viewport: { width: 1366, height: 768 } });

  it('takes in the second campaign and shows it at once', async () => {
    const anna = await startPartnerApp('veldwerk-e2e-duo-second-anna-');
    const bart = ctx.app.services;
    const first = await seedFieldwork(anna.services, { visits: 1 });
    const firstFile = await exportDuoFile(anna.services, first.campaignId);
    expect(await importTrustingMaker(bart, firstFile.base64)).toMatchObject({ state: 'done' });
    await call(bart, 'identity.set', { campaignId: first.campaignId, memberId: first.members[1] });

    const second = await call(anna.services, 'campaigns.create', { name: 'Opvolging 2027', workingYear: '2026-2027' });
    const added: string[] = [];
    for (const [name, email] of [
      ['Anna Peeters', 'anna@inspectie.be'],
      ['Bart Claes', 'bart@inspectie.be'],
    ] as const) {
      const member = await call(anna.services, 'members.add', {
        campaignId: second.id,
        name,
        email,
        isInspector: true,
        isTeamLead: name === 'Bart Claes',
        coordinatorOf: [],
        sectorLeadOf: [],
      });
      added.push(member.id);
    }
    // Anna is "Ik ben" in the new campaign too, so the file names her.
    await call(anna.services, 'identity.set', { campaignId: second.id, memberId: added[0] as string });
    const file = path.join(anna.dir, 'tweede.vwb');
    writeFileSync(file, Buffer.from((await exportDuoFile(anna.services, second.id)).base64, 'base64'));

    await ctx.openApp();
    const list = ctx.page.getByTestId('campaign-list');
    await list.getByText('Doorlichting integratie').waitFor();
    expect(await list.getByText('Opvolging 2027').count()).toBe(0);
    await ctx.page.getByTestId('sync-indicator').click();
    const exchange = ctx.page.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
    await exchange.getByTestId('duo-import-file').setInputFiles(file);
    const maker = exchange.getByTestId('duo-maker');
    await maker.getByRole('heading', { name: 'Wie maakte dit bestand?' }).waitFor();
    const said = (await maker.textContent()) ?? '';
    expect(said).toContain('Gemaakt door Anna Peeters');
    expect(said).toContain('Deze laptop ken je: je importeerde er al een bestand van.');
    // Bart is on its team: the services take it in, and its consent box starts ticked (he may still decline).
    expect(said).toContain('Jij staat in het team van deze campagne.');
    expect(await maker.getByLabel('Neem campagne Opvolging 2027 op deze laptop op').isChecked()).toBe(true);
    await maker.getByRole('button', { name: 'Importeren', exact: true }).click();
    await exchange.getByText(/wijzigingen gelezen: \d+ nieuw, 0 al aanwezig/).waitFor();
    await screenshot(ctx.page, 'duo-second-campaign-imported-nl');
    await ctx.page.keyboard.press('Escape');
    await list.getByText('Opvolging 2027').waitFor();
    expect(bart.profile.store.knownCampaigns()).toContain(second.id);
    expect(ctx.pageErrors).toEqual([]);
  });
});
