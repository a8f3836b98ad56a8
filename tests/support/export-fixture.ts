import type { ResolvedBlock } from '../../shared/contract/reports';
import type { ReportJson } from '../../shared/report/model';
import {
  blockKey,
  buildExportDocument,
  collectBlocks,
  type ExportDocument,
  type ExportLabels,
} from '../../shared/export/model';
import { exportLabels, translator } from '../../shared/export/labels';

/** A report chapter in the editor's JSON, with a SWOT block, a footnote, a list, a quote and a table. */
export const chapter: ReportJson = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Wat zeggen de stakeholders?' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'In ' },
        {
          type: 'counter',
          attrs: {
            blockId: 'c1',
            metric: 'visits',
            scopeKind: 'sector',
            scopeId: 'sec-ic',
            groupId: null,
            lemmaId: null,
            form: 'kOfN',
          },
        },
        { type: 'text', text: ' centra', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' werkt men samen.' },
        { type: 'footnote', attrs: { text: 'Bron: de gesprekken met de stakeholders.' } },
      ],
    },
    { type: 'swotTable', attrs: { blockId: 'b1', sectorId: 'sec-ic', groupId: 'rg-1', quadrant: 'all' } },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Eerste uitdaging' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tweede uitdaging' }] }] },
      ],
    },
    {
      type: 'orderedList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Stap een' }] }] }],
    },
    {
      type: 'blockquote',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wij zijn een lerende organisatie.' }] }],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thema' }] }] },
            { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Aantal' }] }] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Taal' }] }] },
            { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: '12' }] }] },
          ],
        },
      ],
    },
  ],
};

const evidence = (visits: string[]) => ({ items: [], conversations: [], visits });

/** Resolved values of the chapter's blocks, as the block resolvers answer them. */
export function resolvedValues(frozen = false): Map<string, ResolvedBlock> {
  const values = new Map<string, ResolvedBlock>();
  for (const block of collectBlocks([chapter])) {
    if (block.type === 'swotTable') {
      values.set(blockKey(block), {
        ok: true,
        blockId: block.attrs.blockId,
        frozen,
        value: {
          type: 'swotTable',
          sectorName: 'Integratiecentra',
          groupName: 'Stakeholders',
          conversationCount: 8,
          evidence: evidence([]),
          quadrants: [
            {
              quadrant: 'strengths',
              rows: [
                {
                  rank: 1,
                  lemma: 'Goede samenwerking',
                  lemmaId: 'l1',
                  k: 5,
                  score: 6.3,
                  display: '6,3',
                  evidence: evidence(['v1', 'v2', 'v3', 'v4', 'v5']),
                },
              ],
            },
            {
              quadrant: 'weaknesses',
              rows: [
                {
                  rank: 1,
                  lemma: 'Lange wachtlijsten',
                  lemmaId: 'l2',
                  k: 3,
                  score: 3.8,
                  display: '3,8',
                  evidence: evidence(['v1', 'v2', 'v6']),
                },
              ],
            },
            { quadrant: 'opportunities', rows: [] },
            {
              quadrant: 'threats',
              rows: [
                {
                  rank: 1,
                  lemma: 'Besparingen',
                  lemmaId: 'l3',
                  k: 1,
                  score: 1.3,
                  display: '1,3',
                  evidence: evidence(['v7']),
                },
              ],
            },
          ],
        },
      });
    }
    if (block.type === 'counter')
      values.set(blockKey(block), {
        ok: true,
        blockId: block.attrs.blockId,
        frozen,
        value: { type: 'counter', k: 4, n: 8, text: 'vier van de acht', evidence: evidence([]) },
      });
  }
  return values;
}

export const labels: ExportLabels = exportLabels(translator('nl-BE'));

export function fixtureDocument(options: { frozen?: boolean; sections?: number } = {}): ExportDocument {
  const count = options.sections ?? 1;
  return buildExportDocument({
    title: 'Sectorrapport Integratiecentra',
    campaignName: 'Werkjaar 2025-2026',
    date: '1 december 2026',
    teamName: 'Team Inburgering',
    concept: !options.frozen,
    sections: Array.from({ length: count }, (_, index) => ({
      id: `sec-${index}`,
      title: `Hoofdstuk ${index + 1}`,
      content: chapter,
    })),
    values: resolvedValues(options.frozen),
    labels,
    organisationsOf: (visits) => new Set(visits).size,
  });
}
