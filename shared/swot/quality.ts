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
}

export interface SuggestionMethod {
  /** Ranked lemma names for `text`, given the other items under their lemmas (leave one out). */
  rankLemmas(
    text: string,
    lemmas: readonly { readonly name: string; readonly itemTexts: readonly string[] }[],
  ): string[];
  /** A partition of `texts` (one label per text). */
  group(texts: readonly string[]): string[];
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

export function groupLabelled(items: readonly LabelledSwotItem[]): LabelledSwotItem[][] {
  const groups = new Map<string, LabelledSwotItem[]>();
  for (const item of items) {
    const list = groups.get(item.group);
    if (list) list.push(item);
    else groups.set(item.group, [item]);
  }
  return [...groups.values()];
}

/** Hint and grouping quality of a method on a labelled set, per scope-and-quadrant group. */
export function measureSuggestionQuality(
  items: readonly LabelledSwotItem[],
  method: SuggestionMethod,
): SuggestionQuality {
  const groups = groupLabelled(items);
  let top1 = 0;
  let top3 = 0;
  let hinted = 0;
  let ari = 0;
  let f1 = 0;
  for (const group of groups) {
    const names = [...new Set(group.map((item) => item.lemma))];
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
      const ranked = method.rankLemmas(item.text, lemmas);
      if (ranked[0] === item.lemma) top1 += 1;
      if (ranked.slice(0, 3).includes(item.lemma)) top3 += 1;
    });
    const truth = group.map((item) => item.lemma);
    const predicted = method.group(group.map((item) => item.text));
    ari += adjustedRandIndex(truth, predicted);
    f1 += pairwiseF1(truth, predicted).f1;
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    items: items.length,
    groups: groups.length,
    hintedItems: hinted,
    hintTop1: round(top1 / Math.max(1, hinted)),
    hintTop3: round(top3 / Math.max(1, hinted)),
    groupingAri: round(ari / Math.max(1, groups.length)),
    groupingPairwiseF1: round(f1 / Math.max(1, groups.length)),
  };
}
