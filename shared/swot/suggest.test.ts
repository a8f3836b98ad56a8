import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUP_QUANTILE,
  GROUP_QUANTILE_CANDIDATES,
  averageLinkage,
  chooseGroupQuantile,
  createLemmaIndex,
  quantileInPlace,
  suggestGroups,
  suggestLemma,
  type LemmaCandidate,
  type SuggestItem,
} from './suggest';
import { cosine, unitVector, type SparseVector } from './tfidf';

const texts = [
  'Goede samenwerking met scholen',
  'Samenwerking met het OCMW loopt goed',
  'Sterke samenwerking met lokale besturen',
  'Lange wachtlijsten voor cursussen',
  'Wachtlijsten bij de taalcursus',
  'Te lange wachtlijst NT2',
  'Gemotiveerde vrijwilligers',
  'Veel vrijwilligers die helpen',
  'Subsidies van de Vlaamse overheid',
  'Nieuwe subsidie voor projecten',
  'Huisvesting is te klein',
];
const items: SuggestItem[] = texts.map((text, index) => ({ id: `i${index}`, text }));

describe('suggestGroups', () => {
  it('groups unclustered items by theme, biggest groups first, with a name, confidence and terms', () => {
    // Five themes in eleven items: about a fifth of the pairs share a theme, so a cut at the
    // 0.8 quantile of the similarities keeps each theme whole.
    const groups = suggestGroups(items, { quantile: 0.8 });
    expect(groups.map((group) => [group.itemIds, group.name, group.terms])).toEqual([
      // "taalcursus" is split into taal + cursus, so it shares "cursus" with "cursussen".
      [['i3', 'i4', 'i5'], 'Wachtlijsten bij de taalcursus', ['wachtlijsten', 'cursus']],
      [['i0', 'i1', 'i2'], 'Samenwerking met het OCMW loopt goed', ['samenwerking']],
      [['i8', 'i9'], 'Subsidies van de Vlaamse overheid', ['subsidie']],
      [['i6', 'i7'], 'Gemotiveerde vrijwilligers', ['vrijwilligers']],
    ]);
    for (const group of groups) {
      expect(group.quadrant).toBeNull();
      expect(group.confidence).toBeGreaterThan(0);
      expect(group.confidence).toBeLessThanOrEqual(1);
      expect(group.itemIds).toContain(group.representativeItemId);
    }
    expect(groups[0]!.confidence).toBeGreaterThan(groups[1]!.confidence);
    expect(groups.find((group) => group.itemIds.includes('i10'))).toBeUndefined();
  });

  it('never groups across quadrants', () => {
    const groups = suggestGroups([
      { id: 'a', text: 'Wachtlijsten', quadrant: 'weaknesses' },
      { id: 'b', text: 'wachtlijsten', quadrant: 'threats' },
      { id: 'c', text: 'Lange wachtlijsten', quadrant: 'threats' },
    ]);
    expect(groups).toEqual([
      {
        quadrant: 'threats',
        itemIds: ['b', 'c'],
        name: 'wachtlijsten',
        representativeItemId: 'b',
        confidence: 1,
        terms: ['wachtlijsten'],
      },
    ]);
  });

  it('follows the threshold and the minimum group size', () => {
    expect(suggestGroups(items, { threshold: 0.45 }).map((group) => group.itemIds.length)).toEqual([3, 2, 2]);
    expect(suggestGroups(items, { quantile: 0.8, minGroupSize: 3 }).map((group) => group.itemIds.length)).toEqual([
      3, 3,
    ]);
    expect(suggestGroups(items, { threshold: 1 })).toEqual([]);
    expect(() => suggestGroups(items, { threshold: 0 })).toThrow(RangeError);
    expect(() => suggestGroups(items, { minGroupSize: 1 })).toThrow(RangeError);
    expect(() => suggestGroups(items, { quantile: 1 })).toThrow(RangeError);
  });

  it('cuts relative to the similarities of the items by default, never below the floor', () => {
    // A higher quantile is a stricter cut: fewer items grouped.
    const grouped = (quantile: number) =>
      suggestGroups(items, { quantile }).reduce((sum, group) => sum + group.itemIds.length, 0);
    expect(grouped(0.97)).toBeLessThanOrEqual(grouped(0.9));
    expect(grouped(0.9)).toBeLessThanOrEqual(grouped(0.8));
    expect(grouped(0.8)).toBeGreaterThan(0);
    // Longer texts on the same themes are more similar to everything; the relative cut groups
    // them alike, where one constant does not.
    const padded = items.map((item) => ({ ...item, text: `${item.text} in de stad Gent` }));
    const members = (groups: ReturnType<typeof suggestGroups>) => groups.map((group) => group.itemIds.join()).sort();
    expect(members(suggestGroups(padded, { quantile: 0.8 }))).toEqual(members(suggestGroups(items, { quantile: 0.8 })));
    expect(members(suggestGroups(padded, { threshold: 0.12 }))).not.toEqual(
      members(suggestGroups(items, { threshold: 0.12 })),
    );
    // Unrelated items stay apart whatever the quantile: the floor holds.
    const unrelated = ['Fietsen', 'Boeken', 'Huisvesting', 'Computers'].map((text, index) => ({
      id: `u${index}`,
      text,
    }));
    expect(suggestGroups(unrelated, { quantile: 0.5 })).toEqual([]);
  });

  it('handles no items, one item and texts of stop words only, and leaves its input untouched', () => {
    expect(suggestGroups([])).toEqual([]);
    expect(suggestGroups([{ id: 'x', text: 'Samenwerking' }])).toEqual([]);
    expect(
      suggestGroups([
        { id: 'x', text: 'het is niet' },
        { id: 'y', text: 'het is niet' },
      ]),
    ).toEqual([]);
    const frozen = Object.freeze(items.map((item) => Object.freeze({ ...item })));
    expect(suggestGroups(frozen)).toEqual(suggestGroups(items));
  });
});

/** Average linkage the naive way: repeatedly join the two groups with the highest mean pairwise similarity. */
function naiveAverageLinkage(vectors: readonly SparseVector[], threshold: number): number[][] {
  let clusters = vectors.map((_, index) => [index]);
  for (;;) {
    let best: [number, number] | undefined;
    let bestSim = -Infinity;
    for (let a = 0; a < clusters.length; a += 1) {
      for (let b = a + 1; b < clusters.length; b += 1) {
        let sum = 0;
        for (const i of clusters[a]!) for (const j of clusters[b]!) sum += cosine(vectors[i]!, vectors[j]!);
        const mean = sum / (clusters[a]!.length * clusters[b]!.length);
        if (mean > bestSim) {
          bestSim = mean;
          best = [a, b];
        }
      }
    }
    if (!best || bestSim < threshold) return clusters.map((cluster) => [...cluster].sort((x, y) => x - y));
    const [a, b] = best;
    clusters = [...clusters.filter((_, index) => index !== a && index !== b), [...clusters[a]!, ...clusters[b]!]];
  }
}

describe('averageLinkage (nearest-neighbour chain)', () => {
  it('finds the same groups as the naive greedy algorithm', () => {
    const vectorArb = fc.dictionary(
      fc.integer({ min: 0, max: 7 }).map(String),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(
        fc.array(vectorArb, { minLength: 1, maxLength: 18 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        (raw, threshold) => {
          const vectors = raw.map((weights) =>
            unitVector(new Map(Object.entries(weights).map(([term, weight]) => [Number(term), weight]))),
          );
          const key = (clusters: number[][]) => clusters.map((cluster) => cluster.join(',')).sort();
          expect(key(averageLinkage(vectors, threshold))).toEqual(key(naiveAverageLinkage(vectors, threshold)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('suggestLemma', () => {
  const lemmas: LemmaCandidate[] = [
    {
      id: 'L1',
      name: 'Wachtlijsten',
      quadrant: 'weaknesses',
      itemTexts: ['Lange wachtlijsten voor cursussen', 'Wachtlijst NT2'],
    },
    {
      id: 'L2',
      name: 'Samenwerking',
      quadrant: 'strengths',
      itemTexts: ['Goede samenwerking met scholen', 'Netwerk met lokale besturen'],
    },
    { id: 'L3', name: 'Personeel', quadrant: 'weaknesses', itemTexts: ['Te weinig personeel', 'Personeelsverloop'] },
    { id: 'L4', name: 'Wachttijden', quadrant: 'threats', itemTexts: ['Wachtlijsten groeien'] },
  ];

  it('proposes the best existing lemma of the item quadrant with a score and shared words', () => {
    expect(suggestLemma({ text: 'Wachtlijsten voor Nederlandse les', quadrant: 'weaknesses' }, lemmas)).toEqual([
      {
        lemmaId: 'L1',
        name: 'Wachtlijsten',
        quadrant: 'weaknesses',
        score: expect.any(Number),
        terms: ['wachtlijsten', 'nt2'],
      },
    ]);
    const [best] = suggestLemma({ text: 'Samenwerking met het CLB' }, lemmas);
    expect(best).toMatchObject({ lemmaId: 'L2', terms: ['samenwerking'] });
    expect(best!.score).toBeGreaterThan(0.1);
    expect(best!.score).toBeLessThanOrEqual(1);
  });

  it('looks in other quadrants only when asked, ranking by score', () => {
    const all = suggestLemma({ text: 'wachtlijsten', quadrant: 'weaknesses' }, lemmas, { anyQuadrant: true });
    expect(all.map((suggestion) => suggestion.lemmaId)).toEqual(['L1', 'L4']);
    expect(all[0]!.score).toBeGreaterThanOrEqual(all[1]!.score);
    expect(
      suggestLemma({ text: 'wachtlijsten', quadrant: 'weaknesses' }, lemmas, { anyQuadrant: true, limit: 1 }),
    ).toHaveLength(1);
    expect(
      suggestLemma({ text: 'wachtlijsten', quadrant: 'weaknesses' }, lemmas, { anyQuadrant: true, minScore: 0.99 }),
    ).toEqual([]);
  });

  it('answers nothing for unrelated text, stop words only, or no lemmas', () => {
    expect(suggestLemma({ text: 'Huisvesting' }, lemmas)).toEqual([]);
    expect(suggestLemma({ text: 'het is niet' }, lemmas)).toEqual([]);
    expect(suggestLemma({ text: 'wachtlijsten' }, [])).toEqual([]);
  });

  it('serves many items from one index with the same answers', () => {
    const index = createLemmaIndex(lemmas);
    for (const text of texts) expect(index.suggest({ text })).toEqual(suggestLemma({ text }, lemmas));
  });
});

describe('suggestions on paraphrase and compounds', () => {
  it('meets a paraphrase through a shared theme and says which words carry it', () => {
    const lemmas: LemmaCandidate[] = [
      { id: 'rel', name: 'Goede relatie met de partners', itemTexts: ['Vlotte samenwerking met de scholen'] },
      { id: 'geld', name: 'Onvoldoende middelen', itemTexts: ['Het budget is te krap'] },
    ];
    const [best] = suggestLemma({ text: 'We hebben een sterke band met het netwerk in de stad' }, lemmas);
    expect(best?.lemmaId).toBe('rel');
    expect(best?.terms.length).toBeGreaterThan(0);
    expect(suggestLemma({ text: 'Subsidies worden afgebouwd' }, lemmas)[0]?.lemmaId).toBe('geld');
  });

  it('meets the parts of a compound', () => {
    const lemmas: LemmaCandidate[] = [
      { id: 'tolk', name: 'Tolken', itemTexts: ['Te weinig sociaal tolken beschikbaar'] },
      { id: 'huis', name: 'Huisvesting', itemTexts: ['Het gebouw is verouderd'] },
    ];
    const [best] = suggestLemma({ text: 'Het tolkenlandschap is versnipperd' }, lemmas);
    expect(best?.lemmaId).toBe('tolk');
  });
});

describe('quantileInPlace', () => {
  it('answers the nearest-rank quantile, as sorting would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          expect(quantileInPlace(Float64Array.from(values), q)).toBe(sorted[Math.floor(q * (values.length - 1))]);
        },
      ),
    );
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('chooseGroupQuantile', () => {
  it('keeps the default when the team has clustered too little to learn from', () => {
    expect(chooseGroupQuantile([])).toBe(DEFAULT_GROUP_QUANTILE);
    expect(chooseGroupQuantile([{ text: 'a', lemmaId: 'x', group: 'g' }])).toBe(DEFAULT_GROUP_QUANTILE);
  });

  it('picks one of its candidates that reproduces the team clustering at least as well as the default', () => {
    const labelled = texts.slice(0, 10).map((text, index) => ({
      text,
      lemmaId: ['s', 's', 's', 'w', 'w', 'w', 'v', 'v', 'f', 'f'][index] as string,
      group: 'one',
    }));
    const twice = [...labelled, ...labelled.map((item) => ({ ...item, group: 'two' }))];
    const chosen = chooseGroupQuantile(twice);
    expect(GROUP_QUANTILE_CANDIDATES).toContain(chosen);
    const groups = suggestGroups(
      labelled.map((item, index) => ({ id: String(index), text: item.text })),
      { quantile: chosen },
    );
    expect(groups.map((group) => group.itemIds.length).sort()).toEqual([2, 2, 3, 3]);
  });
});
