import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemo } from '../../db/demo/demo';
import { tokenizeDutch } from '../../shared/swot/dutch-text';
import {
  combineMeasures,
  crossValidate,
  measureGrouping,
  measureHints,
  measureSuggestionQuality,
  summarise,
  type GroupMeasure,
  type LabelledSwotItem,
  type SuggestionMethod,
  type SuggestionQuality,
} from '../../shared/swot/quality';
import { DEFAULT_TUNING, type SuggestTuning } from '../../shared/swot/tuning';
import { averageLinkage, chooseGroupQuantile, createLemmaIndex, suggestGroups } from '../../shared/swot/suggest';
import {
  Vocabulary,
  cosine,
  countTerms,
  documentFrequencies,
  inverseDocumentFrequencies,
  tfidfVector,
  unitVector,
} from '../../shared/swot/tfidf';
import { medianMs, round } from '../support/stats';
import { openTestProfile } from '../support/profile';

/*
 * Quality of the SWOT suggestions (issue 15) on real material: the development set in the team's
 * shared folder (../shared/domain/swot-dev-set.json beside the checkout: real sentences of SWOT
 * tables, each labelled with the lemma the team put it under; read from there, never copied into
 * the project). Hint top-1/top-3 are leave-one-out (every other sentence stays under its lemma),
 * grouping is measured per scope × quadrant as adjusted Rand index and pairwise F1 against the
 * team's lemmas. The demo season's items are measured too, labelled with the theme each
 * paraphrases (hand-written phrase bank; a second opinion, not a substitute for real text:
 * the thesaurus and the bank were written by the same people). A plain TF-IDF baseline (word stems only, the lemma centroid, average linkage at
 * 0.25) is measured in the same run, so the figures compare.
 */

/**
 * The development set: VELDWERK_SWOT_DEV_SET when set, else shared/domain/swot-dev-set.json in the
 * first folder above the checkout that has it (a worktree lives deeper than the main checkout).
 */
function devSetPath(): string {
  const fromEnv = process.env.VELDWERK_SWOT_DEV_SET;
  if (fromEnv) return path.resolve(fromEnv);
  let dir = path.resolve(import.meta.dirname, '../../..');
  for (;;) {
    const candidate = path.join(dir, 'shared/domain/swot-dev-set.json');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(import.meta.dirname, '../../../shared/domain/swot-dev-set.json');
    dir = parent;
  }
}

const DEV_SET = devSetPath();

interface DevSetFile {
  readonly items: readonly {
    readonly scope: string;
    readonly quadrant: string;
    readonly lemma: string;
    readonly text: string;
  }[];
}

function partition(texts: readonly string[], groups: readonly (readonly number[])[]): string[] {
  const labels = texts.map((_, index) => `single:${index}`);
  groups.forEach((members, group) => {
    if (members.length >= 2) for (const member of members) labels[member] = `group:${group}`;
  });
  return labels;
}

/**
 * Veldwerk's suggestions under a tuning. `board`: as the board runs them in a scope — the lemma
 * index holds the lemmas of the scope's other quadrants too (they shape its IDF; only the item's
 * quadrant is proposed), and the grouping cut is learned from what the team clustered in the
 * rest of the scope (chooseGroupQuantile). Without it: the group alone, at the tuning's quantile.
 */
function veldwerkWith(tuning: SuggestTuning, board = false): SuggestionMethod {
  return {
    rankLemmas: (text, lemmas, otherQuadrants = []) =>
      createLemmaIndex(
        [
          ...lemmas.map((lemma) => ({ id: lemma.name, quadrant: 'strengths' as const, ...lemma })),
          ...(board ? otherQuadrants : []).map((lemma, index) => ({
            id: `other:${index}`,
            quadrant: 'weaknesses' as const,
            ...lemma,
          })),
        ],
        tuning,
      )
        .suggest({ text, quadrant: 'strengths' }, { limit: 3, minScore: 0 })
        .map((suggestion) => suggestion.lemmaId),
    group: (texts, clustered) => {
      const quantile =
        board && clustered
          ? chooseGroupQuantile(
              clustered.map((item) => ({ text: item.text, lemmaId: item.lemma, group: item.group })),
              20,
              tuning,
            )
          : tuning.groupQuantile;
      const groups = suggestGroups(
        texts.map((text, index) => ({ id: String(index), text })),
        { tuning, quantile },
      );
      return partition(
        texts,
        groups.map((group) => group.itemIds.map(Number)),
      );
    },
  };
}

const veldwerk = veldwerkWith(DEFAULT_TUNING, true);
const veldwerkGroupAlone = veldwerkWith(DEFAULT_TUNING);

/** The tunings tried by the cross-validation: coarse, around the defaults. */
function tuningGrid(): SuggestTuning[] {
  const grid: SuggestTuning[] = [];
  for (const grams of [0, 0.3, 0.6])
    for (const concepts of [0, 0.6, 1.2])
      for (const lemmaNameWeight of [1, 2, 4])
        for (const groupQuantile of [0.7, 0.8, 0.85, 0.9, 0.93, 0.95])
          grid.push({
            weights: { words: 1, grams, concepts },
            lemmaNameWeight,
            groupQuantile,
            minGroupThreshold: DEFAULT_TUNING.minGroupThreshold,
          });
  return grid;
}

/** Leave-one-source-out figures of choosing the tuning from the grid (hints and grouping measured once per setting). */
function heldOut(items: readonly LabelledSwotItem[]) {
  const hints = new Map<string, GroupMeasure[]>();
  const grouping = new Map<string, GroupMeasure[]>();
  const measuresOf = (tuning: SuggestTuning) => {
    // Hints as the board gives them (scope-wide index); grouping at the tuning's own quantile.
    const method = { rankLemmas: veldwerkWith(tuning, true).rankLemmas, group: veldwerkWith(tuning).group };
    const hintKey = JSON.stringify([tuning.weights, tuning.lemmaNameWeight]);
    const groupKey = JSON.stringify([tuning.weights, tuning.groupQuantile]);
    let hint = hints.get(hintKey);
    if (!hint) hints.set(hintKey, (hint = measureHints(items, method.rankLemmas)));
    let group = grouping.get(groupKey);
    if (!group) grouping.set(groupKey, (group = measureGrouping(items, method.group)));
    return combineMeasures(hint, group);
  };
  const { folds, pooled } = crossValidate(
    tuningGrid(),
    measuresOf,
    (quality) => quality.hintTop1 + quality.groupingAri,
  );
  return {
    pooled,
    folds: folds.map((fold) => ({ heldOut: fold.heldOut, chosen: fold.chosen, quality: fold.quality })),
    defaultsPerSource: folds.map((fold) => ({
      source: fold.heldOut,
      quality: summarise(measuresOf(DEFAULT_TUNING).filter((measure) => measure.source === fold.heldOut)),
    })),
  };
}

/** Plain TF-IDF over word stems: centroid per lemma, average linkage at 0.25 (the method before issue 15). */
const plainTfidf: SuggestionMethod = {
  rankLemmas: (text, lemmas) => {
    const vocabulary = new Vocabulary();
    const docs = lemmas
      .flatMap((lemma) => [lemma.name, ...lemma.itemTexts])
      .map((doc) => countTerms(tokenizeDutch(doc).map((token) => vocabulary.idOf(token.stem))));
    const idf = inverseDocumentFrequencies(documentFrequencies(docs, vocabulary.size), docs.length);
    let cursor = 0;
    const centroids = lemmas.map((lemma) => {
      const sum = new Map<number, number>();
      for (let k = 0; k <= lemma.itemTexts.length; k += 1) {
        const vector = tfidfVector(docs[cursor] as Map<number, number>, idf);
        cursor += 1;
        vector.terms.forEach((term, index) => sum.set(term, (sum.get(term) ?? 0) + (vector.weights[index] as number)));
      }
      return unitVector(sum);
    });
    const ids = tokenizeDutch(text).flatMap((token) => {
      const id = vocabulary.lookup(token.stem);
      return id === undefined ? [] : [id];
    });
    const vector = tfidfVector(countTerms(ids), idf);
    return lemmas
      .map((lemma, index) => ({ name: lemma.name, score: cosine(vector, centroids[index]!) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((entry) => entry.name);
  },
  group: (texts) => {
    const vocabulary = new Vocabulary();
    const docs = texts.map((doc) => countTerms(tokenizeDutch(doc).map((token) => vocabulary.idOf(token.stem))));
    const idf = inverseDocumentFrequencies(documentFrequencies(docs, vocabulary.size), docs.length);
    return partition(
      texts,
      averageLinkage(
        docs.map((doc) => tfidfVector(doc, idf)),
        0.25,
      ),
    );
  },
};

function readDevSet(): LabelledSwotItem[] | null {
  if (!existsSync(DEV_SET)) return null;
  const file = JSON.parse(readFileSync(DEV_SET, 'utf8')) as DevSetFile;
  // Each scope × quadrant group is a source of its own: the tuning is cross-validated leaving one
  // of the 11 groups out at a time.
  return file.items.map((item) => ({
    group: `${item.scope} | ${item.quadrant}`,
    source: `${item.scope} | ${item.quadrant}`,
    scope: item.scope,
    text: item.text,
    lemma: item.lemma,
  }));
}

function compare(items: readonly LabelledSwotItem[]): {
  veldwerk: SuggestionQuality;
  veldwerkGroupAlone: SuggestionQuality;
  plainTfidfBaseline: SuggestionQuality;
} {
  return {
    veldwerk: measureSuggestionQuality(items, veldwerk),
    veldwerkGroupAlone: measureSuggestionQuality(items, veldwerkGroupAlone),
    plainTfidfBaseline: measureSuggestionQuality(items, plainTfidf),
  };
}

/** The demo season's SWOT items, each labelled with its theme, grouped per scope and quadrant. */
function demoLabelled(): LabelledSwotItem[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'veldwerk-bench-demo-'));
  const profile = openTestProfile(dir);
  try {
    return (generateDemo(profile.store, { size: 'season', labels: true }).labelledItems ?? []).map((item) => ({
      group: item.group,
      // The group is "campaign | scope | quadrant": the scope is all but the quadrant.
      scope: item.group.slice(0, item.group.lastIndexOf(' | ')),
      text: item.text,
      lemma: item.lemma,
    }));
  } finally {
    profile.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const devSet = readDevSet();
  const result: Record<string, unknown> = {
    goal: { hintTop1: 0.75, groupingAri: 0.2 },
    realDevelopmentSet: devSet
      ? {
          ...compare(devSet),
          withoutThesaurus: measureSuggestionQuality(
            devSet,
            veldwerkWith({ ...DEFAULT_TUNING, weights: { ...DEFAULT_TUNING.weights, concepts: 0 } }, true),
          ),
          heldOut: heldOut(devSet),
        }
      : { skipped: `no development set at ${DEV_SET}` },
  };
  result.demoSeason = compare(demoLabelled());
  if (devSet)
    result.measureRealDevelopmentSetMedianMs = round(
      await medianMs(3, () => measureSuggestionQuality(devSet, veldwerk)),
    );
  return result;
}
