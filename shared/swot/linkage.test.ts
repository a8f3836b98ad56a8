import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageLinkage, similarityMatrix } from './linkage';
import { referenceAverageLinkage } from './linkage-reference';
import { cosine, unitVector, type SparseVector } from './tfidf';

/** Unit vectors over a few terms; small weights from a short list, so that equal similarities (ties) are common. */
const vectorsArb = fc
  .array(
    fc.dictionary(fc.integer({ min: 0, max: 9 }).map(String), fc.constantFrom(0.2, 0.5, 1, 1.7, 3), { maxKeys: 4 }),
    { minLength: 0, maxLength: 60 },
  )
  .map((raw) =>
    raw.map((weights) => unitVector(new Map(Object.entries(weights).map(([term, weight]) => [Number(term), weight])))),
  );

describe('averageLinkage against the previous implementation (linkage-reference.ts)', () => {
  it('gives exactly the same clusters, in the same order, at a fixed threshold', () => {
    fc.assert(
      fc.property(vectorsArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (vectors, threshold) => {
        expect(averageLinkage(vectors, threshold)).toEqual(referenceAverageLinkage(vectors, threshold));
      }),
      { numRuns: 400 },
    );
  });

  it('gives exactly the same clusters at a relative threshold', () => {
    fc.assert(
      fc.property(
        vectorsArb,
        fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (vectors, quantile, floor) => {
          expect(averageLinkage(vectors, { quantile, floor })).toEqual(
            referenceAverageLinkage(vectors, { quantile, floor }),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees on a large random input with many items per term', () => {
    let seed = 15;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const vectors: SparseVector[] = Array.from({ length: 400 }, () => {
      const weights = new Map<number, number>();
      for (let k = 0; k < 5; k += 1) weights.set(Math.floor(random() * 40), 0.1 + random());
      return unitVector(weights);
    });
    for (const cut of [0.2, 0.35, { quantile: 0.9, floor: 0.05 }, { quantile: 0.97, floor: 0.05 }])
      expect(averageLinkage(vectors, cut)).toEqual(referenceAverageLinkage(vectors, cut));
  });
});

describe('similarityMatrix', () => {
  it('holds every pairwise cosine, symmetric, with a zero diagonal', () => {
    fc.assert(
      fc.property(vectorsArb, (vectors) => {
        const n = vectors.length;
        const matrix = similarityMatrix(vectors);
        const at = (i: number, j: number) => matrix.values[matrix.rowBase[i]! + matrix.columnOffset[j]!];
        expect(matrix.size).toBe(n);
        const seen = new Set<number>();
        for (let i = 0; i < n; i += 1)
          for (let j = 0; j < n; j += 1) {
            const expected = i === j ? 0 : cosine(vectors[i]!, vectors[j]!);
            expect(at(i, j)).toBeCloseTo(expected, 12);
            expect(at(i, j)).toBe(at(j, i));
            seen.add(matrix.rowBase[i]! + matrix.columnOffset[j]!);
          }
        expect(seen.size).toBe(n * n); // every entry has a place of its own
      }),
      { numRuns: 100 },
    );
  });
});
