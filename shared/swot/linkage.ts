import type { SparseVector } from './tfidf';

/*
 * Average-linkage agglomerative clustering of unit vectors for suggestGroups (suggest.ts), cut
 * where the average similarity between two groups falls below a threshold: a number, or
 * relative (a quantile of the pairwise similarities, never below a floor).
 *
 * It runs the nearest-neighbour-chain algorithm on a dense n×n similarity matrix: O(n²) time and
 * n² doubles (8 MB for 1,000 items), with the same result as the naive O(n³) greedy algorithm
 * because average linkage is reducible. A cluster whose best similarity is below the threshold
 * is retired early: merges of others are averages, so its best similarity can never rise again.
 *
 * Laid out for the memory system (issue 15: 1,000 items in one quadrant took most of the 200 ms
 * budget): the matrix is stored in 16 × 16 tiles (SimilarityMatrix), so the column the merged
 * cluster rewrites on every merge is no longer one cache line and one page per entry; it is
 * filled row by row from typed-array postings; the relative cut's quantile comes from a
 * histogram and one bin instead of a copy of all n(n−1)/2 pairs; and the chain scans and
 * updates only the clusters that can still merge, kept in an ascending list with their matrix
 * offsets, instead of every index with a test per index. The arithmetic and the order of every
 * comparison are those of the previous version (linkage-reference.ts), so the clusters are
 * identical; linkage.test.ts checks that on random inputs.
 */

/** A cut relative to the similarities: their `quantile`, never below `floor`. */
export interface RelativeThreshold {
  readonly quantile: number;
  readonly floor: number;
}

/** The q-quantile (nearest rank below) of the values, by quickselect on the array (reordered in place). */
export function quantileInPlace(values: Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  return selectInPlace(values, Math.floor(q * (values.length - 1)));
}

/** Side of the square tiles the matrix is stored in: 16 × 16 doubles, 2 KB each. */
const TILE_BITS = 4;
const TILE = 1 << TILE_BITS;
const TILE_MASK = TILE - 1;

/**
 * A dense, symmetric n×n similarity matrix stored tile by tile: entry (i, j) is at
 * `values[rowBase[i] + columnOffset[j]]`. A row is read tile after tile (16 neighbours in a
 * row), and so is a column, whose 16 consecutive entries share a 2 KB tile instead of lying a
 * whole row apart: the column the merged cluster writes on every merge is what cost the
 * previous version its time (cache and TLB misses on a row-major 8 MB matrix).
 */
export interface SimilarityMatrix {
  readonly size: number;
  readonly values: Float64Array;
  readonly rowBase: Int32Array;
  readonly columnOffset: Int32Array;
}

/**
 * Pairwise cosines of unit vectors (zero diagonal). Row i is accumulated from the postings
 * (typed arrays) of i's terms among the earlier vectors, in the order of i's terms, so every sum
 * is added up exactly as the previous version did; then the lower triangle is mirrored.
 */
export function similarityMatrix(vectors: readonly SparseVector[]): SimilarityMatrix {
  const n = vectors.length;
  const tiles = (n + TILE_MASK) >> TILE_BITS;
  const values = new Float64Array(tiles * tiles * TILE * TILE);
  const rowBase = new Int32Array(n);
  const columnOffset = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    rowBase[i] = (((i >> TILE_BITS) * tiles) << (2 * TILE_BITS)) + ((i & TILE_MASK) << TILE_BITS);
    columnOffset[i] = ((i >> TILE_BITS) << (2 * TILE_BITS)) + (i & TILE_MASK);
  }
  let maxTerm = -1;
  let entries = 0;
  for (const vector of vectors) {
    entries += vector.terms.length;
    for (let k = 0; k < vector.terms.length; k += 1) maxTerm = Math.max(maxTerm, vector.terms[k] as number);
  }
  // Postings in one array, term by term (compressed sparse columns).
  const begin = new Int32Array(maxTerm + 2);
  for (const vector of vectors)
    for (let k = 0; k < vector.terms.length; k += 1) {
      const slot = (vector.terms[k] as number) + 1;
      begin[slot] = (begin[slot] as number) + 1;
    }
  for (let term = 0; term <= maxTerm; term += 1)
    begin[term + 1] = (begin[term + 1] as number) + (begin[term] as number);
  const end = begin.slice(0, maxTerm + 1);
  const docs = new Int32Array(entries);
  const weights = new Float64Array(entries);
  for (let doc = 0; doc < n; doc += 1) {
    const vector = vectors[doc] as SparseVector;
    const row = rowBase[doc] as number;
    for (let k = 0; k < vector.terms.length; k += 1) {
      const term = vector.terms[k] as number;
      const weight = vector.weights[k] as number;
      const stop = end[term] as number;
      for (let p = begin[term] as number; p < stop; p += 1) {
        const at = row + (columnOffset[docs[p] as number] as number);
        values[at] = (values[at] as number) + (weights[p] as number) * weight;
      }
      docs[stop] = doc;
      weights[stop] = weight;
      end[term] = stop + 1;
    }
  }
  for (let i = 1; i < n; i += 1) {
    const row = rowBase[i] as number;
    const column = columnOffset[i] as number;
    for (let j = 0; j < i; j += 1)
      values[(rowBase[j] as number) + column] = values[row + (columnOffset[j] as number)] as number;
  }
  return { size: n, values, rowBase, columnOffset };
}

const BINS = 4096;

/**
 * The q-quantile (nearest rank below, as quantileInPlace) of the similarities of the n(n−1)/2
 * pairs, without copying them all: a histogram over [0, 1] finds the bin of the wanted rank,
 * and only that bin's values are selected among. Same value as quantileInPlace of every pair.
 */
function pairQuantile(sim: Float64Array, rowBase: Int32Array, columnOffset: Int32Array, n: number, q: number): number {
  const pairs = (n * (n - 1)) / 2;
  const k = Math.floor(q * (pairs - 1));
  // Similarities of unit vectors with non-negative weights lie in [0, 1] (up to rounding).
  const counts = new Int32Array(BINS + 1);
  for (let i = 1; i < n; i += 1) {
    const row = rowBase[i] as number;
    for (let j = 0; j < i; j += 1) {
      const scaled = (sim[row + (columnOffset[j] as number)] as number) * BINS;
      const b = scaled <= 0 ? 0 : scaled >= BINS ? BINS : scaled | 0;
      counts[b] = (counts[b] as number) + 1;
    }
  }
  let wanted = 0;
  let below = 0;
  while (below + (counts[wanted] as number) <= k) {
    below += counts[wanted] as number;
    wanted += 1;
  }
  const inBin = new Float64Array(counts[wanted] as number);
  let m = 0;
  for (let i = 1; i < n; i += 1) {
    const row = rowBase[i] as number;
    for (let j = 0; j < i; j += 1) {
      const value = sim[row + (columnOffset[j] as number)] as number;
      const scaled = value * BINS;
      const b = scaled <= 0 ? 0 : scaled >= BINS ? BINS : scaled | 0;
      if (b === wanted) inBin[m++] = value;
    }
  }
  return selectInPlace(inBin, k - below);
}

/** The k-th smallest value (0-based) of the array, by quickselect (reordered in place). */
function selectInPlace(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i += 1;
      while ((values[j] as number) > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

/**
 * The clusters that can still merge (live, not retired), ascending, each with its row base and
 * column offset beside it, so the scans read the matrix without looking them up.
 */
class ActiveList {
  readonly ids: Int32Array;
  readonly rows: Int32Array;
  readonly columns: Int32Array;
  count: number;

  constructor(rowBase: Int32Array, columnOffset: Int32Array) {
    this.count = rowBase.length;
    this.ids = Int32Array.from({ length: this.count }, (_, index) => index);
    this.rows = rowBase.slice();
    this.columns = columnOffset.slice();
  }

  remove(id: number): void {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.ids[mid] as number;
      if (at === id) {
        this.ids.copyWithin(mid, mid + 1, this.count);
        this.rows.copyWithin(mid, mid + 1, this.count);
        this.columns.copyWithin(mid, mid + 1, this.count);
        this.count -= 1;
        return;
      }
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }
}

/**
 * Average-linkage clusters (sorted lists of indices into `vectors`, unit vectors) joined at
 * similarity ≥ threshold: a number, or relative to the pairwise similarities of the vectors.
 * Clusters in order of their first member.
 */
export function averageLinkage(vectors: readonly SparseVector[], cut: number | RelativeThreshold): number[][] {
  const n = vectors.length;
  const { values: sim, rowBase, columnOffset } = similarityMatrix(vectors);
  let threshold = typeof cut === 'number' ? cut : Infinity;
  if (typeof cut !== 'number' && n >= 2) {
    threshold = Math.max(cut.floor, pairQuantile(sim, rowBase, columnOffset, n, cut.quantile));
  }
  const size = new Int32Array(n).fill(1);
  const live = new Uint8Array(n).fill(1); // still a cluster (not merged into another)
  // The clusters that may still merge (live and not retired), ascending: the only ones scanned.
  const active = new ActiveList(rowBase, columnOffset);
  const { ids, rows, columns } = active;
  const members: number[][] = Array.from({ length: n }, (_, index) => [index]);
  const chain: number[] = [];
  while (active.count > 0) {
    if (chain.length === 0) chain.push(ids[0] as number);
    const a = chain[chain.length - 1] as number;
    const previous = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    const row = rowBase[a] as number;
    let best = previous;
    let bestSim = previous >= 0 ? (sim[row + (columnOffset[previous] as number)] as number) : -Infinity;
    const count = active.count;
    for (let k = 0; k < count; k += 1) {
      const c = ids[k] as number;
      if (c === a) continue;
      const s = sim[row + (columns[k] as number)] as number;
      if (s > bestSim) {
        best = c;
        bestSim = s;
      }
    }
    if (best < 0 || bestSim < threshold) {
      for (const done of chain) active.remove(done);
      chain.length = 0;
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    // Merge `previous` into `a` (Lance–Williams update for average linkage), for the clusters
    // that can still merge: a retired cluster's similarities are never read again.
    const b = previous;
    const sa = size[a] as number;
    const sb = size[b] as number;
    const rowB = rowBase[b] as number;
    const columnA = columnOffset[a] as number;
    for (let k = 0; k < count; k += 1) {
      const c = ids[k] as number;
      if (c === a || c === b) continue;
      const column = columns[k] as number;
      const merged = (sa * (sim[row + column] as number) + sb * (sim[rowB + column] as number)) / (sa + sb);
      sim[row + column] = merged;
      sim[(rows[k] as number) + columnA] = merged;
    }
    size[a] = sa + sb;
    live[b] = 0;
    active.remove(b);
    members[a] = [...(members[a] as number[]), ...(members[b] as number[])];
    members[b] = [];
  }
  const clusters: number[][] = [];
  for (let index = 0; index < n; index += 1)
    if (live[index]) clusters.push((members[index] as number[]).sort((x, y) => x - y));
  return clusters;
}
