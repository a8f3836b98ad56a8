import Papa from 'papaparse';
import type { SwotBoard } from '../contract/swot';
import { QUADRANTS, type Quadrant } from '../swot/quadrants';

/**
 * CSV as Flemish spreadsheets read it: `;` between cells, CRLF line ends, cells quoted only when
 * they need it, and formula escaping. A cell starting with =, +, -, @, a tab or a carriage return
 * would be run as a formula by Excel or LibreOffice (CSV injection), so papaparse prefixes it with
 * an apostrophe. papaparse's own default pattern (`/^[=+\-@\t\r].*$/`) misses a cell with a line
 * break after the first character, hence the explicit pattern.
 * Every CSV export of the app goes through this one function.
 */
export const CSV_FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  if (rows.length === 0) return '';
  return `${Papa.unparse(
    rows.map((row) => [...row]),
    { delimiter: ';', newline: '\r\n', escapeFormulae: CSV_FORMULA_START, quotes: false },
  )}\r\n`;
}

export interface SwotCsvHeaders {
  readonly quadrant: string;
  readonly rank: string;
  readonly lemma: string;
  readonly conversations: string;
  readonly score: string;
  /** Column heading of the matrix's row totals. */
  readonly items: string;
  readonly quadrantNames: Readonly<Record<Quadrant, string>>;
}

/** The scored SWOT tables of a scope: one row per retained lemma, quadrant by quadrant, rank order; scores as displayed (decimal comma). */
export function scoredSwotCsv(board: Pick<SwotBoard, 'scored'>, headers: SwotCsvHeaders): string {
  const rows: Array<Array<string | number>> = [
    [headers.quadrant, headers.rank, headers.lemma, headers.conversations, headers.score],
  ];
  for (const quadrant of QUADRANTS) {
    for (const row of board.scored[quadrant])
      rows.push([headers.quadrantNames[quadrant], row.rank, row.name, row.conversations, row.display]);
  }
  return toCsv(rows);
}

/** The lemma × conversation matrix of a scope: one row per lemma, one column per conversation, items per cell. */
export function lemmaMatrixCsv(board: Pick<SwotBoard, 'matrix' | 'conversations'>, headers: SwotCsvHeaders): string {
  const rows: Array<Array<string | number>> = [
    [
      headers.quadrant,
      headers.lemma,
      headers.score,
      ...board.conversations.map((conversation) => conversation.label),
      headers.items,
    ],
  ];
  for (const row of board.matrix.rows) {
    rows.push([
      headers.quadrantNames[row.quadrant],
      row.name,
      row.display,
      ...row.cells,
      row.cells.reduce((sum, cell) => sum + cell, 0),
    ]);
  }
  return toCsv(rows);
}
