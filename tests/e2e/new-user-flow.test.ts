import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

const ORGANISATIONS_CSV = [
  'naam;sector;regio;adres;contact',
  'Integratiecentrum De Sleutel;IC;Gent;Kongostraat 42, 9000 Gent;info@desleutel.be',
  'Tolkendienst Noord;STVD;provincie Antwerpen;;',
  'Huis van het Nederlands Hasselt;HVN;Limburg;;',
  'Zonder sector;;Limburg;;',
  'Verkeerde regio;IC;Mars;;',
].join('\r\n');

// A new user's whole first season, only through the screens: set up, import, plan, capture, search, restart.
describe('the whole flow as a new user in Chromium (browser mode)', () => {
  const e2e = useBrowserApp({ profilePrefix: 'veldwerk-e2e-flow-' });

  it('creates a campaign, imports organisations, plans a visit, captures a conversation, searches it and finds everything after a restart', async () => {
    const { page } = e2e;
    const nav = () => page.getByRole('navigation', { name: 'Onderdelen van de campagne' });

    // 1. Campaign.
    await e2e.createAndOpenCampaign('Synergie door verbindingen', '2014-2015');
    await page.getByRole('heading', { level: 1, name: 'Voorbereiding van de campagne' }).waitFor();

    // 2. The team.
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    for (const name of ['Anna Peeters', 'Bart Claes']) {
      await page.getByLabel('Naam').fill(name);
      await page.getByRole('button', { name: 'Teamlid toevoegen' }).click();
      await page.getByText(`„${name}” toegevoegd aan het team.`).waitFor();
    }

    // 3. Organisations from a CSV file with bad rows.
    await page.getByRole('link', { name: 'Organisaties', exact: true }).click();
    await page.getByLabel('CSV-bestand', { exact: true }).setInputFiles({
      name: 'organisaties.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ORGANISATIONS_CSV, 'utf8'),
    });
    await page.getByText('Gekozen: organisaties.csv').waitFor();
    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await page.getByText('3 klaar om te importeren, 0 mogelijke dubbels, 2 met fouten.').waitFor();
    await page.getByText('Regel 5: de sector ontbreekt.').waitFor();
    await page.getByText('Regel 6: regio „Mars” bestaat niet in deze campagne.', { exact: false }).waitFor();
    await page.getByRole('button', { name: '3 organisaties importeren' }).click();
    await page.getByText('3 organisaties geïmporteerd.').waitFor();

    // 4. Plan a visit with a duo.
    await nav().getByRole('link', { name: 'Planning', exact: true }).click();
    await page.getByRole('button', { name: 'Bezoek plannen bij Integratiecentrum De Sleutel' }).click();
    const form = page.getByTestId('visit-form');
    await form.getByLabel('Datum').fill('2015-03-12');
    await form.getByLabel('Inspecteur 1').selectOption({ label: 'Anna Peeters' });
    await form.getByLabel('Inspecteur 2').selectOption({ label: 'Bart Claes' });
    await form.getByRole('button', { name: 'Bezoek plannen' }).click();
    await form.getByText('Bezoek aan Integratiecentrum De Sleutel gepland.').waitFor();

    // 5. Capture a conversation as Anna.
    // Choosing in the list (type-ahead, arrow keys) sets nobody yet; "Dit ben ik" does.
    await page.getByLabel('Ik ben').focus();
    await page.keyboard.type('Bart');
    await page.getByLabel('Ik ben').selectOption({ label: 'Anna Peeters' });
    const campaignId = /campaigns\/([^/]+)/.exec(page.url())?.[1] ?? '';
    expect((await e2e.call('identity.get', { campaignId })).memberId).toBeNull();
    await page.getByRole('button', { name: 'Dit ben ik' }).click();
    await expect.poll(async () => (await e2e.call('identity.get', { campaignId })).memberName).toBe('Anna Peeters');
    await page.getByRole('link', { name: 'Integratiecentrum De Sleutel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integratiecentrum De Sleutel' }).waitFor();
    await page
      .getByTestId('conversation-list')
      .getByRole('link', { name: /Personeel/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Gesprek met Personeel' }).waitFor();
    await page.getByTestId('note-2').fill('De Coördinator wijst op lange Wachtlijsten voor NT2-lessen in Gent.');
    await page.getByTestId('question').nth(1).getByText('Bewaard om', { exact: false }).waitFor();

    // 6. Search, Dutch-aware: no accents, lower case, a word's start.
    await nav().getByRole('link', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Zoeken' }).waitFor();
    await screenshot(page, 'search-empty-nl');
    await page.getByLabel('Zoekterm').fill('coordinator wachtlijst');
    const results = page.getByTestId('search-results');
    await results.locator('mark', { hasText: 'Coördinator' }).waitFor();
    await results.locator('mark', { hasText: 'Wachtlijsten' }).waitFor();
    await results.getByText('Gesprek met Personeel · Wat doen ze?', { exact: false }).waitFor();
    await page.getByText('1 treffer', { exact: true }).waitFor();
    await screenshot(page, 'search-hit-nl');
    await page.getByLabel('Zoekterm').fill('xylofoon');
    await page.getByText('Niets gevonden voor „xylofoon”.', { exact: false }).waitFor();
    await page.getByLabel('Zoekterm').fill('WACHTLIJSTEN');
    await results.getByRole('link', { name: 'Integratiecentrum De Sleutel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gesprek met Personeel' }).waitFor();

    // 7. Restart the services on the same profile and find everything.
    await e2e.restartApp();
    await e2e.openCampaign('Synergie door verbindingen');
    await nav().getByRole('link', { name: 'Zoeken', exact: true }).click();
    await page.getByLabel('Zoekterm').fill('nt2 gent');
    await page.getByTestId('search-results').locator('mark', { hasText: 'NT2' }).waitFor();
    await page.getByTestId('search-results').getByRole('link', { name: 'Integratiecentrum De Sleutel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gesprek met Personeel' }).waitFor();
    expect(await page.getByTestId('note-2').inputValue()).toBe(
      'De Coördinator wijst op lange Wachtlijsten voor NT2-lessen in Gent.',
    );
    await nav().getByRole('link', { name: 'Planning', exact: true }).click();
    await page.getByRole('link', { name: 'Integratiecentrum De Sleutel' }).waitFor();
    await page.getByText('Anna Peeters & Bart Claes').waitFor();
    await nav().getByRole('link', { name: 'Voorbereiding', exact: true }).click();
    await page.getByRole('link', { name: 'Organisaties', exact: true }).click();
    expect(await page.getByTestId('organisation-table').locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'after-restart-organisations-nl');

    // The workspace in English.
    await page.getByLabel('Taal').selectOption('en');
    await page
      .getByRole('navigation', { name: 'Parts of the campaign' })
      .getByRole('link', { name: 'Search', exact: true })
      .click();
    await page.getByLabel('Search term').fill('wachtlijst');
    await page.getByText('1 hit', { exact: true }).waitFor();
    await screenshot(page, 'search-hit-en');
    expect(e2e.pageErrors).toEqual([]);
  });
});
