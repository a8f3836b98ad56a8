import type { Quadrant } from './quadrants';
import {
  chooseGroupQuantile,
  createLemmaIndex,
  suggestGroups,
  type LabelledItem,
  type LemmaSuggestion,
} from './suggest';

/*
 * Suggestions for one SWOT scope as the board and `veldwerk swot suggest` show them: proposed
 * groups of the unclustered items, cut at the quantile learned from what the team already
 * clustered in the scope, and for each group and each unclustered item the best existing lemmas
 * of its quadrant. Suggestions the team rejected (synced records, suggestion_rejections) are
 * never proposed again: a group of exactly those items, or that lemma for that item (the next
 * best lemma is proposed instead). Pure: it proposes, it never changes data.
 */

export interface ScopeSuggestItem {
  readonly id: string;
  readonly text: string;
  readonly quadrant: Quadrant;
  /** The lemma the item is under, or null when it is unclustered. */
  readonly lemmaId: string | null;
}

export interface ScopeSuggestLemma {
  readonly id: string;
  readonly name: string;
  readonly quadrant: Quadrant;
}

export interface ScopeGroupSuggestion {
  readonly quadrant: Quadrant;
  readonly itemIds: readonly string[];
  readonly name: string;
  readonly confidence: number;
  readonly terms: readonly string[];
  /** Existing lemmas of the quadrant that the group as a whole resembles. */
  readonly bestLemmas: readonly LemmaSuggestion[];
}

/** Suggestions the team turned down. */
export interface ScopeRejections {
  /** The members of each rejected group. */
  readonly groups: readonly (readonly string[])[];
  /** Rejected item → lemma hints. */
  readonly hints: readonly { readonly itemId: string; readonly lemmaId: string }[];
}

export const NO_REJECTIONS: ScopeRejections = { groups: [], hints: [] };

/** The key of a group by its members (order does not matter). */
export function groupKey(itemIds: readonly string[]): string {
  return [...itemIds].sort().join('\u0000');
}

/*
 * The learned quantile depends only on the clustered items (text, quadrant, lemma), and learning
 * it clusters them once per candidate: the board asks for suggestions on every change while they
 * are shown. So it is memoised per state of the clustered items (the key is their content, so an
 * edit anywhere in them is a new state and nothing stale is ever answered), a few states at most.
 */
const THRESHOLD_MEMO_LIMIT = 16;
const quantileMemo = new Map<string, number>();

/** chooseGroupQuantile, memoised by the state of the clustered items. */
export function learnedQuantile(clustered: readonly LabelledItem[]): number {
  const key = clustered
    .map((item) => `${item.group}\u0001${item.lemmaId}\u0001${item.text}`)
    .sort()
    .join('\u0000');
  const known = quantileMemo.get(key);
  if (known !== undefined) {
    quantileMemo.delete(key);
    quantileMemo.set(key, known); // most recently used last
    return known;
  }
  const quantile = chooseGroupQuantile(clustered);
  if (quantileMemo.size >= THRESHOLD_MEMO_LIMIT) quantileMemo.delete(quantileMemo.keys().next().value as string);
  quantileMemo.set(key, quantile);
  return quantile;
}

export interface ScopeSuggestions {
  /** The grouping quantile used (GroupOptions.quantile): learned from the clustered items, or the default. */
  readonly groupQuantile: number;
  readonly groups: readonly ScopeGroupSuggestion[];
  /** For each unclustered item, the best existing lemmas of its quadrant (none when nothing fits). */
  readonly hints: readonly { readonly itemId: string; readonly lemmas: readonly LemmaSuggestion[] }[];
}

export function suggestForScope(
  input: {
    readonly items: readonly ScopeSuggestItem[];
    readonly lemmas: readonly ScopeSuggestLemma[];
    readonly rejected?: ScopeRejections;
  },
  options: { readonly hintsPerItem?: number } = {},
): ScopeSuggestions {
  const rejected = input.rejected ?? NO_REJECTIONS;
  const rejectedGroups = new Set(rejected.groups.map(groupKey));
  const rejectedHints = new Map<string, Set<string>>();
  for (const hint of rejected.hints) {
    const lemmas = rejectedHints.get(hint.itemId);
    if (lemmas) lemmas.add(hint.lemmaId);
    else rejectedHints.set(hint.itemId, new Set([hint.lemmaId]));
  }
  const lemmaIds = new Set(input.lemmas.map((lemma) => lemma.id));
  const clustered = input.items.filter((item) => item.lemmaId !== null && lemmaIds.has(item.lemmaId));
  const unclustered = input.items.filter((item) => item.lemmaId === null || !lemmaIds.has(item.lemmaId));
  const groupQuantile = learnedQuantile(
    clustered.map((item) => ({ text: item.text, lemmaId: item.lemmaId as string, group: item.quadrant })),
  );
  const index = createLemmaIndex(
    input.lemmas.map((lemma) => ({
      id: lemma.id,
      name: lemma.name,
      quadrant: lemma.quadrant,
      itemTexts: clustered.filter((item) => item.lemmaId === lemma.id).map((item) => item.text),
    })),
  );
  const limit = options.hintsPerItem ?? 3;
  const textOf = new Map(unclustered.map((item) => [item.id, item.text]));
  const groups = suggestGroups(
    unclustered.map((item) => ({ id: item.id, text: item.text, quadrant: item.quadrant })),
    { quantile: groupQuantile },
  )
    .filter((group) => !rejectedGroups.has(groupKey(group.itemIds)))
    .map((group) => {
      const quadrant = group.quadrant as Quadrant;
      const joined = group.itemIds.map((id) => textOf.get(id) ?? '').join('. ');
      return {
        quadrant,
        itemIds: group.itemIds,
        name: group.name,
        confidence: group.confidence,
        terms: group.terms,
        bestLemmas: index.suggest({ text: joined, quadrant }, { limit }),
      };
    });
  const hints = unclustered.map((item) => {
    const turnedDown = rejectedHints.get(item.id);
    if (!turnedDown)
      return { itemId: item.id, lemmas: index.suggest({ text: item.text, quadrant: item.quadrant }, { limit }) };
    const lemmas = index
      .suggest({ text: item.text, quadrant: item.quadrant }, { limit: limit + turnedDown.size })
      .filter((lemma) => !turnedDown.has(lemma.lemmaId))
      .slice(0, limit);
    return { itemId: item.id, lemmas };
  });
  return { groupQuantile, groups, hints };
}
