import type { Quadrant } from './quadrants';
import { chooseGroupThreshold, createLemmaIndex, suggestGroups, type LemmaSuggestion } from './suggest';

/*
 * Suggestions for one SWOT scope as the board and `veldwerk swot suggest` show them: proposed
 * groups of the unclustered items, cut at the threshold learned from what the team already
 * clustered in the scope, and for each group and each unclustered item the best existing lemmas
 * of its quadrant. Pure: it proposes, it never changes data.
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

export interface ScopeSuggestions {
  /** The grouping threshold used: learned from the clustered items, or the default. */
  readonly threshold: number;
  readonly groups: readonly ScopeGroupSuggestion[];
  /** For each unclustered item, the best existing lemmas of its quadrant (none when nothing fits). */
  readonly hints: readonly { readonly itemId: string; readonly lemmas: readonly LemmaSuggestion[] }[];
}

export function suggestForScope(
  input: { readonly items: readonly ScopeSuggestItem[]; readonly lemmas: readonly ScopeSuggestLemma[] },
  options: { readonly hintsPerItem?: number } = {},
): ScopeSuggestions {
  const lemmaIds = new Set(input.lemmas.map((lemma) => lemma.id));
  const clustered = input.items.filter((item) => item.lemmaId !== null && lemmaIds.has(item.lemmaId));
  const unclustered = input.items.filter((item) => item.lemmaId === null || !lemmaIds.has(item.lemmaId));
  const threshold = chooseGroupThreshold(
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
    { threshold },
  ).map((group) => {
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
  const hints = unclustered.map((item) => ({
    itemId: item.id,
    lemmas: index.suggest({ text: item.text, quadrant: item.quadrant }, { limit }),
  }));
  return { threshold, groups, hints };
}
