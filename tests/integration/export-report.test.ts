import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/io';
import { chromiumPrinter } from '../../services/export/chromium-pdf';
import type { ExportHost } from '../../services/export/handlers';
import { startServices, type Services } from '../../services/runtime';
import type { AnonymityReview } from '../../shared/contract/export';
import { chromiumAvailable } from '../support/browser';
import { docxPart, paragraphsOf } from '../support/docx-read';
import { pdfPages, pdfPngs, pdfText } from '../support/pdf-read';
import { tempDir } from '../support/profile';
import { PLANTED, plantedReport } from '../support/export-seed';
import { call, refusal, until } from '../support/services';

// The planted-names test of issue 11: a profile whose notes and report mention organisations,
// members and a phone number. The check lists every one; export is refused until each is
// decided; the DOCX and PDF written after contain none of them.

const open: Array<{ services: Services; remove: () => void }> = [];
let printer: Awaited<ReturnType<typeof chromiumPrinter>> = null;
const saved = tempDir('veldwerk-export-out-');

beforeAll(async () => {
  if (chromiumAvailable()) printer = await chromiumPrinter();
});
afterAll(async () => {
  await printer?.close();
  saved.remove();
});
afterEach(async () => {
  for (const entry of open.splice(0)) {
    await entry.services.close();
    entry.remove();
  }
});

function laptop(host?: ExportHost): Services {
  const dir = tempDir('veldwerk-export-');
  const services = startServices({
    profileDir: dir.dir,
    transport: 'ipc',
    backgroundSync: false,
    ...(host ? { exportHost: host } : {}),
    onInternalError: (_c, error) => console.error(error),
  });
  open.push({ services, remove: dir.remove });
  return services;
}

async function waitForJob(services: Services, jobId: string) {
  return until(
    () => call(services, 'jobs.reportExport', { jobId }),
    (job) => job.state !== 'running',
    'the export job',
  );
}

function resolveAll(services: Services, review: AnonymityReview, reportId: string) {
  const seen = new Set<string>();
  return Promise.all(
    review.hits
      .filter((hit) => !seen.has(hit.key) && seen.add(hit.key))
      .map((hit) =>
        call(services, 'export.decide', {
          reportId,
          key: hit.key,
          kind: hit.kind,
          term: hit.text,
          decision: hit.suggestions[0]
            ? { action: 'replace', replacement: hit.suggestions[0] }
            : { action: 'allow', reason: 'Geen organisatie herkenbaar' },
        }),
      ),
  );
}

describe('report export with the anonymisation gate', () => {
  it('lists every planted name, refuses export, and after resolving writes a DOCX without any of them', async () => {
    const services = laptop();
    const { report } = await plantedReport(services);
    const review = await call(services, 'export.review', { reportId: report.id });
    const found = review.hits.map((hit) => hit.text);
    for (const name of PLANTED) expect(found, name).toContain(name);
    expect(review.hits.find((hit) => hit.text === 'Integratiecentrum De Brug')?.suggestions[0]).toBe(
      'een van de integratiecentra',
    );
    expect(review.unresolved).toBeGreaterThanOrEqual(PLANTED.length);

    const refused = await refusal(services, 'export.start', {
      reportId: report.id,
      format: 'docx',
      teamName: 'Team Inburgering',
    });
    expect(refused.code).toBe('CONFLICT');
    for (const name of ['Anna Peeters', '09 223 45 67', 'De Brug']) expect(refused.message).toContain(name);

    await resolveAll(services, review, report.id);
    const after = await call(services, 'export.review', { reportId: report.id });
    expect(after.unresolved).toBe(0);
    // The audit trail: every decision is a synced record with its author.
    const trail = services.profile.store.list('report_anonymity', { report_id: report.id });
    expect(trail.length).toBe(new Set(review.hits.map((hit) => hit.key)).size);
    expect(trail.every((row) => row.author_id && row.decided_at)).toBe(true);

    const { jobId } = await call(services, 'export.start', {
      reportId: report.id,
      format: 'docx',
      teamName: 'Team Inburgering',
    });
    const job = await waitForJob(services, jobId);
    expect(job.state).toBe('done');
    const bytes = Buffer.from(job.result?.base64 ?? '', 'base64');
    const xml = docxPart(bytes, 'word/document.xml');
    const text = paragraphsOf(xml).join('\n');
    for (const name of PLANTED) expect(text, name).not.toContain(name);
    expect(text).toContain('een van de integratiecentra vertelde [naam] dat [naam] en [naam] langskwamen.');
    expect(text).toContain('[telefoonnummer]');
    // The small cells (lemmas from fewer than three organisations) were hidden, not dropped.
    const cells = review.hits.filter((hit) => hit.kind === 'smallCell' && hit.key.startsWith('smallCell:figure:'));
    expect(cells.map((hit) => hit.text.split(':')[0])).toEqual(
      expect.arrayContaining(['Lange wachtlijsten', 'Nieuwe subsidies']),
    );
    expect(cells.every((hit) => hit.suggestions[0] === '< 3 org.')).toBe(true);
    const wachtlijsten = xml.slice(xml.indexOf('Lange wachtlijsten'));
    expect(wachtlijsten.slice(0, 2000)).toContain('&lt; 3 org.');
    expect(text).toContain('Sterk netwerk');
    const core = docxPart(bytes, 'docProps/core.xml');
    for (const name of ['Anna Peeters', 'Bart Claes', 'Peeters', 'Claes']) expect(core).not.toContain(name);
    expect(core).toContain('Team Inburgering');
    const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
    expect(html).toContain('<h1>Wie zijn ze?</h1>');
  });

  it('rewords a sentence in place and allows a term with a reason', async () => {
    const services = laptop();
    const { report, section } = await plantedReport(services);
    const review = await call(services, 'export.review', { reportId: report.id });
    const hit = review.hits.find((entry) => entry.text === 'Centrum Samenleven');
    expect(hit?.rewordable).toBe(true);
    await call(services, 'export.reword', {
      reportId: report.id,
      sectionId: section.id,
      find: 'De Brug en Centrum Samenleven werken samen.',
      replace: 'Twee centra werken samen.',
    });
    const after = await call(services, 'export.review', { reportId: report.id });
    expect(after.hits.map((entry) => entry.text)).not.toContain('Centrum Samenleven');
    const content = await call(services, 'reports.section.json', { sectionId: section.id });
    expect(content.text).toContain('Twee centra werken samen.');

    const phone = after.hits.find((entry) => entry.kind === 'phone');
    if (!phone) throw new Error('no phone hit');
    await call(services, 'export.decide', {
      reportId: report.id,
      key: phone.key,
      kind: phone.kind,
      term: phone.text,
      decision: { action: 'allow', reason: 'Algemeen nummer van de inspectie' },
    });
    const allowed = (await call(services, 'export.review', { reportId: report.id })).hits.find(
      (entry) => entry.key === phone.key,
    );
    expect(allowed?.decision).toMatchObject({
      action: 'allow',
      reason: 'Algemeen nummer van de inspectie',
      authorName: 'Anna Peeters',
    });
    const tooShort = await refusal(services, 'export.decide', {
      reportId: report.id,
      key: phone.key,
      kind: phone.kind,
      term: phone.text,
      decision: { action: 'allow', reason: '' },
    });
    expect(tooShort.code).toBe('INVALID_INPUT');
  });

  it.skipIf(!chromiumAvailable())(
    'prints the PDF through Chromium with none of the planted names, saved where the host says',
    async () => {
      if (!printer) throw new Error('no Chromium printer');
      const target = path.join(saved.dir, 'rapport.pdf');
      const services = laptop({ chooseSavePath: async () => target, printPdf: printer.printer });
      const { report } = await plantedReport(services);
      await resolveAll(services, await call(services, 'export.review', { reportId: report.id }), report.id);
      const { jobId } = await call(services, 'export.start', {
        reportId: report.id,
        format: 'pdf',
        teamName: 'Team Inburgering',
        destination: 'dialog',
      });
      const job = await waitForJob(services, jobId);
      expect(job.state, job.error ?? '').toBe('done');
      expect(job.result?.path).toBe(target);
      const bytes = readFileSync(target);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(bytes);
      for (const name of PLANTED) expect(text, name).not.toContain(name);
      expect(text).toContain('Wie zijn ze?');
      expect(text).toContain('een van de integratiecentra');
      expect(text).toMatch(/Pagina 2 \/ \d+/);
      expect(pdfPages(bytes)).toBeGreaterThanOrEqual(3);
      expect(pdfPngs(bytes, 'export-planted-pdf', 1, 3).length).toBe(3);
      // No temporary file is left beside the saved one.
      expect(readdirSync(saved.dir).filter((name) => name.endsWith('.part'))).toEqual([]);
    },
  );

  it('veldwerk report export refuses with the hits, then writes the file after they are resolved', async () => {
    const services = laptop();
    const { report } = await plantedReport(services);
    const dir = services.profile.dir;
    const out = path.join(saved.dir, 'cli.docx');
    const capture = (): CliIo & { out: string; err: string } => {
      const io = {
        out: '',
        err: '',
        stdout: (text: string) => void (io.out += text),
        stderr: (text: string) => void (io.err += text),
        readStdin: async () => '',
        env: {},
        untilInterrupted: () => new Promise<void>(() => undefined),
      };
      return io;
    };
    const review = await call(services, 'export.review', { reportId: report.id });
    // The CLI opens the profile itself: close the services' connection first.
    await services.close();
    open.splice(0, open.length, ...open.filter((entry) => entry.services !== services));
    const first = capture();
    expect(
      await main(
        ['report', 'export', '--profile', dir, '--report', report.id, '--format', 'docx', '--out', out],
        first,
      ),
    ).toBe(1);
    expect(first.err).toContain('Export refused');
    expect(first.err).toContain('Anna Peeters');
    expect(existsSync(out)).toBe(false);

    const reopened = startServices({ profileDir: dir, transport: 'ipc', backgroundSync: false });
    await resolveAll(reopened, review, report.id);
    await reopened.close();
    const second = capture();
    expect(
      await main(
        [
          'report',
          'export',
          '--profile',
          dir,
          '--report',
          report.id,
          '--format',
          'md',
          '--out',
          out.replace('.docx', '.md'),
        ],
        second,
      ),
    ).toBe(0);
    const markdown = readFileSync(out.replace('.docx', '.md'), 'utf8');
    for (const name of PLANTED) expect(markdown, name).not.toContain(name);
    expect(markdown).toContain('## Wie zijn ze?');
    const bad = capture();
    await expect(
      main(['report', 'export', '--profile', dir, '--report', report.id, '--format', 'odt', '--out', out], bad),
    ).resolves.toBe(2);
  });
});
