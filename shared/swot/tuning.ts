/*
 * The few numbers the SWOT suggestions are tuned by, in one place. The defaults were chosen on
 * the real development set (../shared/domain/swot-dev-set.json); `npm run bench -- --only
 * suggest-quality` also reports them chosen by cross-validation (tuned on two of the set's
 * three sources, measured on the third), so the figures say how well the choice transfers.
 * Kept coarse and few on purpose.
 */

export interface FeatureWeights {
  /** Content-word stems (and the parts of split compounds). */
  readonly words: number;
  /** Character 3- to 5-grams of each word. */
  readonly grams: number;
  /** Themes of the thesaurus (dutch-concepts.ts). */
  readonly concepts: number;
}

export interface SuggestTuning {
  readonly weights: FeatureWeights;
  /** How many times a lemma's name counts in its centroid, against one per item. */
  readonly lemmaNameWeight: number;
  /**
   * Where proposed groups are cut, relative to the scope: two groups join while their average
   * similarity is at least this quantile of the pairwise similarities of the quadrant's items
   * (when the scope has too little clustered to learn one from).
   */
  readonly groupQuantile: number;
  /** The cut is never lower than this similarity, so unrelated items are never grouped. */
  readonly minGroupThreshold: number;
}

export const DEFAULT_TUNING: SuggestTuning = {
  weights: { words: 0.7, grams: 0.3, concepts: 0.6 },
  lemmaNameWeight: 2,
  groupQuantile: 0.9,
  minGroupThreshold: 0.05,
};
