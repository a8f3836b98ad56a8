import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type {
  GroupSuggestion,
  LemmaSuggestion,
  SwotBoard,
  SwotItemView,
  SwotLemmaView,
} from '../../../shared/contract/swot';

/** What the board shows: items whose text (or lemma name) holds the words, of one conversation or all. */
export interface BoardFilter {
  readonly text: string;
  /** '' for every conversation. */
  readonly conversationId: string;
}

export const NO_FILTER: BoardFilter = { text: '', conversationId: '' };

export function isFiltering(filter: BoardFilter): boolean {
  return filter.text.trim() !== '' || filter.conversationId !== '';
}

/** Lower case without accents, so "Brugge" finds "brügge" and "ééN" finds "een". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl-BE');
}

export interface LemmaView {
  readonly lemma: SwotLemmaView;
  /** The lemma's items the filter lets through (all of them without a filter). */
  readonly items: readonly SwotItemView[];
  /** How many items the lemma holds in all. */
  readonly total: number;
}

export interface BoardView {
  /** Per quadrant, the lemmas to show (in the board's order). */
  readonly lemmas: Readonly<Record<Quadrant, readonly LemmaView[]>>;
  /** Per quadrant, the unclustered items to show. */
  readonly pool: Readonly<Record<Quadrant, readonly SwotItemView[]>>;
  /** Per quadrant, how many unclustered items there are in all. */
  readonly poolTotal: Readonly<Record<Quadrant, number>>;
  readonly filtering: boolean;
}

const perQuadrant = <T>(make: () => T): Record<Quadrant, T> =>
  Object.fromEntries(QUADRANTS.map((quadrant) => [quadrant, make()])) as Record<Quadrant, T>;

/**
 * Groups the board's items under their lemmas and the pools in one pass and applies the filter:
 * an item shows when it is of the chosen conversation and its text holds every word typed; a
 * lemma shows with all its items (of that conversation) when its name holds them, otherwise with
 * the items that match, and not at all when none does. Without a filter everything shows.
 */
export function boardView(board: SwotBoard, filter: BoardFilter): BoardView {
  const words = foldText(filter.text).split(/\s+/).filter(Boolean);
  const filtering = isFiltering(filter);
  const holds = (text: string) => {
    const folded = foldText(text);
    return words.every((word) => folded.includes(word));
  };
  const inConversation = (item: SwotItemView) =>
    !filter.conversationId || item.conversationId === filter.conversationId;
  const byLemma = new Map<string, SwotItemView[]>();
  const pool = perQuadrant<SwotItemView[]>(() => []);
  const poolTotal = perQuadrant(() => 0);
  for (const item of board.items) {
    if (item.lemmaId === null) {
      poolTotal[item.quadrant] += 1;
      if (inConversation(item) && holds(item.text)) pool[item.quadrant].push(item);
    } else {
      const list = byLemma.get(item.lemmaId);
      if (list) list.push(item);
      else byLemma.set(item.lemmaId, [item]);
    }
  }
  const lemmas = perQuadrant<LemmaView[]>(() => []);
  for (const lemma of board.lemmas) {
    const all = byLemma.get(lemma.id) ?? [];
    if (!filtering) {
      lemmas[lemma.quadrant].push({ lemma, items: all, total: all.length });
      continue;
    }
    const nameHolds = words.length > 0 && holds(lemma.name);
    const items = all.filter((item) => inConversation(item) && (nameHolds || holds(item.text)));
    if (items.length > 0 || (nameHolds && !filter.conversationId))
      lemmas[lemma.quadrant].push({ lemma, items, total: all.length });
  }
  return { lemmas, pool, poolTotal, filtering };
}

/** Where a drop puts an item: under a lemma (taking its quadrant) or back in a quadrant's pool. */
export type DropPlace =
  { readonly lemmaId: string; readonly quadrant: Quadrant } | { readonly lemmaId: null; readonly quadrant: Quadrant };

/**
 * The board as it will be once a drop is stored: the item moves at once, before the store answers
 * (the board is read again after the write and that read replaces this, whatever the store said).
 * Scores and the matrix stay as they were until then.
 */
export function withItemPlaced(board: SwotBoard, itemId: string, place: DropPlace): SwotBoard {
  return {
    ...board,
    items: board.items.map((item) =>
      item.id === itemId ? { ...item, lemmaId: place.lemmaId, quadrant: place.quadrant } : item,
    ),
  };
}

/** Group and lemma suggestions in one list, the most confident first (then by key, so the order is stable). */
export function rankSuggestions(
  groups: readonly GroupSuggestion[],
  hints: readonly LemmaSuggestion[],
): readonly RankedSuggestion[] {
  const rows: RankedSuggestion[] = [
    ...groups.map((group) => ({ kind: 'group' as const, key: group.key, confidence: group.confidence, group })),
    ...hints.map((hint) => ({
      kind: 'hint' as const,
      key: `lemma:${hint.itemId}:${hint.lemmaId}`,
      confidence: hint.confidence,
      hint,
    })),
  ];
  return rows.sort((a, b) => b.confidence - a.confidence || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export type RankedSuggestion =
  | { readonly kind: 'group'; readonly key: string; readonly confidence: number; readonly group: GroupSuggestion }
  | { readonly kind: 'hint'; readonly key: string; readonly confidence: number; readonly hint: LemmaSuggestion };
