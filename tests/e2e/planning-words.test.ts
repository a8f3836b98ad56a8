import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

// The planning's words and messages: the month is written as the UI language writes it, long
// names end in "…" on one line, a new message replaces the old one, and the print view keeps the
// plan's warnings.
describe('planning words and messages (browser mode)', () => {
  const e2e = useBrowserApp({ profilePrefix: 'veldwerk-e2e-planning-words-', viewport: { width: 1366, height: 768 } });

  it('writes the month in lower case, shortens long names, replaces messages and prints warnings', async () => {
    const { page, call } = e2e;
    const campaign = await call('campaigns.create', { name: 'Doorlichting 2015', workingYear: '2014-2015' });
    const setup = await call('setup.get', { campaignId: campaign.id });
    const hvn = setup.sectors.find((sector) => sector.code === 'HvN')!;
    const gent = setup.regions.find((region) => region.name === 'Gent')!;
    const long = 'Huis van het Nederlands Vlaams-Brabant en Brussel-Hoofdstad';
    const organisation = await call('organisations.add', {
      campaignId: campaign.id,
      name: long,
      sectorId: hvn.id,
      regionId: gent.id,
    });
    const other = await call('organisations.add', {
      campaignId: campaign.id,
      name: 'Integratiecentrum De Sleutel',
      sectorId: hvn.id,
      regionId: gent.id,
    });
    await call('organisations.add', {
      campaignId: campaign.id,
      name: 'Atlas Gent',
      sectorId: hvn.id,
      regionId: gent.id,
    });
    const members = [];
    for (const name of ['Anna Peeters', 'Bart Claes', 'Chris Wouters'])
      members.push(
        await call('members.add', {
          campaignId: campaign.id,
          name,
          isInspector: true,
          isTeamLead: false,
          coordinatorOf: [],
          sectorLeadOf: [],
        }),
      );
    const [anna, bart, chris] = members.map((member) => member.id);
    for (const organisationId of [organisation.id, other.id])
      await call('visits.create', {
        campaignId: campaign.id,
        organisationId,
        date: '2015-03-19',
        memberA: anna!,
        memberB: organisationId === other.id ? chris! : bart!,
        status: 'planned',
      });

    await page.goto(e2e.app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.goto(`${e2e.app.bridge.url}/#/campaigns/${campaign.id}/planning`);
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();

    // A new message replaces the old one: the green "gepland" does not stay beside a new error.
    const form = page.getByTestId('visit-form');
    await page.getByRole('button', { name: 'Bezoek plannen bij Atlas Gent' }).click();
    await form.getByLabel('Datum').fill('2015-03-26');
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Bezoek aan Atlas Gent gepland.').waitFor();
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Kies de organisatie die bezocht wordt.').waitFor();
    expect(await form.getByText('Bezoek aan Atlas Gent gepland.').count()).toBe(0);
    await screenshot(page, 'planning-message-replaced-1366-nl');

    // The month as Dutch writes it, long names on one line ending in "…".
    await page.getByRole('button', { name: 'Maand' }).click();
    const month = page.getByTestId('month-view');
    const title = month.getByRole('heading', { level: 2 });
    await title.getByText('maart 2015').waitFor();
    expect(await title.evaluate((element) => (element as HTMLElement).innerText)).toBe('maart 2015');
    const name = month.getByTestId('month-visit-name').filter({ hasText: long });
    const shape = await name.evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        clipped: element.scrollWidth > element.clientWidth,
        lines: Math.round(element.getBoundingClientRect().height / parseFloat(style.lineHeight)),
        ellipsis: style.textOverflow,
      };
    });
    expect(shape).toEqual({ clipped: true, lines: 1, ellipsis: 'ellipsis' });
    expect(await month.getByRole('button', { name: new RegExp(long) }).getAttribute('title')).toContain(long);
    await screenshot(page, 'planning-month-short-labels-1366-nl');

    // The print view keeps the warnings of the plan.
    await page.getByRole('link', { name: 'Afdrukbare versie' }).click();
    await page.getByRole('heading', { level: 1, name: 'Planning Doorlichting 2015 (2014-2015)' }).waitFor();
    const warnings = page.getByTestId('print-warnings');
    await warnings.getByText('2 waarschuwingen').waitFor();
    await warnings.getByText(/Anna Peeters staat op 19 maart 2015 voor twee bezoeken ingepland/).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await warnings.isVisible()).toBe(true);
    await screenshot(page, 'planning-print-warnings-nl');
    await page.emulateMedia({ media: 'screen' });
    expect(e2e.pageErrors).toEqual([]);
  });
});
