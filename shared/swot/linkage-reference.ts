import type { RelativeThreshold } from './linkage';
import { quantileInPlace } from './linkage';
import type { SparseVector } from './tfidf';

/*
 * The average linkage of suggestGroups as it was before its speed-up (issue 15): a dense n×n
 * similarity matrix whose column of the merged cluster was rewritten on every merge. Kept
 * verbatim, not used by the app, as the reference that linkage.test.ts and the SWOT benchmark
 * compare the current averageLinkage (linkage.ts) with: same clusters, and how much faster.
 */

/** Pairwise cosines of unit vectors as a dense n×n matrix, accumulated through postings lists. */
function similarityMatrix(vectors: readonly SparseVector[]): Float64Array {
  const n = vectors.length;
  const matrix = new Float64Array(n * n);
  const postings = new Map<number, { doc: number; weight: number }[]>();
  vectors.forEach((vector, doc) => {
    for (let k = 0; k < vector.terms.length; k += 1) {
      const term = vector.terms[k] as number;
      const weight = vector.weights[k] as number;
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      for (const other of list)
        matrix[other.doc * n + doc] = (matrix[other.doc * n + doc] as number) + other.weight * weight;
      list.push({ doc, weight });
    }
  });
  for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) matrix[j * n + i] = matrix[i * n + j] as number;
  return matrix;
}

/**
 * Average-linkage clusters (sorted lists of indices into `vectors`, unit vectors) joined at
 * similarity ≥ threshold: a number, or relative to the pairwise similarities of the vectors.
 */
export function referenceAverageLinkage(vectors: readonly SparseVector[], cut: number | RelativeThreshold): number[][] {
  const n = vectors.length;
  const sim = similarityMatrix(vectors);
  let threshold = typeof cut === 'number' ? cut : Infinity;
  if (typeof cut !== 'number' && n >= 2) {
    const pairs = new Float64Array((n * (n - 1)) / 2);
    let k = 0;
    for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) pairs[k++] = sim[i * n + j] as number;
    threshold = Math.max(cut.floor, quantileInPlace(pairs, cut.quantile));
  }
  const size = new Int32Array(n).fill(1);
  const live = new Uint8Array(n).fill(1); // still a cluster (not merged into another)
  const open = new Uint8Array(n).fill(1); // may still merge (not retired)
  const members: number[][] = Array.from({ length: n }, (_, index) => [index]);
  const chain: number[] = [];
  let start = 0;
  for (;;) {
    if (chain.length === 0) {
      while (start < n && !(live[start] && open[start])) start += 1;
      if (start >= n) break;
      chain.push(start);
    }
    const a = chain[chain.length - 1] as number;
    const previous = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    let best = previous;
    let bestSim = previous >= 0 ? (sim[a * n + previous] as number) : -Infinity;
    const row = a * n;
    for (let c = 0; c < n; c += 1) {
      if (c === a || !live[c] || !open[c]) continue;
      const s = sim[row + c] as number;
      if (s > bestSim) {
        best = c;
        bestSim = s;
      }
    }
    if (best < 0 || bestSim < threshold) {
      for (const done of chain) open[done] = 0;
      chain.length = 0;
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    // Merge `previous` into `a` (Lance–Williams update for average linkage).
    const b = previous;
    const sa = size[a] as number;
    const sb = size[b] as number;
    for (let c = 0; c < n; c += 1) {
      if (c === a || c === b || !live[c]) continue;
      const merged = (sa * (sim[a * n + c] as number) + sb * (sim[b * n + c] as number)) / (sa + sb);
      sim[a * n + c] = merged;
      sim[c * n + a] = merged;
    }
    size[a] = sa + sb;
    live[b] = 0;
    members[a] = [...(members[a] as number[]), ...(members[b] as number[])];
    members[b] = [];
  }
  const clusters: number[][] = [];
  for (let index = 0; index < n; index += 1)
    if (live[index]) clusters.push((members[index] as number[]).sort((x, y) => x - y));
  return clusters;
}
