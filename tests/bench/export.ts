// Export of a 100-page report with 20 SWOT blocks: the anonymisation check over it, the DOCX
// (docx library, packed) and the PDF (print view printed by Chromium). Medians of a few runs;
// nothing is asserted. The page count is pdfinfo's. Ratios are to the goal (the check under a
// second) and to the baseline measured in the same run: folding the same texts, the least any
// check must do.
import { Packer } from 'docx';
import { checkAnonymity, GazetteerMatcher } from '../../shared/anonymise/check';
import { buildGazetteer } from '../../shared/anonymise/gazetteer';
import type { ResolvedBlock } from '../../shared/contract/reports';
import { foldText } from '../../shared/anonymise/fold';
import { documentUnits } from '../../shared/export/anonymise';
import { reportDocx } from '../../shared/export/docx';
import { reportHtml } from '../../shared/export/html';
import { anonymityLabels, exportLabels, translator } from '../../shared/export/labels';
import { blockKey, buildExportDocument, collectBlocks } from '../../shared/export/model';
import type { ReportJson } from '../../shared/report/model';
import { QUADRANTS } from '../../shared/swot/quadrants';
import { chromiumPrinter } from '../../services/export/chromium-pdf';
import { pdfPages } from '../support/pdf-read';
import { medianMs, round } from '../support/stats';

const CHECK_GOAL_MS = 1000;

const SENTENCES = [
  'De centra werken nauw samen met de lokale besturen en het onderwijs.',
  'Vier van de acht organisaties melden een wachtlijst voor de trajecten.',
  'De stakeholders waarderen de snelle doorverwijzing en de duidelijke afspraken.',
  'Het personeel vraagt meer tijd voor overleg en een stabiele financiering.',
  'Uitdagingen voor de sector zijn de groei van de vraag en de digitale toegang.',
];

const FIRST = ['An', 'Bart', 'Els', 'Jan', 'Lies', 'Koen', 'Sofie', 'Tom', 'Nele', 'Pieter'];
const FIRST_MORE = ['Karim', 'Fatma', 'Ilse', 'Dirk', 'Hanne', 'Wim', 'Greet', 'Luc', 'Sara', 'Youssef'];
const STEM = ['Ver', 'Lam', 'Ger', 'Bos', 'Hof', 'Mol', 'Bro', 'Cla', 'Dew', 'Pee'];
const TAIL = ['meulen', 'acker', 'mans', 'sens', 'kens', 'straete', 'wyck', 'hout', 'dries', 'poel'];

/** The index-th of 2,000 distinct Flemish-looking names. */
function personName(index: number): string {
  const first = [...FIRST, ...FIRST_MORE][index % 20] ?? 'An';
  const last = `${STEM[Math.floor(index / 20) % 10] ?? 'Ver'}${TAIL[Math.floor(index / 200) % 10] ?? 'mans'}`;
  return `${first} ${last}`;
}

function paragraph(index: number): ReportJson {
  const text = Array.from({ length: 6 }, (_, offset) => SENTENCES[(index + offset) % SENTENCES.length]).join(' ');
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

export async function run({ full }: { full: boolean }): Promise<Record<string, unknown>> {
  const t = translator('nl-BE');
  const labels = exportLabels(t);
  const sections = Array.from({ length: 20 }, (_, s) => ({
    id: `sec-${s}`,
    title: `Hoofdstuk ${s + 1}`,
    content: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Bevindingen ${s + 1}` }] },
        ...Array.from({ length: 40 }, (_, p) => paragraph(s * 40 + p)),
        { type: 'swotTable', attrs: { blockId: `b${s}`, sectorId: 'ic', groupId: `g${s}`, quadrant: 'all' } },
      ],
    } satisfies ReportJson,
  }));
  const values = new Map<string, ResolvedBlock>();
  for (const block of collectBlocks(sections.map((section) => section.content))) {
    if (block.type !== 'swotTable') continue;
    const rows = (quadrant: string) =>
      Array.from({ length: 6 }, (_, r) => ({
        rank: r + 1,
        lemma: `${quadrant} lemma ${r + 1}`,
        lemmaId: `l${r}`,
        k: 8 - r,
        score: (10 * (8 - r)) / 12,
        display: ((10 * (8 - r)) / 12).toFixed(1).replace('.', ','),
        evidence: { items: [], conversations: [], visits: ['v1', 'v2', 'v3', 'v4'].slice(0, 4 - (r % 3)) },
      }));
    values.set(blockKey(block), {
      ok: true,
      blockId: block.attrs.blockId,
      frozen: false,
      value: {
        type: 'swotTable',
        sectorName: 'Integratiecentra',
        groupName: 'Personeel',
        conversationCount: 12,
        evidence: { items: [], conversations: [], visits: [] },
        quadrants: QUADRANTS.map((quadrant) => ({ quadrant, rows: rows(quadrant) })),
      },
    });
  }
  const doc = buildExportDocument({
    title: 'Eindrapport',
    campaignName: 'Werkjaar 2025-2026',
    date: '1 december 2026',
    teamName: 'Team',
    concept: true,
    sections,
    values,
    labels,
    organisationsOf: (visits) => visits.length,
  });
  const gazetteerSource = {
    sectors: [{ id: 'ic', code: 'IC', name: 'Integratiecentra' }],
    regions: ['Antwerpen', 'Gent', 'Limburg', 'Brussel'].map((name) => ({ id: name, name })),
    organisations: Array.from({ length: 25 }, (_, index) => ({
      id: `o${index}`,
      name: `Integratiecentrum Voorbeeld${index}`,
      sectorId: 'ic',
      regionId: ['Antwerpen', 'Gent', 'Limburg', 'Brussel'][index % 4] ?? 'Gent',
    })),
    members: Array.from({ length: 20 }, (_, index) => ({ id: `m${index}`, name: `Lid${index} Achternaam${index}` })),
    // 2,000 distinct people met, as notes name them: a gazetteer of thousands of entries.
    texts: Array.from({ length: 2000 }, (_, index) => `Gesprek met mevrouw ${personName(index)} over de werking.`),
  };
  let gazetteer = buildGazetteer(gazetteerSource);
  const runs = full ? 5 : 3;
  // Building the gazetteer from the records (mining 2,000 notes) is done once per review.
  const gazetteerMs = await medianMs(runs, () => {
    gazetteer = buildGazetteer(gazetteerSource);
  });
  const options = { labels: anonymityLabels(t) };
  const { units: baselineUnits } = documentUnits(doc);
  const foldMs = await medianMs(runs, () => {
    for (const unit of baselineUnits) foldText(unit.text);
  });
  let hits = 0;
  const checkMs = await medianMs(runs, () => {
    const { units, figures } = documentUnits(doc);
    hits = checkAnonymity(units, figures, new GazetteerMatcher(gazetteer), options).hits.length;
  });
  let docxBytes = 0;
  const docxMs = await medianMs(runs, async () => {
    docxBytes = (await Packer.toBuffer(reportDocx(doc, labels))).byteLength;
  });
  const printer = await chromiumPrinter();
  let pdfMs: number | null = null;
  let pages: number | null = null;
  if (printer) {
    try {
      const html = reportHtml(doc, labels);
      let pdf = new Uint8Array();
      pdfMs = await medianMs(runs, async () => {
        pdf = new Uint8Array((await printer.printer(html)).pdf);
      });
      pages = pdfPages(pdf);
    } finally {
      await printer.close();
    }
  }
  return {
    report: {
      sections: sections.length,
      swotBlocks: values.size,
      paragraphs: sections.length * 40,
      gazetteerEntries: gazetteer.entries.length,
    },
    gazetteerBuildMedianMs: round(gazetteerMs),
    /** The check with its matcher compiled, as every review does (the gazetteer built before). */
    checkMedianMs: round(checkMs),
    checkGoalMs: CHECK_GOAL_MS,
    checkOverGoal: round(checkMs / CHECK_GOAL_MS, 2),
    checkOverFolding: round(checkMs / foldMs, 2),
    checkHits: hits,
    docxMedianMs: round(docxMs),
    docxBytes,
    pdfMedianMs: pdfMs === null ? 'no Chromium' : round(pdfMs),
    pdfPages: pages,
    pdfMsPerPage: pdfMs === null || !pages ? null : round(pdfMs / pages, 2),
    pdfOverDocx: pdfMs === null ? null : round(pdfMs / docxMs, 2),
  };
}
