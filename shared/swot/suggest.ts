import { compareDutch } from './collation';
import {
  combinedVector,
  countsInCorpus,
  featureCorpus,
  isExplainingTerm,
  isWordTerm,
  type FeatureCorpus,
} from './features';
import { averageLinkage, type RelativeThreshold } from './linkage';
import { adjustedRandIndex } from './quality';
import type { Quadrant } from './quadrants';
import { cosine, unitVector, type SparseVector } from './tfidf';
import { DEFAULT_TUNING, type SuggestTuning } from './tuning';

/*
 * Offline suggestions for the clustering board, from Dutch text similarity (word stems, character
 * grams of compounds and thesaurus concepts; see features.ts) measured as TF-IDF cosine (tfidf.ts). Suggestions are proposals:
 * these functions are pure and never change data; the user accepts or rejects each.
 *
 * suggestGroups: average-linkage agglomerative clustering of the unclustered items of each
 * quadrant, cut where the average similarity between two groups falls below the threshold. The
 * threshold is relative by default: the `groupQuantile` quantile of the pairwise similarities of
 * the items being grouped (tuning.ts), never below `minGroupThreshold`. How similar two texts on
 * one theme are depends on how long and how worded a campaign's items are; a cut among the
 * scope's own similarities follows that, where one constant suits one campaign and not the next.
 * The clustering itself (nearest-neighbour chain on a dense similarity matrix) is linkage.ts.
 *
 * suggestLemma / createLemmaIndex: each existing lemma is the normalised sum (centroid) of the
 * vectors of its name (counted `lemmaNameWeight` times, tuning.ts: the team chose it to say what the lemma
 * is about) and of its items' texts; a new item is compared with every centroid. The more items
 * the team has put under a lemma, the better its centroid: the hints learn from the board.
 *
 * chooseGroupQuantile: the quantile that best reproduces what the team already clustered in
 * this scope (adjusted Rand index against their lemmas), so the cut follows the campaign's own
 * granularity instead of a constant.
 */

export interface SuggestItem {
  readonly id: string;
  readonly text: string;
  /** When given, items are grouped only with items of the same quadrant. */
  readonly quadrant?: Quadrant;
}

export interface GroupSuggestion {
  readonly quadrant: Quadrant | null;
  /** Members in input order. */
  readonly itemIds: readonly string[];
  /** Proposed lemma name: the text of the most representative member (the medoid). */
  readonly name: string;
  readonly representativeItemId: string;
  /** Mean pairwise cosine similarity of the members, 0..1, three decimals. */
  readonly confidence: number;
  /** Up to three words most members share, as written (lower case), strongest first. */
  readonly terms: readonly string[];
}

export interface GroupOptions {
  /** Least average similarity for two groups to be joined, in (0, 1]. Default: relative, see `quantile`. */
  readonly threshold?: number;
  /**
   * Without a threshold: groups join while their average similarity is at least this quantile
   * of the pairwise similarities of the quadrant's items (and the tuning's minGroupThreshold), in
   * (0, 1). Default the tuning's groupQuantile.
   */
  readonly quantile?: number;
  /** Least members of a proposed group. Default 2. */
  readonly minGroupSize?: number;
  /** Feature weights (and the default quantile). Default DEFAULT_TUNING. */
  readonly tuning?: SuggestTuning;
}

export { averageLinkage, quantileInPlace, type RelativeThreshold } from './linkage';

export const DEFAULT_GROUP_QUANTILE = DEFAULT_TUNING.groupQuantile;

function surfaceOf(corpus: FeatureCorpus, term: number): string {
  let best = '';
  let bestCount = 0;
  for (const [form, count] of corpus.surfaces.get(term) ?? []) {
    if (count > bestCount || (count === bestCount && compareDutch(form, best) < 0)) {
      best = form;
      bestCount = count;
    }
  }
  return best || corpus.vocabulary.termOf(term).slice(2);
}

const round3 = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;

/** Proposes groupings of unclustered items, biggest groups first (then most confident, then earliest). */
export function suggestGroups(items: readonly SuggestItem[], options: GroupOptions = {}): GroupSuggestion[] {
  const tuning = options.tuning ?? DEFAULT_TUNING;
  const quantile = options.quantile ?? tuning.groupQuantile;
  const cut: number | RelativeThreshold = options.threshold ?? { quantile, floor: tuning.minGroupThreshold };
  const minGroupSize = options.minGroupSize ?? 2;
  if (options.threshold !== undefined && !(options.threshold > 0 && options.threshold <= 1))
    throw new RangeError(`threshold must be in (0, 1], not ${options.threshold}`);
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`quantile must be in (0, 1), not ${quantile}`);
  if (!Number.isInteger(minGroupSize) || minGroupSize < 2)
    throw new RangeError(`minGroupSize must be a whole number ≥ 2, not ${minGroupSize}`);
  const corpus = featureCorpus(items.map((item) => item.text));
  const vectors = corpus.counts.map((counts) => combinedVector(counts, corpus.idf, tuning.weights));

  const partitions = new Map<Quadrant | null, number[]>();
  items.forEach((item, index) => {
    const key = item.quadrant ?? null;
    const list = partitions.get(key);
    if (list) list.push(index);
    else partitions.set(key, [index]);
  });

  const suggestions: { suggestion: GroupSuggestion; first: number }[] = [];
  for (const [quadrant, indices] of partitions) {
    for (const cluster of averageLinkage(
      indices.map((index) => vectors[index] as SparseVector),
      cut,
    )) {
      if (cluster.length < minGroupSize) continue;
      const memberIndices = cluster.map((local) => indices[local] as number);
      suggestions.push({
        suggestion: describeGroup(items, vectors, corpus, quadrant, memberIndices),
        first: memberIndices[0] as number,
      });
    }
  }
  suggestions.sort(
    (x, y) =>
      y.suggestion.itemIds.length - x.suggestion.itemIds.length ||
      y.suggestion.confidence - x.suggestion.confidence ||
      x.first - y.first,
  );
  return suggestions.map((entry) => entry.suggestion);
}

function describeGroup(
  items: readonly SuggestItem[],
  vectors: readonly SparseVector[],
  corpus: FeatureCorpus,
  quadrant: Quadrant | null,
  memberIndices: readonly number[],
): GroupSuggestion {
  const m = memberIndices.length;
  const totals = new Float64Array(m);
  let pairSum = 0;
  for (let i = 0; i < m; i += 1) {
    for (let j = i + 1; j < m; j += 1) {
      const s = cosine(
        vectors[memberIndices[i] as number] as SparseVector,
        vectors[memberIndices[j] as number] as SparseVector,
      );
      totals[i] = (totals[i] as number) + s;
      totals[j] = (totals[j] as number) + s;
      pairSum += s;
    }
  }
  let medoid = 0;
  for (let i = 1; i < m; i += 1) if ((totals[i] as number) > (totals[medoid] as number)) medoid = i;
  const representative = items[memberIndices[medoid] as number] as SuggestItem;

  const weight = new Map<number, number>();
  const spread = new Map<number, number>();
  for (const index of memberIndices) {
    const vector = vectors[index] as SparseVector;
    for (let k = 0; k < vector.terms.length; k += 1) {
      const term = vector.terms[k] as number;
      weight.set(term, (weight.get(term) ?? 0) + (vector.weights[k] as number));
      spread.set(term, (spread.get(term) ?? 0) + 1);
    }
  }
  const terms = withoutParts(
    [...weight]
      .filter(([term]) => (spread.get(term) ?? 0) >= 2 && isWordTerm(corpus, term))
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .map(([term]) => surfaceOf(corpus, term)),
  ).slice(0, 3);

  return {
    quadrant,
    itemIds: memberIndices.map((index) => (items[index] as SuggestItem).id),
    name: representative.text.trim(),
    representativeItemId: representative.id,
    confidence: round3(pairSum / ((m * (m - 1)) / 2)),
    terms,
  };
}

export interface LemmaCandidate {
  readonly id: string;
  readonly name: string;
  readonly quadrant?: Quadrant;
  /** Texts of the items already under the lemma. */
  readonly itemTexts: readonly string[];
}

export interface LemmaSuggestion {
  readonly lemmaId: string;
  readonly name: string;
  readonly quadrant: Quadrant | null;
  /** Cosine similarity of the item with the lemma's centroid, 0..1, three decimals. */
  readonly score: number;
  /** Words the item shares with the lemma, as written, strongest first. */
  readonly terms: readonly string[];
}

export interface LemmaSuggestOptions {
  /** Most suggestions answered. Default 3. */
  readonly limit?: number;
  /** Least score of a suggestion. Default 0.05. */
  readonly minScore?: number;
  /** Also suggest lemmas of other quadrants than the item's. Default false. */
  readonly anyQuadrant?: boolean;
}

export interface LemmaIndex {
  /** The best existing lemmas for an item, highest score first (then name, Dutch collation). */
  suggest(
    item: { readonly text: string; readonly quadrant?: Quadrant },
    options?: LemmaSuggestOptions,
  ): LemmaSuggestion[];
}

/** Prepares the lemmas once, for suggesting a lemma to many items. */
export function createLemmaIndex(
  lemmas: readonly LemmaCandidate[],
  tuning: SuggestTuning = DEFAULT_TUNING,
): LemmaIndex {
  const texts = lemmas.flatMap((lemma) => [lemma.name, ...lemma.itemTexts]);
  const corpus = featureCorpus(texts);
  let cursor = 0;
  const centroids = lemmas.map((lemma) => {
    const sum = new Map<number, number>();
    for (let k = 0; k <= lemma.itemTexts.length; k += 1) {
      const vector = combinedVector(
        corpus.counts[cursor] as FeatureCorpus['counts'][number],
        corpus.idf,
        tuning.weights,
      );
      const weight = k === 0 ? tuning.lemmaNameWeight : 1;
      cursor += 1;
      for (let t = 0; t < vector.terms.length; t += 1)
        sum.set(
          vector.terms[t] as number,
          (sum.get(vector.terms[t] as number) ?? 0) + weight * (vector.weights[t] as number),
        );
    }
    return unitVector(sum);
  });

  return {
    suggest(item, options = {}) {
      const limit = options.limit ?? 3;
      const minScore = options.minScore ?? 0.05;
      // Features of the item that no lemma has cannot match; they are left out of its vector.
      const vector = combinedVector(countsInCorpus(corpus, item.text), corpus.idf, tuning.weights);
      const found: LemmaSuggestion[] = [];
      lemmas.forEach((lemma, index) => {
        if (
          !options.anyQuadrant &&
          item.quadrant !== undefined &&
          lemma.quadrant !== undefined &&
          lemma.quadrant !== item.quadrant
        )
          return;
        const centroid = centroids[index] as SparseVector;
        const score = cosine(vector, centroid);
        if (score < minScore || score === 0) return;
        // A hint must say why: character grams alone (a shared syllable) are no reason.
        const terms = sharedTerms(vector, centroid, corpus);
        if (terms.length === 0) return;
        found.push({
          lemmaId: lemma.id,
          name: lemma.name,
          quadrant: lemma.quadrant ?? null,
          score: round3(score),
          terms,
        });
      });
      return found.sort((x, y) => y.score - x.score || compareDutch(x.name, y.name)).slice(0, limit);
    },
  };
}

function sharedTerms(a: SparseVector, b: SparseVector, corpus: FeatureCorpus): string[] {
  const shared: [number, number][] = [];
  let j = 0;
  for (let i = 0; i < a.terms.length; i += 1) {
    while (j < b.terms.length && (b.terms[j] as number) < (a.terms[i] as number)) j += 1;
    if (j < b.terms.length && b.terms[j] === a.terms[i] && isExplainingTerm(corpus, a.terms[i] as number))
      shared.push([a.terms[i] as number, (a.weights[i] as number) * (b.weights[j] as number)]);
  }
  // Words first (a shared word is the clearest reason), then shared themes, by weight; each written form once.
  const words = shared.filter(([term]) => isWordTerm(corpus, term));
  const themes = shared.filter(([term]) => !isWordTerm(corpus, term));
  const byWeight = (x: [number, number], y: [number, number]) => y[1] - x[1] || x[0] - y[0];
  const surfaces = [...words.sort(byWeight), ...themes.sort(byWeight)].map(([term]) => surfaceOf(corpus, term));
  return withoutParts(surfaces).slice(0, 3);
}

/**
 * Shown words once each, and without the parts of a compound that is shown itself ("wacht" and
 * "lijsten" say nothing "wachtlijsten" does not): order kept.
 */
function withoutParts(surfaces: readonly string[]): string[] {
  const unique = [...new Set(surfaces)];
  return unique.filter((surface) => !unique.some((other) => other !== surface && other.includes(surface)));
}

/** The best existing lemmas for one item; for many items, build `createLemmaIndex` once. */
export function suggestLemma(
  item: { readonly text: string; readonly quadrant?: Quadrant },
  lemmas: readonly LemmaCandidate[],
  options: LemmaSuggestOptions = {},
): LemmaSuggestion[] {
  return createLemmaIndex(lemmas).suggest(item, options);
}

export interface LabelledItem {
  readonly text: string;
  /** The lemma the team put the item under. */
  readonly lemmaId: string;
  /** Items are compared only within their quadrant (and scope, when the caller keys it so). */
  readonly group: string;
}

/** Quantiles tried by chooseGroupQuantile, coarse on purpose. */
export const GROUP_QUANTILE_CANDIDATES: readonly number[] = [0.8, 0.85, 0.9, 0.93, 0.95, 0.97];

/**
 * The grouping quantile (GroupOptions.quantile) that best reproduces the team's own clustering
 * of `labelled` items (mean adjusted Rand index over their groups), or the tuning's default when
 * fewer than `minItems` items are clustered yet (too little to learn from).
 */
export function chooseGroupQuantile(
  labelled: readonly LabelledItem[],
  minItems = 20,
  tuning: SuggestTuning = DEFAULT_TUNING,
): number {
  const fallback = tuning.groupQuantile;
  if (labelled.length < minItems) return fallback;
  const groups = new Map<string, LabelledItem[]>();
  for (const item of labelled) {
    const list = groups.get(item.group);
    if (list) list.push(item);
    else groups.set(item.group, [item]);
  }
  const usable = [...groups.values()].filter(
    (items) => items.length >= 3 && new Set(items.map((item) => item.lemmaId)).size >= 2,
  );
  if (usable.length === 0) return fallback;
  const prepared = usable.map((items) => {
    const corpus = featureCorpus(items.map((item) => item.text));
    return { items, vectors: corpus.counts.map((counts) => combinedVector(counts, corpus.idf, tuning.weights)) };
  });
  let best = fallback;
  let bestScore = -Infinity;
  for (const quantile of GROUP_QUANTILE_CANDIDATES) {
    let total = 0;
    for (const { items, vectors } of prepared) {
      const predicted = new Array<string>(items.length);
      averageLinkage(vectors, { quantile, floor: tuning.minGroupThreshold }).forEach((cluster, index) => {
        for (const member of cluster) predicted[member] = String(index);
      });
      total += adjustedRandIndex(
        items.map((item) => item.lemmaId),
        predicted,
      );
    }
    if (total > bestScore + 1e-9) {
      best = quantile;
      bestScore = total;
    }
  }
  return best;
}
