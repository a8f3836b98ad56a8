import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { docxPart, paragraphsOf } from '../support/docx-read';
import { useBrowserApp } from '../support/e2e';
import { PLANTED, plantedReport } from '../support/export-seed';

// Exporting a report in Chromium (browser mode): the export dialog, the anonymisation review, a
// refused export that names what is left, and a successful Word download without the names.

describe('report export in Chromium (browser mode)', () => {
  const browserApp = useBrowserApp({
    profilePrefix: 'veldwerk-e2e-export-',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });

  it('reviews the hits, refuses while one is open, and downloads an anonymised Word file', async () => {
    const { page, app } = browserApp;
    const { seeded, report } = await plantedReport(app.services);
    await browserApp.openApp();
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports`);
    await page.getByRole('link', { name: report.title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: report.title }).waitFor();

    await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rapport exporteren' });
    await dialog.getByRole('radio', { name: 'Word (.docx)' }).check();
    await expect
      .poll(() => dialog.getByRole('radio', { name: 'Bevroren waarden van het definitieve rapport' }).isDisabled())
      .toBe(true);
    await screenshot(page, 'export-dialog');

    await dialog.getByRole('button', { name: 'Anonimiteit controleren' }).click();
    await dialog.getByRole('heading', { name: 'Anonimiteitscontrole' }).waitFor();
    const hits = dialog.getByTestId('export-hit');
    for (const name of ['Integratiecentrum De Brug', 'Anna Peeters', 'Lies Janssens', '09 223 45 67'])
      await hits
        .filter({ has: page.locator('strong', { hasText: name }) })
        .first()
        .waitFor();
    await screenshot(page, 'export-anonymisation-review');

    // Export while hits are open: refused, and the refusal names them.
    await dialog.getByRole('button', { name: 'Exporteren als Word (.docx)' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.filter({ hasText: 'Export geweigerd: 8 treffers zijn nog niet opgelost.' }).waitFor();
    await expect.poll(() => refusal.textContent()).toContain('Teamlid: Anna Peeters (Wie zijn ze?)');
    await screenshot(page, 'export-refused');

    // Reword one sentence in place, allow the phone number with a reason, replace the rest by their labels.
    const samenleven = hits.filter({ has: page.locator('strong', { hasText: 'Centrum Samenleven' }) });
    await samenleven.getByRole('button', { name: 'Herschrijven' }).click();
    await samenleven.getByRole('textbox', { name: /Nieuwe zin/ }).fill('Twee centra werken samen.');
    await samenleven.getByRole('button', { name: 'Zin opslaan' }).click();
    await hits
      .filter({ has: page.locator('strong', { hasText: 'Centrum Samenleven' }) })
      .waitFor({ state: 'detached' });
    const phone = hits.filter({ has: page.locator('strong', { hasText: '09 223 45 67' }) });
    await phone.getByRole('button', { name: 'Toestaan…' }).click();
    await phone
      .getByRole('textbox', { name: 'Waarom mag dit blijven staan?' })
      .fill('Algemeen nummer van de inspectie');
    await phone.getByRole('button', { name: 'Toestaan met deze reden' }).click();
    await phone.getByText(/Toegestaan: Algemeen nummer/).waitFor();
    for (;;) {
      const replace = dialog.getByRole('button', { name: 'Vervangen', exact: true });
      if ((await replace.count()) === 0) break;
      const before = await replace.count();
      await replace.first().click();
      await expect.poll(() => replace.count()).toBeLessThan(before);
    }
    await dialog.getByTestId('export-unresolved').filter({ hasText: 'Elke treffer heeft een beslissing' }).waitFor();

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Exporteren als Word (.docx)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Sectorhoofdstuk-Integratiecentra.docx');
    await dialog.getByText('Sectorhoofdstuk-Integratiecentra.docx is gedownload.').waitFor();
    await screenshot(page, 'export-done');
    const bytes = readFileSync(await file.path());
    const text = paragraphsOf(docxPart(bytes, 'word/document.xml')).join('\n');
    for (const name of PLANTED.filter((name) => name !== '09 223 45 67')) expect(text, name).not.toContain(name);
    expect(text).toContain('Twee centra werken samen.');
    expect(text).toContain('09 223 45 67');
    expect(browserApp.pageErrors).toEqual([]);
  });
});
