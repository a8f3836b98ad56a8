import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { SwotBoard } from '../contract/swot';
import { lemmaMatrixCsv, scoredSwotCsv, toCsv } from './csv';

const headers = {
  quadrant: 'Kwadrant',
  rank: 'Rang',
  lemma: 'Lemma',
  conversations: 'Gesprekken',
  score: 'Score',
  items: 'Items',
  quadrantNames: { strengths: 'Sterktes', weaknesses: 'Zwaktes', opportunities: 'Kansen', threats: 'Bedreigingen' },
};

const row = (rank: number, name: string, conversations: number, display: string) => ({
  rank,
  lemmaId: `l${rank}`,
  name,
  conversations,
  score: Number(display.replace(',', '.')),
  display,
  itemIds: [],
});

const board: Pick<SwotBoard, 'scored' | 'matrix' | 'conversations'> = {
  scored: {
    strengths: [row(1, 'Goede samenwerking', 5, '6,3'), row(2, '=HYPERLINK("x")', 2, '2,5')],
    weaknesses: [row(1, 'Wachtlijsten; lang', 3, '3,8')],
    opportunities: [],
    threats: [row(1, '-Besparingen', 1, '1,3')],
  },
  conversations: [
    { id: 'c1', label: 'Gesprek 1', visitId: 'v1', date: null },
    { id: 'c2', label: '@Gesprek 2', visitId: 'v2', date: null },
  ],
  matrix: {
    maxCell: 2,
    rows: [
      { quadrant: 'strengths', lemmaId: 'l1', name: 'Goede samenwerking', display: '6,3', cells: [2, 1] },
      { quadrant: 'threats', lemmaId: 'l3', name: '+Besparingen', display: '1,3', cells: [0, 1] },
    ],
  },
};

describe('toCsv', () => {
  it('separates by semicolons, quotes what needs it and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['x;y', 'say "hi"'],
        ['line\nbreak', 3],
      ]),
    ).toBe('a;b\r\n"x;y";"say ""hi"""\r\n"line\nbreak";3\r\n');
  });

  it('escapes cells that a spreadsheet would run as a formula', () => {
    const csv = toCsv([['=1+1', '+32 9 123', '-2', '@SUM(A1)', '\tx', 'a=b', '=x\ny']]);
    expect(csv).toBe(`"'=1+1";"'+32 9 123";"'-2";"'@SUM(A1)";"'\tx";a=b;"'=x\ny"\r\n`);
    // Read back, the cells are still the text the team typed, with the apostrophe a spreadsheet hides.
    expect(Papa.parse<string[]>(csv.trim(), { delimiter: ';' }).data[0]?.[0]).toBe("'=1+1");
  });
});

describe('SWOT CSV exports', () => {
  it('lists the scored tables quadrant by quadrant with decimal-comma scores', () => {
    expect(scoredSwotCsv(board, headers)).toBe(
      [
        'Kwadrant;Rang;Lemma;Gesprekken;Score',
        'Sterktes;1;Goede samenwerking;5;6,3',
        `Sterktes;2;"'=HYPERLINK(""x"")";2;2,5`,
        'Zwaktes;1;"Wachtlijsten; lang";3;3,8',
        `Bedreigingen;1;"'-Besparingen";1;1,3`,
        '',
      ].join('\r\n'),
    );
  });

  it('writes the lemma × conversation matrix with row totals', () => {
    expect(lemmaMatrixCsv(board, headers)).toBe(
      [
        'Kwadrant;Lemma;Score;Gesprek 1;"\'@Gesprek 2";Items',
        'Sterktes;Goede samenwerking;6,3;2;1;3',
        `Bedreigingen;"'+Besparingen";1,3;0;1;1`,
        '',
      ].join('\r\n'),
    );
  });
});
