import { describe, expect, it } from 'vitest';
import { checkAnonymity, isFigureKey } from '../anonymise/check';
import { buildGazetteer } from '../anonymise/gazetteer';
import { applyDocumentReplacements, documentUnits, replaceInInlines } from './anonymise';
import { swotRowCells, type ExportDocument } from './model';

const labels = {
  person: '[naam]',
  organisation: 'een organisatie',
  organisationOfSector: 'een van de {{sector}}',
  region: 'een regio',
  email: '[e-mail]',
  phone: '[telefoon]',
  number: '[nummer]',
  smallCell: 'x',
  hiddenScore: '< {{k}} org.',
};

const doc: ExportDocument = {
  title: 'Rapport',
  campaignName: 'Werkjaar',
  date: '1 december 2026',
  teamName: 'Team',
  concept: true,
  sections: [
    {
      id: 'sec-1',
      title: 'Hoofdstuk',
      blocks: [
        {
          kind: 'paragraph',
          inlines: [
            { kind: 'text', text: 'Bij Centrum ' },
            { kind: 'text', text: 'Samenleven', bold: true },
            { kind: 'text', text: ' zei An Smet iets.' },
            { kind: 'footnote', text: 'Volgens An Smet.' },
          ],
        },
        {
          kind: 'swot',
          title: 'IC · Personeel',
          conversationCount: 4,
          live: true,
          quadrants: [
            {
              quadrant: 'strengths',
              rows: [{ rank: 1, lemma: 'Centrum Samenleven helpt', k: 1, display: '2,5', organisations: 1 }],
            },
          ],
        },
      ],
    },
  ],
};

const gazetteer = buildGazetteer({
  sectors: [{ id: 'ic', code: 'IC', name: 'Integratiecentra' }],
  regions: [],
  organisations: [{ id: 'o1', name: 'Centrum Samenleven', sectorId: 'ic', regionId: 'r1' }],
  members: [{ id: 'm1', name: 'An Smet' }],
  texts: [],
});

describe('the check over the export model', () => {
  it('checks paragraphs across formatting runs, footnotes, SWOT lemma names and small cells', () => {
    const { units, figures } = documentUnits(doc);
    const result = checkAnonymity(units, figures, gazetteer, { labels });
    expect(result.hits.map((hit) => [hit.unitId, hit.text])).toEqual([
      ['s0.b0', 'Centrum Samenleven'],
      ['s0.b0', 'An Smet'],
      ['s0.b0.fn1', 'An Smet'],
      ['s0.b1.strengths0', 'Centrum Samenleven'],
      ['s0.b1.strengths0', 'Centrum Samenleven helpt: 2,5'],
    ]);
  });

  it('replaces the chosen labels everywhere, keeping the marks of the first run and the footnote in place', () => {
    const { units, figures } = documentUnits(doc);
    const result = checkAnonymity(units, figures, gazetteer, { labels, sectorNames: { ic: 'Integratiecentra' } });
    const replaced = applyDocumentReplacements(
      doc,
      result.hits,
      new Map(result.hits.filter((hit) => hit.kind !== 'smallCell').map((hit) => [hit.key, hit.suggestions[0] ?? ''])),
    );
    const [paragraph, swot] = replaced.sections[0]?.blocks ?? [];
    expect(paragraph).toEqual({
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: 'Bij een van de integratiecentra' },
        { kind: 'text', text: ' zei [naam] iets.' },
        { kind: 'footnote', text: 'Volgens [naam].' },
      ],
    });
    expect(swot?.kind === 'swot' ? swot.quadrants[0]?.rows[0]?.lemma : null).toBe('Een van de integratiecentra helpt');
    // The small cell was not decided: its score is still shown.
    expect(swot?.kind === 'swot' ? swot.quadrants[0]?.rows[0]?.suppressed : null).toBeUndefined();
  });

  it('hides the score and count of a small cell in a table, in every writer, when that is chosen', () => {
    const { units, figures } = documentUnits(doc);
    const result = checkAnonymity(units, figures, gazetteer, { labels, k: 3 });
    const cell = result.hits.find((hit) => isFigureKey(hit.key));
    expect(cell?.suggestions).toEqual(['< 3 org.']);
    const replaced = applyDocumentReplacements(doc, result.hits, new Map([[cell?.key ?? '', '< 3 org.']]));
    const swot = replaced.sections[0]?.blocks[1];
    const row = swot?.kind === 'swot' ? swot.quadrants[0]?.rows[0] : undefined;
    expect(row?.suppressed).toBe('< 3 org.');
    if (!row) throw new Error('no row');
    const exportLabels = { kOfN: '{{k}} van {{n}}' } as Parameters<typeof swotRowCells>[2];
    expect(swotRowCells(row, 4, exportLabels)).toEqual({ score: '< 3 org.', count: '–' });
    expect(swotRowCells({ ...row, suppressed: undefined }, 4, exportLabels)).toEqual({
      score: '2,5',
      count: '1 van 4',
    });
    // The lemma's own text is still checked and replaced as before.
    expect(row.lemma).toBe('Centrum Samenleven helpt');
    // Checked again, the hidden cell is no hit any more (the export gate's second pass).
    const again = documentUnits(replaced);
    expect(again.figures).toEqual([]);
  });

  it('replaces ranges that span runs and line breaks', () => {
    expect(
      replaceInInlines(
        [{ kind: 'text', text: 'ab' }, { kind: 'break' }, { kind: 'text', text: 'cd', italic: true }],
        [{ start: 1, end: 4, label: 'X' }],
      ),
    ).toEqual([
      { kind: 'text', text: 'aX' },
      { kind: 'text', text: 'd', italic: true },
    ]);
  });
});
