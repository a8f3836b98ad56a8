import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { docxPart, paragraphsOf } from '../support/docx-read';
import { useBrowserApp } from '../support/e2e';
import { PLANTED, plantedReport } from '../support/export-seed';
import { pdfPages, pdfPngs, pdfText } from '../support/pdf-read';
import { call } from '../support/services';

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
    await refusal.filter({ hasText: /Export geweigerd: \d+ treffers zijn nog niet opgelost\./ }).waitFor();
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
      const replace = dialog.getByRole('button', { name: /^(Vervangen|Score verbergen)$/ });
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

  it('sets k in the export dialog: a wrong k is refused before the check, a higher k flags more small cells', async () => {
    const { page, app } = browserApp;
    const { seeded, report } = await plantedReport(app.services);
    await browserApp.openApp();
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports/${report.id}`);
    await page.getByRole('heading', { level: 1, name: report.title }).waitFor();
    await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rapport exporteren' });
    const k = dialog.getByRole('spinbutton', { name: 'Kleinste aantal organisaties per cijfer (k)' });
    expect(await k.inputValue()).toBe('3');
    await k.fill('0');
    await dialog.getByRole('button', { name: 'Anonimiteit controleren' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Geef voor k een geheel getal van 1 tot 100.' }).waitFor();
    await screenshot(page, 'export-k-refused');
    const smallCells = async (value: string): Promise<number> => {
      await k.fill(value);
      await dialog.getByRole('button', { name: 'Anonimiteit controleren' }).click();
      await dialog.getByRole('heading', { name: 'Anonimiteitscontrole' }).waitFor();
      const count = await dialog
        .getByTestId('export-hit')
        .filter({ hasText: `Kleine cel (minder dan ${value} organisaties)` })
        .count();
      await dialog.getByRole('button', { name: 'Terug' }).click();
      return count;
    };
    const atThree = await smallCells('3');
    const atTen = await smallCells('10');
    expect(atTen).toBeGreaterThan(atThree);
    await k.fill('10');
    await dialog.getByRole('button', { name: 'Anonimiteit controleren' }).click();
    await dialog
      .getByTestId('export-hit')
      .filter({ hasText: 'Kleine cel (minder dan 10 organisaties)' })
      .first()
      .waitFor();
    await screenshot(page, 'export-k-ten');
  });

  it('checks on demand in the editor: jumps to a hit to reword it, replaces, allows and hides a small cell', async () => {
    const { page, app } = browserApp;
    const { seeded, report } = await plantedReport(app.services);
    await browserApp.openApp();
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports/${report.id}`);
    await page.getByRole('heading', { level: 1, name: report.title }).waitFor();
    // Start elsewhere: the jump must open the hit's section itself.
    await page
      .getByRole('navigation', { name: 'Secties' })
      .getByRole('button', { name: /^Wat denken de stakeholders/ })
      .click();
    await page.getByRole('heading', { level: 2, name: /^Wat denken de stakeholders/ }).waitFor();

    await page.getByRole('tab', { name: 'Anonimiteit' }).click();
    const panel = page.getByTestId('anonymity-panel');
    await panel.getByText('Nog niet gecontroleerd.').waitFor();
    await panel.getByRole('button', { name: 'Nu controleren' }).click();
    const hits = panel.getByTestId('export-hit');
    const hit = (name: string) => hits.filter({ has: page.locator('strong', { hasText: name }) }).first();
    for (const name of ['Integratiecentrum De Brug', 'Anna Peeters', 'Sofie Wuyts', 'Koen Maes', '09 223 45 67'])
      await hit(name).waitFor();
    // Every hit with its context; the small cells of the SWOT table with their own resolution.
    await expect
      .poll(() => hit('Sofie Wuyts').getByTestId('export-context').textContent())
      .toBe('Sofie Wuyts gaf een rondleiding en Koen Maes bevestigde de cijfers.');
    await hit('Lange wachtlijsten').getByRole('button', { name: 'Score verbergen' }).waitFor();
    await screenshot(page, 'report-anonymity-panel');

    // Reword in place: the jump opens "Wie zijn ze?" and selects the name in the editor.
    await hit('Sofie Wuyts').getByRole('button', { name: 'Herformuleren in de tekst' }).click();
    await page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Sofie Wuyts');
    await screenshot(page, 'report-anonymity-jump');
    await page.keyboard.type('De contactpersoon');
    const editor = page.getByRole('textbox', { name: /^Tekst van de sectie/ });
    await expect.poll(() => editor.textContent()).toContain('De contactpersoon gaf een rondleiding');
    await page.locator('[data-save-state="saved"]').waitFor();
    await panel.getByRole('button', { name: 'Opnieuw controleren' }).click();
    await hit('Sofie Wuyts').waitFor({ state: 'detached' });

    // Replace by a label, allow with a reason, hide a small cell: each kept with its author.
    await hit('Anna Peeters').getByRole('button', { name: 'Vervangen', exact: true }).click();
    await hit('Anna Peeters').getByText('Vervangen door “[naam]” (beslist door Anna Peeters).').waitFor();
    const phone = hit('09 223 45 67');
    await phone.getByRole('button', { name: 'Toestaan…' }).click();
    await phone
      .getByRole('textbox', { name: 'Waarom mag dit blijven staan?' })
      .fill('Algemeen nummer van de inspectie');
    await phone.getByRole('button', { name: 'Toestaan met deze reden' }).click();
    await phone.getByText('Toegestaan: Algemeen nummer van de inspectie (beslist door Anna Peeters).').waitFor();
    await hit('Lange wachtlijsten').getByRole('button', { name: 'Score verbergen' }).click();
    await hit('Lange wachtlijsten')
      .getByText('Score en aantal verborgen als “< 3 org.” (beslist door Anna Peeters).')
      .waitFor();
    await screenshot(page, 'report-anonymity-decided');

    // The export dialog shows the same review with the same decisions.
    await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rapport exporteren' });
    await dialog.getByRole('button', { name: 'Anonimiteit controleren' }).click();
    const inDialog = dialog
      .getByTestId('export-hit')
      .filter({ has: page.locator('strong', { hasText: '09 223 45 67' }) });
    await inDialog.getByText(/Toegestaan: Algemeen nummer/).waitFor();
    // The audit trail: the decisions are synced records with author and time.
    const trail = app.services.profile.store.list('report_anonymity', { report_id: report.id });
    expect(trail.map((row) => row.action).sort()).toEqual(['allow', 'replace', 'replace']);
    expect(trail.every((row) => row.author_id === seeded.members[0] && row.decided_at)).toBe(true);
    expect(browserApp.pageErrors).toEqual([]);
  });

  it('opens the print view from the export dialog in browser mode, and it prints to a paged A4 PDF', async () => {
    const { page, app } = browserApp;
    const { seeded, report } = await plantedReport(app.services);
    const review = await call(app.services, 'export.review', { reportId: report.id });
    for (const hit of new Map(review.hits.map((entry) => [entry.key, entry])).values())
      await call(app.services, 'export.decide', {
        reportId: report.id,
        key: hit.key,
        kind: hit.kind,
        term: hit.text,
        decision: { action: 'replace', replacement: hit.suggestions[0] ?? '[weg]' },
      });
    await browserApp.openApp();
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports/${report.id}`);
    await page.getByRole('heading', { level: 1, name: report.title }).waitFor();
    await page.getByRole('button', { name: 'Exporteren', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Rapport exporteren' });
    await dialog.getByRole('radio', { name: 'PDF' }).check();
    await dialog.getByRole('button', { name: 'Anonimiteit controleren' }).click();
    await dialog.getByTestId('export-unresolved').filter({ hasText: 'Elke treffer heeft een beslissing' }).waitFor();
    // The print view calls the browser's print(): headless Chromium would hold that window in
    // its print state, so the test records the call and prints the same window with page.pdf()
    // (Chromium's own PDF printing, what "Save as PDF" does).
    await page.evaluate(() => {
      const open = window.open.bind(window);
      window.open = (...args: Parameters<typeof window.open>) => {
        const target = open(...args);
        if (target) target.print = () => void document.body.setAttribute('data-printed', 'yes');
        return target;
      };
    });
    const opened = page.waitForEvent('popup');
    await dialog.getByRole('button', { name: 'Exporteren als PDF' }).click();
    const view = await opened;
    await dialog.getByText('De afdrukweergave is geopend').waitFor();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
    await view.getByRole('heading', { level: 1, name: report.title }).first().waitFor();
    await screenshot(page, 'export-print-opened');
    // The column widths survive the page's Content-Security-Policy (classes of the print view's own sheet).
    const widths = await view
      .locator('table.swot')
      .first()
      .locator('col')
      .evaluateAll((cols) => cols.map((col) => Math.round(col.getBoundingClientRect().width)));
    expect(widths[1]).toBeGreaterThan(3 * (widths[0] ?? 0));
    await view.setViewportSize({ width: 900, height: 1200 });
    await screenshot(view, 'export-print-view');

    // The browser's own print of that window, as Chromium prints it to PDF.
    const pdf = new Uint8Array(await view.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    const text = await pdfText(pdf);
    for (const heading of ['Wie zijn ze?', 'Wat denken de stakeholders?', 'Inhoud']) expect(text).toContain(heading);
    expect(text).toContain('Sterk netwerk');
    expect(text).toContain('10,0');
    expect(text).toContain('< 3 org.');
    expect(text).toMatch(/Pagina 2 \/ \d+/);
    for (const name of PLANTED) expect(text, name).not.toContain(name);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain(`Pagina ${pages} / ${pages}`);
    expect(pdfPngs(pdf, 'export-print-view-pdf', 1, 3)).toHaveLength(3);
    expect(browserApp.pageErrors).toEqual([]);
  });
});
