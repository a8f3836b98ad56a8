import { compoundParts } from './dutch-compounds';
import { DUTCH_CONCEPTS } from './dutch-concepts';
import { DUTCH_STOP_WORDS, foldWord, stemDutch, tokenizeDutch } from './dutch-text';
import { DEFAULT_TUNING, type FeatureWeights } from './tuning';
import { EMPTY_VECTOR, Vocabulary, countTerms, inverseDocumentFrequencies, type SparseVector } from './tfidf';

/*
 * The features the SWOT suggestions compare texts by, in three blocks, each a TF-IDF vector of
 * its own, combined with fixed weights into one unit vector (so a dot product is a weighted sum
 * of the three cosines):
 * - words: content-word stems (dutch-text.ts) — the strongest signal, and the words shown to
 *   people as the reason for a suggestion;
 * - grams: character 3- to 5-grams of each content word with its boundaries, so the parts of a
 *   compound meet the words they are made of ("tolkenlandschap" ~ "tolken", "personeelstekort" ~
 *   "personeel") and small typos still match;
 * - concepts: themes of the small thesaurus (dutch-concepts.ts) the words belong to, so a
 *   paraphrase ("vlotte samenwerking" ~ "goede band met de partners") still meets.
 * The block weights are part of the suggestions' tuning (tuning.ts).
 */

/** A gram in more than this share of the texts (and more than GRAM_MIN_COMMON of them) is too common to count. */
const GRAM_COMMON_SHARE = 0.05;
const GRAM_MIN_COMMON = 3;

type Block = keyof FeatureWeights;
const BLOCKS: readonly Block[] = ['words', 'grams', 'concepts'];

interface ConceptIndex {
  readonly byStem: ReadonlyMap<string, readonly number[]>;
  readonly prefixes: readonly (readonly [string, number])[];
}

let conceptIndex: ConceptIndex | undefined;

function concepts(): ConceptIndex {
  if (conceptIndex) return conceptIndex;
  const byStem = new Map<string, number[]>();
  const prefixes: [string, number][] = [];
  DUTCH_CONCEPTS.forEach((line, concept) => {
    for (const entry of line.split(' ')) {
      const folded = foldWord(entry);
      if (folded.endsWith('*')) prefixes.push([folded.slice(0, -1), concept]);
      else {
        const stem = stemDutch(folded);
        const list = byStem.get(stem);
        if (list) list.push(concept);
        else byStem.set(stem, [concept]);
      }
    }
  });
  conceptIndex = { byStem, prefixes };
  return conceptIndex;
}

const conceptCache = new Map<string, readonly number[]>();
const CACHE_LIMIT = 50_000;

/** The thesaurus concepts a folded word belongs to (by its stem, or by a '*' word beginning). Memoised. */
export function conceptsOf(folded: string): readonly number[] {
  const known = conceptCache.get(folded);
  if (known) return known;
  const index = concepts();
  const found = new Set(index.byStem.get(stemDutch(folded)) ?? []);
  for (const [prefix, concept] of index.prefixes) if (folded.startsWith(prefix)) found.add(concept);
  const result = [...found].sort((a, b) => a - b);
  if (conceptCache.size >= CACHE_LIMIT) conceptCache.clear();
  conceptCache.set(folded, result);
  return result;
}

const gramCache = new Map<string, readonly string[]>();

/** Character 3- to 5-grams of a folded word, with '<' and '>' marking its start and end. Memoised. */
export function characterGrams(folded: string): readonly string[] {
  const known = gramCache.get(folded);
  if (known) return known;
  const marked = `<${folded}>`;
  const grams: string[] = [];
  for (let n = 3; n <= 5; n += 1) for (let i = 0; i + n <= marked.length; i += 1) grams.push(marked.slice(i, i + n));
  if (gramCache.size >= CACHE_LIMIT) gramCache.clear();
  gramCache.set(folded, grams);
  return grams;
}

const keyCache = new Map<string, { readonly grams: readonly string[]; readonly concepts: readonly string[] }>();

/** The gram and concept keys of one folded word (with the block prefixes). Memoised: a scope repeats its words. */
function wordKeys(folded: string): { readonly grams: readonly string[]; readonly concepts: readonly string[] } {
  const known = keyCache.get(folded);
  if (known) return known;
  const grams: string[] = [];
  const themes = new Set<number>();
  if (folded.length >= 2 && !DUTCH_STOP_WORDS.has(folded)) {
    for (const part of folded.split('-'))
      if (part.length >= 3 && !DUTCH_STOP_WORDS.has(part)) {
        for (const gram of characterGrams(part)) grams.push(`c:${gram}`);
        // The words of a compound count as words of their own: their grams with their own
        // boundaries ("<tekort>" in "personeelstekort") and their themes.
        for (const word of compoundParts(part)) {
          for (const gram of characterGrams(word)) grams.push(`c:${gram}`);
          for (const concept of conceptsOf(word)) themes.add(concept);
        }
      }
    for (const concept of conceptsOf(folded)) themes.add(concept);
    if (folded.includes('-'))
      for (const part of folded.split('-'))
        if (part.length >= 2) for (const concept of conceptsOf(part)) themes.add(concept);
  }
  const keys = { grams, concepts: [...themes].map((concept) => `k:${concept}`) };
  if (keyCache.size >= CACHE_LIMIT) keyCache.clear();
  keyCache.set(folded, keys);
  return keys;
}

const partCache = new Map<string, readonly Shown[]>();

/** The word keys of the parts of a compound word (lower case, as written). Memoised. */
function partWords(surface: string): readonly Shown[] {
  const known = partCache.get(surface);
  if (known) return known;
  const parts = compoundParts(foldWord(surface))
    .filter((part) => !DUTCH_STOP_WORDS.has(part))
    .map((part) => ({ key: `w:${stemDutch(part)}`, surface: part }));
  if (partCache.size >= CACHE_LIMIT) partCache.clear();
  partCache.set(surface, parts);
  return parts;
}

/** A feature key with the word, as written, that it came from. */
export interface Shown {
  readonly key: string;
  readonly surface: string;
}

/** The feature keys of one text per block (words as stems; keys carry their block as a prefix). */
export function textFeatures(text: string): { words: Shown[]; grams: Shown[]; concepts: Shown[] } {
  // Content words, each followed by the words of its compound ("taalbeleid" → taal, beleid).
  const words: Shown[] = [];
  for (const token of tokenizeDutch(text)) {
    words.push({ key: `w:${token.stem}`, surface: token.surface });
    for (const part of partWords(token.surface)) words.push(part);
  }
  const grams: Shown[] = [];
  const conceptKeys: Shown[] = [];
  // Hyphenated compounds ("NT2-partners") stay one word for the grams and concepts.
  for (const raw of text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)) {
    const surface = raw.replace(/^-+|-+$/g, '');
    const keys = wordKeys(foldWord(surface));
    for (const key of keys.grams) grams.push({ key, surface });
    for (const key of keys.concepts) conceptKeys.push({ key, surface });
  }
  return { words, grams, concepts: conceptKeys };
}

/** Feature vectors of a set of texts over one vocabulary, with the written forms of the word stems. */
export interface FeatureCorpus {
  readonly vocabulary: Vocabulary;
  /** Per text, the counts per block. */
  readonly counts: readonly Record<Block, Map<number, number>>[];
  /** For each word or concept term, how often each written form occurred: the most frequent one is shown. */
  readonly surfaces: Map<number, Map<string, number>>;
  /** Inverse document frequencies over this corpus (terms of every block). */
  readonly idf: Float64Array;
}

export function featureCorpus(texts: readonly string[]): FeatureCorpus {
  const vocabulary = new Vocabulary();
  const surfaces = new Map<number, Map<string, number>>();
  const shown = ({ key, surface }: Shown) => {
    const id = vocabulary.idOf(key);
    let forms = surfaces.get(id);
    if (!forms) surfaces.set(id, (forms = new Map()));
    forms.set(surface, (forms.get(surface) ?? 0) + 1);
    return id;
  };
  // Only five-letter grams are ever shown (isExplainingTerm), so only theirs need written forms.
  const gram = ({ key, surface }: Shown) => (key.length === 2 + 5 ? shown({ key, surface }) : vocabulary.idOf(key));
  const counts = texts.map((text) => {
    const features = textFeatures(text);
    return {
      words: countTerms(features.words.map(shown)),
      grams: countTerms(features.grams.map(gram)),
      concepts: countTerms(features.concepts.map(shown)),
    };
  });
  // Each term lives in one block, so one document frequency table serves all three (per text: any block).
  const df = new Int32Array(vocabulary.size);
  for (const entry of counts)
    for (const block of BLOCKS) for (const term of entry[block].keys()) df[term] = (df[term] as number) + 1;
  const idf = inverseDocumentFrequencies(df, texts.length);
  // A character gram found in many texts is a common syllable ("en>", "ver"), not a shared word
  // part: it is dropped (weight 0), which also keeps the similarity matrix of a large scope fast.
  const commonGram = Math.max(GRAM_MIN_COMMON, GRAM_COMMON_SHARE * texts.length);
  for (let term = 0; term < vocabulary.size; term += 1)
    if ((df[term] ?? 0) > commonGram && vocabulary.termOf(term).startsWith('c:')) idf[term] = 0;
  return { vocabulary, counts, surfaces, idf };
}

/** The combined unit vector of counts per block, under the corpus's idf (unknown terms ignored). */
export function combinedVector(
  counts: Record<Block, ReadonlyMap<number, number>>,
  idf: Float64Array,
  blockWeights: FeatureWeights = DEFAULT_TUNING.weights,
): SparseVector {
  // Same as scaling each block's unit TF-IDF vector by √weight and normalising the sum, in one pass
  // and one sort (this runs for every item of a scope on every board read).
  const terms: number[] = [];
  const weights: number[] = [];
  for (const block of BLOCKS) {
    if (blockWeights[block] <= 0) continue;
    const start = terms.length;
    let norm = 0;
    for (const [term, count] of counts[block]) {
      const inverse = idf[term];
      if (inverse === undefined || inverse <= 0) continue;
      const weight = (1 + Math.log(count)) * inverse;
      terms.push(term);
      weights.push(weight);
      norm += weight * weight;
    }
    if (norm === 0) continue;
    const scale = Math.sqrt(blockWeights[block]) / Math.sqrt(norm);
    for (let k = start; k < weights.length; k += 1) weights[k] = (weights[k] as number) * scale;
  }
  let total = 0;
  for (const weight of weights) total += weight * weight;
  if (total === 0) return EMPTY_VECTOR;
  const length = Math.sqrt(total);
  const order = terms.map((_, index) => index).sort((a, b) => (terms[a] as number) - (terms[b] as number));
  return {
    terms: Int32Array.from(order, (index) => terms[index] as number),
    weights: Float64Array.from(order, (index) => (weights[index] as number) / length),
  };
}

/** Counts per block of a new text against an existing corpus's vocabulary (words it lacks are left out). */
export function countsInCorpus(corpus: FeatureCorpus, text: string): Record<Block, Map<number, number>> {
  const features = textFeatures(text);
  const ids = (keys: readonly string[]) =>
    keys.map((key) => corpus.vocabulary.lookup(key)).filter((id): id is number => id !== undefined);
  return {
    words: countTerms(ids(features.words.map((word) => word.key))),
    grams: countTerms(ids(features.grams.map((gram) => gram.key))),
    concepts: countTerms(ids(features.concepts.map((concept) => concept.key))),
  };
}

/** Whether a term id is a word stem (shown to people as a shared word). */
export function isWordTerm(corpus: FeatureCorpus, term: number): boolean {
  return corpus.vocabulary.termOf(term).startsWith('w:');
}

/**
 * Whether a term id can explain a suggestion to people: a shared word, a shared theme of the
 * thesaurus, or a shared five-letter word part (the parts of a compound: "tolkenlandschap" ~
 * "tolken"); shorter grams are too common a syllable to be a reason.
 */
export function isExplainingTerm(corpus: FeatureCorpus, term: number): boolean {
  const name = corpus.vocabulary.termOf(term);
  return name.startsWith('w:') || name.startsWith('k:') || (name.startsWith('c:') && name.length === 2 + 5);
}
