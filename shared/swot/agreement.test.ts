import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa, type ClusteringLabel } from './agreement';

/** Builds labels from a compact list of [first, second] pairs for items i0, i1, ... */
function pairs(list: ReadonlyArray<readonly [string | null, string | null]>): [ClusteringLabel[], ClusteringLabel[]] {
  return [
    list.map(([label], index) => ({ item: `i${index}`, label })),
    list.map(([, label], index) => ({ item: `i${index}`, label })),
  ];
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

describe('cohenKappa', () => {
  it('matches the textbook example (p_o 0.7, p_e 0.5, κ 0.4)', () => {
    const [first, second] = pairs([
      ...repeat(['A', 'A'] as const, 20),
      ...repeat(['A', 'B'] as const, 5),
      ...repeat(['B', 'A'] as const, 10),
      ...repeat(['B', 'B'] as const, 15),
    ]);
    const result = cohenKappa(first, second);
    expect(result).toMatchObject({
      items: 50,
      agreements: 35,
      categories: 2,
      degenerate: null,
      onlyFirst: 0,
      onlySecond: 0,
    });
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it('is 1 for identical clusterings and treats unclustered as a category', () => {
    const [first, second] = pairs([
      ['Samenwerking', 'samenwerking '],
      [null, null],
      ['Coördinatie', 'coordinatie'],
    ]);
    expect(cohenKappa(first, second)).toMatchObject({ items: 3, agreements: 3, categories: 3, observed: 1, kappa: 1 });
  });

  it('compares only the items both members labelled', () => {
    const first = [
      { item: 'a', label: 'X' },
      { item: 'b', label: 'Y' },
      { item: 'only-1', label: 'X' },
    ];
    const second = [
      { item: 'b', label: 'Y' },
      { item: 'a', label: 'X' },
      { item: 'only-2', label: null },
      { item: 'only-3', label: null },
    ];
    expect(cohenKappa(first, second)).toMatchObject({ items: 2, agreements: 2, kappa: 1, onlyFirst: 1, onlySecond: 2 });
  });

  it('can match labels exactly with a custom key', () => {
    const [first, second] = pairs([
      ['Samenwerking', 'samenwerking'],
      ['Aanbod', 'Aanbod'],
    ]);
    expect(cohenKappa(first, second, { labelKey: (label) => label })).toMatchObject({ agreements: 1, categories: 3 });
  });

  it('reports no items in common as degenerate with null figures', () => {
    expect(cohenKappa([], [{ item: 'a', label: null }])).toEqual({
      items: 0,
      agreements: 0,
      categories: 0,
      observed: null,
      expected: null,
      kappa: null,
      degenerate: 'noItems',
      onlyFirst: 0,
      onlySecond: 1,
    });
  });

  it('reports one shared category for all items as degenerate: kappa undefined, agreement 1', () => {
    const [first, second] = pairs(repeat([null, null] as const, 4));
    expect(cohenKappa(first, second)).toMatchObject({
      items: 4,
      categories: 1,
      observed: 1,
      expected: 1,
      kappa: null,
      degenerate: 'singleCategory',
    });
  });

  it('is defined (and not above 0) when only one member uses a single category', () => {
    const [first, second] = pairs([
      ['X', 'X'],
      ['X', 'Y'],
    ]);
    const result = cohenKappa(first, second);
    expect(result.degenerate).toBeNull();
    expect(result.kappa).toBe(0);
  });

  it('is -1 for perfect systematic disagreement on two balanced categories', () => {
    const [first, second] = pairs([
      ['X', 'Y'],
      ['Y', 'X'],
    ]);
    expect(cohenKappa(first, second).kappa).toBe(-1);
  });

  it('refuses an item labelled twice by one member', () => {
    expect(() =>
      cohenKappa(
        [
          { item: 'a', label: 'X' },
          { item: 'a', label: 'Y' },
        ],
        [],
      ),
    ).toThrow('the first clustering labels these items more than once: "a"');
  });

  it('is symmetric and never above 1', () => {
    const labelArb = fc.option(fc.constantFrom('A', 'B', 'C'), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(labelArb, labelArb), { minLength: 1, maxLength: 40 }), (list) => {
        const [first, second] = pairs(list);
        const forward = cohenKappa(first, second);
        const backward = cohenKappa(second, first);
        expect(backward.kappa === null ? null : backward.kappa).toEqual(
          forward.kappa === null ? null : expect.closeTo(forward.kappa, 12),
        );
        if (forward.kappa !== null) expect(forward.kappa).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});
