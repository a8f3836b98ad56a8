/*
 * TF-IDF vectors and cosine similarity over short texts, hand-written because it is a few lines
 * of arithmetic and the suggestion code needs sparse vectors sorted by term id for fast dot
 * products (no library at hand offers that shape without extra weight in the renderer).
 * Weights: sublinear tf (1 + ln count) × smoothed idf (ln((1 + D) / (1 + df)) + 1), each vector
 * normalised to length 1, so the dot product is the cosine.
 */

export interface SparseVector {
  /** Term ids, ascending. */
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

export const EMPTY_VECTOR: SparseVector = { terms: new Int32Array(0), weights: new Float64Array(0) };

/** Term ids for stems, assigned in order of first appearance. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  idOf(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
    }
    return id;
  }

  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  termOf(id: number): string {
    return this.names[id] as string;
  }

  get size(): number {
    return this.names.length;
  }
}

/** Term counts of one document, keyed by term id. */
export function countTerms(terms: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Document frequencies of every term over the documents. */
export function documentFrequencies(documents: readonly Map<number, number>[], vocabularySize: number): Int32Array {
  const df = new Int32Array(vocabularySize);
  for (const counts of documents) for (const term of counts.keys()) df[term] = (df[term] ?? 0) + 1;
  return df;
}

export function inverseDocumentFrequencies(df: Int32Array, documentCount: number): Float64Array {
  const idf = new Float64Array(df.length);
  for (let term = 0; term < df.length; term += 1) idf[term] = Math.log((1 + documentCount) / (1 + (df[term] ?? 0))) + 1;
  return idf;
}

/** A unit-length sparse vector from raw weights per term (zero weights dropped). */
export function unitVector(weightsByTerm: ReadonlyMap<number, number>): SparseVector {
  const entries = [...weightsByTerm].filter(([, weight]) => weight > 0).sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, weight] of entries) norm += weight * weight;
  if (norm === 0) return EMPTY_VECTOR;
  const length = Math.sqrt(norm);
  return {
    terms: Int32Array.from(entries, ([term]) => term),
    weights: Float64Array.from(entries, ([, weight]) => weight / length),
  };
}

/** The TF-IDF unit vector of one document's term counts. Terms outside `idf` are ignored. */
export function tfidfVector(counts: ReadonlyMap<number, number>, idf: Float64Array): SparseVector {
  const weights = new Map<number, number>();
  for (const [term, count] of counts) {
    const inverse = idf[term];
    if (inverse !== undefined) weights.set(term, (1 + Math.log(count)) * inverse);
  }
  return unitVector(weights);
}

/** Cosine of two unit vectors (their dot product), by merging the sorted term lists. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i] as number;
    const tb = b.terms[j] as number;
    if (ta === tb) {
      sum += (a.weights[i] as number) * (b.weights[j] as number);
      i += 1;
      j += 1;
    } else if (ta < tb) i += 1;
    else j += 1;
  }
  return sum;
}
