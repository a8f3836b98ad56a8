/*
 * Quality measures for SWOT suggestions against a labelled clustering (the team's own lemmas):
 * the adjusted Rand index and pairwise F1 of a proposed grouping, and the leave-one-out hit rate
 * of the best-lemma hint. Pure functions, used by the benchmark and by the tests; they never
 * change data and are never shown to users as an answer.
 */

/** Adjusted Rand index (Hubert & Arabie) of two labelings of the same items; 1 = identical, ~0 = chance. */
export function adjustedRandIndex(truth: readonly string[], predicted: readonly string[]): number {
  if (truth.length !== predicted.length) throw new RangeError('both labelings must cover the same items');
  const n = truth.length;
  if (n < 2) return 1;
  const pairs = (count: number) => (count * (count - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const a = truth[i] as string;
    const b = predicted[i] as string;
    const key = `${a}\u0000${b}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
  }
  let index = 0;
  for (const count of table.values()) index += pairs(count);
  let rowSum = 0;
  for (const count of rows.values()) rowSum += pairs(count);
  let columnSum = 0;
  for (const count of columns.values()) columnSum += pairs(count);
  const expected = (rowSum * columnSum) / pairs(n);
  const maximum = (rowSum + columnSum) / 2;
  if (maximum === expected) return index === expected ? 1 : 0;
  return (index - expected) / (maximum - expected);
}

/** Pairwise precision, recall and F1: a pair of items is "together" in a labeling when it shares a label. */
export function pairwiseF1(
  truth: readonly string[],
  predicted: readonly string[],
): { precision: number; recall: number; f1: number } {
  if (truth.length !== predicted.length) throw new RangeError('both labelings must cover the same items');
  let both = 0;
  let inTruth = 0;
  let inPredicted = 0;
  for (let i = 0; i < truth.length; i += 1) {
    for (let j = i + 1; j < truth.length; j += 1) {
      const t = truth[i] === truth[j];
      const p = predicted[i] === predicted[j];
      if (t) inTruth += 1;
      if (p) inPredicted += 1;
      if (t && p) both += 1;
    }
  }
  const precision = inPredicted === 0 ? 1 : both / inPredicted;
  const recall = inTruth === 0 ? 1 : both / inTruth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** One labelled SWOT item of a development set: its scope-and-quadrant group, text and lemma. */
export interface LabelledSwotItem {
  readonly group: string;
  readonly text: string;
  readonly lemma: string;
  /** Where the item comes from (one SWOT table, one campaign): the unit of cross-validation. Default: its group. */
  readonly source?: string;
  /**
   * The SWOT scope the group belongs to (its quadrants are the scope's other groups). When given,
   * a method is also shown the scope's other groups, as the board shows them: their lemmas for a
   * hint (the board's lemma index holds every quadrant's), their clustered items for grouping.
   */
  readonly scope?: string;
}

/** A lemma with the texts of its items, as a method is given it. */
export interface LemmaWithItems {
  readonly name: string;
  readonly itemTexts: readonly string[];
}

export interface SuggestionMethod {
  /** Ranked lemma names for `text`, given the other items under their lemmas (leave one out). */
  rankLemmas(text: string, lemmas: readonly LemmaWithItems[], otherQuadrants?: readonly LemmaWithItems[]): string[];
  /**
   * A partition of `texts` (one label per text); `clustered` are the items of the scope's other
   * groups under their lemmas (what the team already clustered), when the set says the scope.
   */
  group(texts: readonly string[], clustered?: readonly LabelledSwotItem[]): string[];
}

export interface SuggestionQuality {
  readonly items: number;
  readonly groups: number;
  /** Items whose lemma has other items in their group: the ones a hint can be measured on. */
  readonly hintedItems: number;
  /** Share of those items whose own lemma is the first hint, every other item staying under its lemma. */
  readonly hintTop1: number;
  readonly hintTop3: number;
  /** Mean over groups of the adjusted Rand index of the proposed grouping against the team's lemmas. */
  readonly groupingAri: number;
  readonly groupingPairwiseF1: number;
}

/** The raw counts of one scope-and-quadrant group, so that any set of groups can be summed up. */
export interface GroupMeasure {
  readonly group: string;
  readonly source: string;
  readonly items: number;
  readonly hinted: number;
  readonly top1: number;
  readonly top3: number;
  readonly ari: number;
  readonly f1: number;
}

export function groupLabelled(items: readonly LabelledSwotItem[]): LabelledSwotItem[][] {
  const groups = new Map<string, LabelledSwotItem[]>();
  for (const item of items) {
    const list = groups.get(item.group);
    if (list) list.push(item);
    else groups.set(item.group, [item]);
  }
  return [...groups.values()];
}

/** The items of the other groups of a group's scope, or undefined when the set gives no scope. */
function otherGroupsOfScope(
  items: readonly LabelledSwotItem[],
  group: readonly LabelledSwotItem[],
): LabelledSwotItem[] | undefined {
  const first = group[0];
  if (first?.scope === undefined) return undefined;
  return items.filter((item) => item.scope === first.scope && item.group !== first.group);
}

/** The lemmas of labelled items with their texts, in order of first appearance. */
function lemmasOf(items: readonly LabelledSwotItem[]): LemmaWithItems[] {
  const byName = new Map<string, string[]>();
  for (const item of items) {
    const texts = byName.get(item.lemma);
    if (texts) texts.push(item.text);
    else byName.set(item.lemma, [item.text]);
  }
  return [...byName].map(([name, itemTexts]) => ({ name, itemTexts }));
}

/** The leave-one-out hint counts of a method on the groups of a labelled set (ari and f1 left 0). */
export function measureHints(
  items: readonly LabelledSwotItem[],
  rankLemmas: SuggestionMethod['rankLemmas'],
): GroupMeasure[] {
  return groupLabelled(items).map((group) => {
    const others = otherGroupsOfScope(items, group);
    const otherQuadrants = others && lemmasOf(others);
    const names = [...new Set(group.map((item) => item.lemma))];
    let top1 = 0;
    let top3 = 0;
    let hinted = 0;
    group.forEach((item, index) => {
      // Leave one out: a lemma with no other item is not on the board for this item (nor is the item's own, if it was alone).
      const lemmas = names
        .map((name) => ({
          name,
          itemTexts: group.filter((other, j) => j !== index && other.lemma === name).map((other) => other.text),
        }))
        .filter((lemma) => lemma.itemTexts.length > 0);
      if (!lemmas.some((lemma) => lemma.name === item.lemma)) return;
      hinted += 1;
      const ranked = otherQuadrants ? rankLemmas(item.text, lemmas, otherQuadrants) : rankLemmas(item.text, lemmas);
      if (ranked[0] === item.lemma) top1 += 1;
      if (ranked.slice(0, 3).includes(item.lemma)) top3 += 1;
    });
    const first = group[0] as LabelledSwotItem;
    return {
      group: first.group,
      source: first.source ?? first.group,
      items: group.length,
      hinted,
      top1,
      top3,
      ari: 0,
      f1: 0,
    };
  });
}

/** The grouping quality of a method on the groups of a labelled set (hint counts left 0). */
export function measureGrouping(items: readonly LabelledSwotItem[], group: SuggestionMethod['group']): GroupMeasure[] {
  return groupLabelled(items).map((members) => {
    const truth = members.map((item) => item.lemma);
    const clustered = otherGroupsOfScope(items, members);
    const texts = members.map((item) => item.text);
    const predicted = clustered ? group(texts, clustered) : group(texts);
    const first = members[0] as LabelledSwotItem;
    return {
      group: first.group,
      source: first.source ?? first.group,
      items: members.length,
      hinted: 0,
      top1: 0,
      top3: 0,
      ari: adjustedRandIndex(truth, predicted),
      f1: pairwiseF1(truth, predicted).f1,
    };
  });
}

/** Hints and grouping of the same groups, measured apart, as one list. */
export function combineMeasures(hints: readonly GroupMeasure[], grouping: readonly GroupMeasure[]): GroupMeasure[] {
  const byGroup = new Map(grouping.map((measure) => [measure.group, measure]));
  return hints.map((hint) => {
    const other = byGroup.get(hint.group);
    return { ...hint, ari: other?.ari ?? 0, f1: other?.f1 ?? 0 };
  });
}

/** Sums group measures up: hint rates over items, grouping means over groups. */
export function summarise(measures: readonly GroupMeasure[]): SuggestionQuality {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const sum = (pick: (measure: GroupMeasure) => number) =>
    measures.reduce((total, measure) => total + pick(measure), 0);
  const hinted = sum((measure) => measure.hinted);
  return {
    items: sum((measure) => measure.items),
    groups: measures.length,
    hintedItems: hinted,
    hintTop1: round(sum((measure) => measure.top1) / Math.max(1, hinted)),
    hintTop3: round(sum((measure) => measure.top3) / Math.max(1, hinted)),
    groupingAri: round(sum((measure) => measure.ari) / Math.max(1, measures.length)),
    groupingPairwiseF1: round(sum((measure) => measure.f1) / Math.max(1, measures.length)),
  };
}

/** Hint and grouping quality of a method on a labelled set, per scope-and-quadrant group. */
export function measureSuggestionQuality(
  items: readonly LabelledSwotItem[],
  method: SuggestionMethod,
): SuggestionQuality {
  return summarise(combineMeasures(measureHints(items, method.rankLemmas), measureGrouping(items, method.group)));
}

export interface HeldOutFold<C> {
  readonly heldOut: string;
  /** The candidate chosen on the other sources. */
  readonly chosen: C;
  readonly quality: SuggestionQuality;
}

/**
 * Leave-one-source-out cross-validation of a choice among candidates (tuning settings): for each
 * source, the candidate with the best objective on all other sources is measured on that source.
 * `measuresOf` answers a candidate's measures of every group (memoise it: it is asked per fold).
 * The pooled figure sums the held-out measures of every fold: what the choice would score on
 * material it was not chosen on.
 */
export function crossValidate<C>(
  candidates: readonly C[],
  measuresOf: (candidate: C) => readonly GroupMeasure[],
  objective: (quality: SuggestionQuality) => number,
): { readonly folds: readonly HeldOutFold<C>[]; readonly pooled: SuggestionQuality } {
  if (candidates.length === 0) throw new RangeError('no candidates to choose from');
  const sources = [...new Set(measuresOf(candidates[0] as C).map((measure) => measure.source))];
  const folds: HeldOutFold<C>[] = [];
  const heldOutMeasures: GroupMeasure[] = [];
  for (const heldOut of sources) {
    let chosen = candidates[0] as C;
    let best = -Infinity;
    for (const candidate of candidates) {
      const score = objective(summarise(measuresOf(candidate).filter((measure) => measure.source !== heldOut)));
      if (score > best + 1e-12) {
        best = score;
        chosen = candidate;
      }
    }
    const measured = measuresOf(chosen).filter((measure) => measure.source === heldOut);
    heldOutMeasures.push(...measured);
    folds.push({ heldOut, chosen, quality: summarise(measured) });
  }
  return { folds, pooled: summarise(heldOutMeasures) };
}
