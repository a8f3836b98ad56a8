import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

// The region coordinator plans visits: a duo per visit, warnings, filters, month view, CSV and print.
describe('visit planning in Chromium (browser mode)', () => {
  const e2e = useBrowserApp({ profilePrefix: 'veldwerk-e2e-planning-', acceptDownloads: true });

  it('plans visits with a duo, warns about double bookings and incomplete duos, filters, and exports', async () => {
    const { page, call } = e2e;
    const campaign = await call('campaigns.create', { name: 'Doorlichting 2015', workingYear: '2014-2015' });
    const setup = await call('setup.get', { campaignId: campaign.id });
    const ic = setup.sectors.find((sector) => sector.code === 'IC')!;
    const hvn = setup.sectors.find((sector) => sector.code === 'HvN')!;
    const gent = setup.regions.find((region) => region.name === 'Gent')!;
    const limburg = setup.regions.find((region) => region.name === 'Limburg')!;
    await call('organisations.add', {
      campaignId: campaign.id,
      name: 'Integratiecentrum De Sleutel',
      sectorId: ic.id,
      regionId: gent.id,
    });
    await call('organisations.add', {
      campaignId: campaign.id,
      name: 'Huis van het Nederlands Gent',
      sectorId: hvn.id,
      regionId: gent.id,
    });
    await call('organisations.add', {
      campaignId: campaign.id,
      name: 'Huis van het Nederlands Limburg',
      sectorId: hvn.id,
      regionId: limburg.id,
    });
    for (const name of ['Anna Peeters', 'Bart Claes', 'Chris Wouters']) {
      await call('members.add', {
        campaignId: campaign.id,
        name,
        isInspector: true,
        isTeamLead: false,
        coordinatorOf: [],
        sectorLeadOf: [],
      });
    }

    await e2e.openCampaign('Doorlichting 2015');
    await page
      .getByRole('navigation', { name: 'Onderdelen van de campagne' })
      .getByRole('link', { name: 'Planning', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    await page.getByText('· nog geen bezoek').first().waitFor();
    await screenshot(page, 'planning-empty-nl');

    // Plan a visit from the organisation's row: the form takes the organisation, focus moves into it.
    await page.getByRole('button', { name: 'Bezoek plannen bij Integratiecentrum De Sleutel' }).click();
    const form = page.getByTestId('visit-form');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Kies een datum voor het bezoek.').waitFor();
    await form.getByLabel('Datum').fill('2015-03-12');
    await form.getByLabel('Inspecteur 1').selectOption({ label: 'Anna Peeters' });
    await form.getByLabel('Inspecteur 2').selectOption({ label: 'Anna Peeters' });
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Een duo bestaat uit twee verschillende teamleden.', { exact: false }).waitFor();
    await form.getByLabel('Inspecteur 2').selectOption({ label: 'Bart Claes' });
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Bezoek aan Integratiecentrum De Sleutel gepland.').waitFor();

    // Anna twice on the same day, and a visit with only one inspector.
    await form.getByLabel('Organisatie').selectOption({ label: 'Huis van het Nederlands Gent' });
    await form.getByLabel('Datum').fill('2015-03-12');
    await form.getByLabel('Inspecteur 1').selectOption({ label: 'Anna Peeters' });
    await form.getByLabel('Inspecteur 2').selectOption({ label: 'Chris Wouters' });
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Bezoek aan Huis van het Nederlands Gent gepland.').waitFor();
    await form.getByLabel('Organisatie').selectOption({ label: 'Huis van het Nederlands Limburg' });
    await form.getByLabel('Datum').fill('2015-03-19');
    await form.getByLabel('Inspecteur 1').selectOption({ label: 'Chris Wouters' });
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Bezoek aan Huis van het Nederlands Limburg gepland.').waitFor();

    const warnings = page.getByTestId('plan-warnings');
    await warnings.getByText('2 waarschuwingen').waitFor();
    await warnings
      .getByText('Anna Peeters staat op 12 maart 2015 voor twee bezoeken ingepland', { exact: false })
      .waitFor();
    await warnings
      .getByText('Het bezoek aan Huis van het Nederlands Limburg op 19 maart 2015 heeft geen volledige duo.', {
        exact: false,
      })
      .waitFor();
    await screenshot(page, 'planning-list-warnings-nl');

    // Filters: a member, then a region.
    await page.getByLabel('Teamlid').selectOption({ label: 'Bart Claes' });
    expect(await page.getByTestId('plan-table').locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Regio', { exact: true }).selectOption({ label: 'Limburg' });
    expect(await page.getByTestId('plan-region').count()).toBe(1);
    await page.getByRole('button', { name: 'Filters wissen' }).click();

    // Fix the double booking from the warning: open the visit, change the date.
    await warnings.getByRole('button', { name: 'Bezoek openen' }).first().click();
    await form.getByRole('heading', { name: 'Bezoek bewerken' }).waitFor();
    await form.getByLabel('Datum').fill('2015-03-13');
    await form.getByRole('button', { name: 'Wijzigingen bewaren' }).click();
    await warnings.getByText('1 waarschuwing').waitFor();

    // Remove a visit from the plan and put it back: nothing is lost.
    await page.getByRole('button', { name: 'Bezoek aan Huis van het Nederlands Gent bewerken' }).click();
    await form.getByRole('button', { name: 'Bezoek schrappen' }).click();
    await form.getByRole('button', { name: 'Ja, schrappen' }).click();
    await form.getByText('Bezoek geschrapt.').waitFor();
    await page.getByText('Geschrapt bezoek (1)').click();
    await page.getByRole('button', { name: 'Bezoek aan Huis van het Nederlands Gent terugzetten' }).click();
    await page.getByText('Bezoek aan Huis van het Nederlands Gent staat weer in de planning.').waitFor();
    await page.getByRole('button', { name: 'Bezoek aan Huis van het Nederlands Gent bewerken' }).waitFor();

    // Month view of March 2015.
    await page.getByRole('button', { name: 'Maand' }).click();
    const month = page.getByTestId('month-view');
    await month.getByRole('heading', { name: 'maart 2015' }).waitFor();
    await month
      .getByRole('cell', { name: 'donderdag 19 maart 2015' })
      .getByText('Huis van het Nederlands Limburg')
      .waitFor();
    await screenshot(page, 'planning-month-nl');

    // CSV export: semicolons, one line per visit.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporteren als CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('planning-Doorlichting-2015.csv');
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Datum;Regio;Organisatie;Sector;Inspecteur 1;Inspecteur 2;Status');
    expect(lines).toContain('2015-03-19;Limburg;Huis van het Nederlands Limburg;HvN;Chris Wouters;;Gepland');
    expect(lines).toHaveLength(4);

    // Printable page.
    await page.getByRole('link', { name: 'Afdrukbare versie' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planning Doorlichting 2015 (2014-2015)' }).waitFor();
    await page.getByText('donderdag 12 maart 2015').waitFor();
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'planning-print-nl');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: 'Terug naar de planning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    expect(e2e.pageErrors).toEqual([]);
  });
});
