import { describe, expect, it } from 'vitest';
import { saveNote } from '../../db/repositories/fieldwork';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';

/** A one-page PDF with a text layer, built by hand (no fixture files). */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// The duo's visit: preparation (documents, notes, conversations), then a conversation captured on site.
describe('visit preparation and conversation capture in Chromium (browser mode)', () => {
  const e2e = useBrowserApp({ profilePrefix: 'veldwerk-e2e-visit-', acceptDownloads: true });

  it('prepares a visit and captures a conversation with autosaved notes beside the partner’s', async () => {
    const { page, call } = e2e;
    const campaign = await call('campaigns.create', { name: 'Doorlichting 2015', workingYear: '2014-2015' });
    const setup = await call('setup.get', { campaignId: campaign.id });
    const ic = setup.sectors.find((sector) => sector.code === 'IC')!;
    const gent = setup.regions.find((region) => region.name === 'Gent')!;
    const organisation = await call('organisations.add', {
      campaignId: campaign.id,
      name: 'Integratiecentrum De Sleutel',
      sectorId: ic.id,
      regionId: gent.id,
    });
    const anna = await call('members.add', {
      campaignId: campaign.id,
      name: 'Anna Peeters',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    const bart = await call('members.add', {
      campaignId: campaign.id,
      name: 'Bart Claes',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    const visit = await call('visits.create', {
      campaignId: campaign.id,
      organisationId: organisation.id,
      date: '2015-03-12',
      memberA: anna.id,
      memberB: bart.id,
      status: 'planned',
    });

    await e2e.openCampaign('Doorlichting 2015');
    await page
      .getByRole('navigation', { name: 'Onderdelen van de campagne' })
      .getByRole('link', { name: 'Bezoeken', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Bezoeken' }).waitFor();
    await screenshot(page, 'visits-list-nl');
    await page.getByTestId('visit-list').getByRole('link', { name: 'Integratiecentrum De Sleutel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integratiecentrum De Sleutel' }).waitFor();

    // Nobody chosen yet: the page says so; choose "Ik ben Anna".
    await page.getByText('Kies eerst wie je bent', { exact: false }).first().waitFor();
    await page.getByLabel('Ik ben').selectOption({ label: 'Anna Peeters' });
    await page.getByRole('button', { name: 'Dit ben ik' }).click();

    // On the day the duo marks the visit as in progress.
    await page.getByLabel('Status').selectOption({ label: 'Bezig' });
    await expect.poll(async () => (await call('visit.get', { visitId: visit.id })).visit.status).toBe('in_progress');

    // Default conversations: one per respondent group of IC.
    const conversations = page.getByTestId('conversation-list');
    for (const group of ['Leiding en beleid', 'Personeel', 'Stakeholders'])
      await conversations.getByText(group, { exact: true }).waitFor();

    // Preparation notes autosave; a document (PDF) becomes searchable by its text, a second by its title.
    await page.getByTestId('preparation-notes').fill('Jaarverslag lezen: aandacht voor de wachtlijsten.');
    await page.getByText('Bewaard om', { exact: false }).first().waitFor();
    const documentsSection = page.getByRole('region', { name: 'Ontvangen documenten' });
    await documentsSection.getByRole('button', { name: 'Document toevoegen' }).click();
    await documentsSection.getByText('Kies eerst een bestand.').waitFor();
    await documentsSection.getByLabel('Bestand').setInputFiles({
      name: 'jaarverslag-2014.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf('Jaarverslag 2014: wachtlijsten voor NT2 en cooperatie met OCMW'),
    });
    await documentsSection.getByLabel('Titel (niet verplicht)').fill('Jaarverslag 2014');
    await documentsSection.getByRole('button', { name: 'Document toevoegen' }).click();
    await documentsSection.getByText('„Jaarverslag 2014” toegevoegd en doorzoekbaar.').waitFor();
    await documentsSection.getByLabel('Bestand').setInputFiles({
      name: 'organogram.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
    });
    await documentsSection.getByRole('button', { name: 'Document toevoegen' }).click();
    await documentsSection
      .getByText('„organogram.png” toegevoegd. Er zat geen leesbare tekst in', { exact: false })
      .waitFor();
    await documentsSection.getByLabel('Zoeken in titels en tekst').fill('coöperatie');
    await documentsSection.getByTestId('document-list').locator('mark', { hasText: 'cooperatie' }).waitFor();
    expect(await documentsSection.getByTestId('document-list').locator('li').count()).toBe(1);
    await documentsSection.getByLabel('Zoeken in titels en tekst').fill('organogram');
    await documentsSection.getByTestId('document-list').locator('mark', { hasText: 'organogram' }).waitFor();
    await expect.poll(() => documentsSection.getByTestId('document-list').locator('li').count()).toBe(1);
    await documentsSection.getByLabel('Zoeken in titels en tekst').fill('');
    await documentsSection.getByRole('button', { name: '„organogram.png” buiten gebruik stellen' }).click();
    await documentsSection.getByRole('button', { name: 'Ja, buiten gebruik' }).click();
    await documentsSection.getByText('Buiten gebruik (1)').click();
    await documentsSection.getByRole('button', { name: '„organogram.png” terug in gebruik nemen' }).click();
    await documentsSection.getByText('„organogram.png” is terug in gebruik.').waitFor();
    await expect.poll(() => documentsSection.getByTestId('document-list').locator('li').count()).toBe(2);

    // A good practice named by the organisation.
    const practices = page.getByRole('region', { name: 'Goede praktijken' });
    await practices.getByLabel('Nieuwe goede praktijk').fill('Buddyproject met vrijwilligers uit de buurt');
    await practices.getByRole('button', { name: 'Toevoegen' }).click();
    await practices.getByTestId('practice-list').getByText('Buddyproject met vrijwilligers uit de buurt').waitFor();
    await screenshot(page, 'visit-preparation-nl');

    // The partner's notes arrive (as sync would bring them): written on Bart's laptop.
    const conversationList = await call('visit.get', { visitId: visit.id });
    const leadership = conversationList.conversations.find((entry) => entry.groupNames[0] === 'Leiding en beleid')!;
    const questions = (await call('conversations.get', { conversationId: leadership.conversation.id })).questions;
    saveNote(e2e.app.services.profile.store, {
      conversationId: leadership.conversation.id,
      guidingQuestionId: questions[0]!.id,
      authorId: bart.id,
      text: 'Bart: opgericht in 2004, fusie in 2012.',
    });

    // The conversation screen: questions in order, my notes beside Bart's.
    await conversations.getByRole('link', { name: /Leiding en beleid/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Gesprek met Leiding en beleid' }).waitFor();
    const first = page.getByTestId('question').first();
    await first.getByText('Wie zijn ze en waar komen ze vandaan?').waitFor();
    await first.getByText('Bart: opgericht in 2004, fusie in 2012.').waitFor();
    const note1 = page.getByTestId('note-1');
    await note1.fill('Coördinator vertelt over de wachtlijsten voor NT2.');
    await first.getByText('Bewaard om', { exact: false }).waitFor();

    // Keyboard: Alt+↓ goes to question 2, Alt+3 to question 3.
    await note1.press('Alt+ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note-2');
    await page.keyboard.type('Aanbod: trajectbegeleiding en sociale tolken.');
    await page.keyboard.press('Alt+3');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note-3');
    await page.getByTestId('note-free').fill('Sfeer: open, kritisch over de subsidies.');

    // Participants and times.
    await page.getByLabel('Lokale besturen').fill('3');
    await page.getByLabel('Onderwijs').fill('2');
    await page
      .getByRole('region', { name: 'Deelnemers per categorie' })
      .getByText('Bewaard om', { exact: false })
      .waitFor();
    await page.getByLabel('Begin').fill('09:30');
    await page.getByLabel('Einde').fill('09:00');
    await page.getByLabel('Einde').blur();
    await page.getByText('Het einde ligt vóór het begin.', { exact: false }).waitFor();
    await page.getByLabel('Einde').fill('11:15');
    await page.getByLabel('Einde').blur();
    await page.getByText('Tijd bewaard.').waitFor();
    await page.getByTestId('note-free').click();
    await expect.poll(() => page.locator('[data-save-state="saving"]').count()).toBe(0);
    await screenshot(page, 'conversation-nl');

    // Everything is stored: reload and find it back.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Gesprek met Leiding en beleid' }).waitFor();
    expect(await page.getByTestId('note-1').inputValue()).toBe('Coördinator vertelt over de wachtlijsten voor NT2.');
    expect(await page.getByTestId('note-2').inputValue()).toBe('Aanbod: trajectbegeleiding en sociale tolken.');
    expect(await page.getByTestId('note-free').inputValue()).toBe('Sfeer: open, kritisch over de subsidies.');
    expect(await page.getByLabel('Lokale besturen').inputValue()).toBe('3');
    expect(await page.getByLabel('Einde').inputValue()).toBe('11:15');
    const stored = await call('conversations.get', { conversationId: leadership.conversation.id });
    expect(stored.conversation.participant_counts).toEqual(
      Object.fromEntries(
        setup.stakeholderCategories
          .filter((c) => ['Lokale besturen', 'Onderwijs'].includes(c.name ?? ''))
          .map((c) => [c.id, c.name === 'Lokale besturen' ? 3 : 2]),
      ),
    );
    expect(stored.notes.filter((note) => note.author_id === anna.id)).toHaveLength(3);
    expect(e2e.pageErrors).toEqual([]);
  });
});
