import { QUADRANTS, type Quadrant } from './quadrants';
import { scoreSwot, type ScoreOptions, type SwotScope } from './score';

/**
 * The lemma × conversation matrix of a scope, like a QDA code matrix: one row per retained lemma
 * (quadrant order, then rank), one column per conversation (the scope's order), each cell the
 * number of the lemma's items mentioned in that conversation. The UI draws it as a heat map.
 * Rows come from `scoreSwot`, so they follow exactly the scoring rule (not-retained items have
 * no row); a row's non-zero cells are its k.
 */
export interface LemmaMatrixRow {
  readonly quadrant: Quadrant;
  readonly rank: number;
  readonly lemma: string;
  readonly display: string;
  /** Items of the lemma per conversation, in the order of `LemmaMatrix.conversations`. */
  readonly cells: readonly number[];
  /** k: conversations with at least one item (the non-zero cells). */
  readonly conversations: number;
  readonly items: number;
}

export interface LemmaMatrix {
  readonly conversations: readonly string[];
  readonly rows: readonly LemmaMatrixRow[];
  /** Largest cell (0 for an empty matrix): the top of the heat map's colour scale. */
  readonly maxCell: number;
  /** Items per conversation over all rows, for a totals line. */
  readonly columnTotals: readonly number[];
}

/** Builds the matrix; throws SwotInputError for the same inputs `scoreSwot` refuses. */
export function lemmaConversationMatrix(scope: SwotScope, options: ScoreOptions = {}): LemmaMatrix {
  const result = scoreSwot(scope, options);
  const column = new Map(scope.conversations.map((conversation, index) => [conversation, index]));
  const conversationOfItem = new Map(scope.items.map((item) => [item.id, item.conversation]));
  const columnTotals = scope.conversations.map(() => 0);
  let maxCell = 0;
  const rows: LemmaMatrixRow[] = [];
  for (const quadrant of QUADRANTS) {
    for (const lemma of result.quadrants[quadrant]) {
      const cells = scope.conversations.map(() => 0);
      for (const id of lemma.items) {
        const index = column.get(conversationOfItem.get(id) as string) as number;
        cells[index] = (cells[index] ?? 0) + 1;
        columnTotals[index] = (columnTotals[index] ?? 0) + 1;
      }
      maxCell = Math.max(maxCell, ...cells);
      rows.push({
        quadrant,
        rank: lemma.rank,
        lemma: lemma.lemma,
        display: lemma.display,
        cells,
        conversations: lemma.conversations,
        items: lemma.items.length,
      });
    }
  }
  return { conversations: [...scope.conversations], rows, maxCell, columnTotals };
}
