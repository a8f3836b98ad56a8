import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

const CSV_WITH_BAD_ROWS = [
  'naam;sector;regio;adres;contact',
  'Integratiecentrum De Sleutel;IC;Gent;Kongostraat 42, 9000 Gent;info@desleutel.be',
  'Tolkendienst Noord;STVD;provincie Antwerpen;Carnotstraat 1, 2060 Antwerpen;',
  ';HvN;Limburg;;',
  'Huis van het Nederlands Hasselt;XYZ;Limburg;;',
  'Huis van het Nederlands Leuven;HvN;Antwerpen;;',
  'Huis van het Nederlands Brugge;HvN;Atlantis;;',
  'Integratiecentrum De Sleutel;IC;Oost-Vlaanderen;;',
].join('\n');

// The team lead's first hour with a new campaign, in real Chromium against the real services and SQLite.
describe('campaign workspace and set-up in Chromium (browser mode)', () => {
  const e2e = useBrowserApp({ profilePrefix: 'veldwerk-e2e-setup-' });

  it('opens a campaign, edits its lists, builds the team and imports organisations with a preview', async () => {
    const { page } = e2e;
    await e2e.createAndOpenCampaign('Doorlichting integratie', '2014-2015');

    // The workspace: left navigation, breadcrumb back, set-up opens on the lists.
    await page.getByRole('heading', { level: 1, name: 'Voorbereiding van de campagne' }).waitFor();
    expect(page.url()).toMatch(/#\/campaigns\/[^/]+\/setup\/lists$/);
    const sidenav = page.getByRole('navigation', { name: 'Onderdelen van de campagne' });
    await sidenav.getByRole('link', { name: 'Voorbereiding', exact: true }).waitFor();
    const breadcrumb = page.getByRole('navigation', { name: 'Kruimelpad' });
    await breadcrumb.getByRole('link', { name: 'Campagnes' }).waitFor();

    // Defaults: three sectors, eight regions (Antwerpen as province and as city), IC's guiding questions.
    const sectors = page.getByRole('region', { name: 'Sectoren' });
    for (const code of ['IC', 'STVD', 'HvN']) await sectors.getByText(code, { exact: true }).waitFor();
    const regions = page.getByRole('region', { name: 'Regio’s' });
    expect(await regions.locator('ol > li').count()).toBe(8);
    await regions.getByText('Antwerpen', { exact: true }).first().waitFor();
    const questions = page.getByRole('region', { name: 'Richtvragen IC' });
    await questions.getByText('Wie zijn ze en waar komen ze vandaan?').waitFor();
    await screenshot(page, 'setup-lists-nl');

    // Add, rename, reorder, retire and restore a stakeholder category.
    const categories = page.getByRole('region', { name: 'Categorieën van stakeholders' });
    await categories.getByRole('button', { name: 'Toevoegen' }).click();
    await categories.getByText('Vul een naam in.').waitFor();
    await categories.getByLabel('Nieuwe categorie').fill('Justitie');
    await categories.getByRole('button', { name: 'Toevoegen' }).click();
    await categories.getByText('„Justitie” toegevoegd.').waitFor();
    await categories.getByRole('button', { name: '„Justitie” hernoemen' }).click();
    await categories.getByLabel('Nieuwe naam voor „Justitie”').fill('Justitie en politie');
    await categories.getByLabel('Nieuwe naam voor „Justitie”').press('Enter');
    await categories.getByText('Hernoemd tot „Justitie en politie”.').waitFor();
    await categories.getByRole('button', { name: '„Justitie en politie” een plaats hoger zetten' }).click();
    await categories.getByText('„Justitie en politie” staat een plaats hoger.').waitFor();
    // The list re-reads through the data layer after the change event: wait for the new order.
    await expect
      .poll(async () => {
        const names = await categories.getByTestId('list-item-text').allTextContents();
        return names.length - names.indexOf('Justitie en politie');
      })
      .toBe(2);
    await categories.getByRole('button', { name: '„Justitie en politie” buiten gebruik stellen' }).click();
    // Nothing is retired before the explicit confirmation, which takes the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Ja, buiten gebruik');
    await page.keyboard.press('Enter');
    await categories.getByText('Buiten gebruik (1)').click();
    await categories.getByRole('button', { name: '„Justitie en politie” terug in gebruik nemen' }).waitFor();
    await screenshot(page, 'setup-lists-edited-nl');

    // The team: two inspectors, one of them coordinator of the city of Gent.
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await page.getByText('Nog geen teamleden').waitFor();
    await page.getByLabel('Naam').fill('Anna Peeters');
    await page.getByLabel('E-mailadres (niet verplicht)').fill('anna@');
    await page.getByRole('button', { name: 'Teamlid toevoegen' }).click();
    await page.getByText('Dit is geen geldig e-mailadres.', { exact: false }).waitFor();
    await page.getByLabel('E-mailadres (niet verplicht)').fill('anna.peeters@example.be');
    await page.getByRole('group', { name: 'Regiocoördinator van' }).getByLabel('Gent (stad)').check();
    await page.getByRole('button', { name: 'Teamlid toevoegen' }).click();
    await page.getByText('„Anna Peeters” toegevoegd aan het team.').waitFor();
    await page.getByLabel('Naam').fill('Bart Claes');
    await page.getByRole('button', { name: 'Teamlid toevoegen' }).click();
    await page.getByTestId('member-list').getByText('Bart Claes').waitFor();
    await page.getByTestId('member-list').getByText('Regiocoördinator Gent (stad)').waitFor();
    await screenshot(page, 'setup-team-nl');

    // Organisations: one by hand, then a CSV with bad rows.
    await page.getByRole('link', { name: 'Organisaties', exact: true }).click();
    await page.getByText('Nog geen organisaties').waitFor();
    await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await page.getByText('Vul een naam in.').waitFor();
    await page.getByLabel('Naam').fill('Huis van het Nederlands Gent');
    await page.getByLabel('Sector', { exact: true }).selectOption({ label: 'HvN · Huizen van het Nederlands' });
    await page.getByLabel('Regio', { exact: true }).selectOption({ label: 'Gent (stad)' });
    await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await page.getByTestId('organisation-table').getByText('Huis van het Nederlands Gent').waitFor();

    await page.getByLabel('Of plak de inhoud hier').fill(CSV_WITH_BAD_ROWS);
    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    await page.getByText('2 klaar om te importeren, 1 mogelijke dubbel, 4 met fouten.').waitFor();
    await preview.getByText('Regel 4: de naam ontbreekt.').waitFor();
    await preview.getByText('Regel 5: sector „XYZ” bestaat niet in deze campagne.', { exact: false }).waitFor();
    await preview.getByText('Regel 6: „Antwerpen” is zowel een provincie als een stad.', { exact: false }).waitFor();
    await preview.getByText('Regel 7: regio „Atlantis” bestaat niet in deze campagne.', { exact: false }).waitFor();
    await preview.getByText('Regel 8: dezelfde naam staat op regel 2 in regio Gent', { exact: false }).waitFor();
    // Nothing is imported before the confirmation.
    expect(await page.getByTestId('organisation-table').locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'setup-import-preview-nl');

    await page.getByRole('button', { name: '2 organisaties importeren' }).click();
    await page.getByText('2 organisaties geïmporteerd.').waitFor();
    const table = page.getByTestId('organisation-table');
    await table.getByText('Integratiecentrum De Sleutel').waitFor();
    await table.getByText('Tolkendienst Noord').waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'setup-organisations-nl');

    // Deep link survives a reload; the breadcrumb leads back home.
    await page.reload();
    await page.getByTestId('organisation-table').getByText('Tolkendienst Noord').waitFor();
    await breadcrumb.getByRole('link', { name: 'Campagnes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    expect(e2e.pageErrors).toEqual([]);
  });
});
