import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, crossValidate, measureSuggestionQuality, pairwiseF1, type GroupMeasure } from './quality';

describe('clustering quality', () => {
  it('gives 1 for the same partition under other names and about 0 for an unrelated one', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'a', 'a'], ['x', 'x', 'x', 'x'])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBeLessThan(0);
    // The textbook example (Hubert & Arabie's formula): 0.24242...
    expect(adjustedRandIndex(['1', '1', '1', '2', '2', '2'], ['1', '1', '2', '2', '3', '3'])).toBeCloseTo(0.2424, 3);
    expect(() => adjustedRandIndex(['a'], [])).toThrow(RangeError);
  });

  it('counts pairs for pairwise precision, recall and F1', () => {
    expect(pairwiseF1(['a', 'a', 'b'], ['x', 'x', 'x'])).toEqual({ precision: 1 / 3, recall: 1, f1: 0.5 });
    expect(pairwiseF1(['a', 'b'], ['x', 'y'])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('measures hints leave-one-out and groupings per group', () => {
    const items = [
      { group: 'g', text: 'one', lemma: 'A' },
      { group: 'g', text: 'one one', lemma: 'A' },
      { group: 'g', text: 'two', lemma: 'B' },
      { group: 'g', text: 'two two', lemma: 'B' },
    ];
    const perfect = {
      rankLemmas: (text: string) => [text.startsWith('one') ? 'A' : 'B'],
      group: (texts: readonly string[]) => texts.map((text) => text.split(' ')[0] as string),
    };
    expect(measureSuggestionQuality(items, perfect)).toEqual({
      items: 4,
      groups: 1,
      hintedItems: 4,
      hintTop1: 1,
      hintTop3: 1,
      groupingAri: 1,
      groupingPairwiseF1: 1,
    });
    // An item alone under its lemma cannot be hinted (its lemma is not on the board without it).
    expect(measureSuggestionQuality([...items, { group: 'g', text: 'three', lemma: 'C' }], perfect).hintedItems).toBe(
      4,
    );
    const seen: number[] = [];
    measureSuggestionQuality(items, {
      rankLemmas: (_text, lemmas) => {
        seen.push(lemmas.reduce((sum, lemma) => sum + lemma.itemTexts.length, 0));
        return [];
      },
      group: (texts) => texts.map(() => 'all'),
    });
    expect(seen).toEqual([3, 3, 3, 3]); // the item itself is left out
  });

  it("shows a method the scope's other groups when the set names the scope, and nothing else", () => {
    const items = [
      { group: 's1|strengths', scope: 's1', text: 'a1', lemma: 'A' },
      { group: 's1|strengths', scope: 's1', text: 'a2', lemma: 'A' },
      { group: 's1|weaknesses', scope: 's1', text: 'w1', lemma: 'W' },
      { group: 's1|weaknesses', scope: 's1', text: 'w2', lemma: 'V' },
      { group: 's2|strengths', scope: 's2', text: 'z1', lemma: 'Z' },
      { group: 's2|strengths', scope: 's2', text: 'z2', lemma: 'Z' },
    ];
    const hintContext: string[] = [];
    const groupContext: string[] = [];
    measureSuggestionQuality(items, {
      rankLemmas: (_text, _lemmas, otherQuadrants) => {
        hintContext.push((otherQuadrants ?? []).map((lemma) => `${lemma.name}:${lemma.itemTexts.join('+')}`).join(','));
        return [];
      },
      group: (texts, clustered) => {
        groupContext.push(`${texts.join('+')}<-${(clustered ?? []).map((item) => item.text).join('+')}`);
        return texts.map(() => 'all');
      },
    });
    // s1|strengths sees the weaknesses' lemmas; s1|weaknesses has no lemma with another item (not hinted); s2 has no other group.
    expect(hintContext).toEqual(['W:w1,V:w2', 'W:w1,V:w2', '', '']);
    expect(groupContext).toEqual(['a1+a2<-w1+w2', 'w1+w2<-a1+a2', 'z1+z2<-']);
    // Without a scope, a method is called as before (no third argument, no clustered items).
    const calls: number[] = [];
    measureSuggestionQuality(
      items.map(({ scope: _scope, ...item }) => item),
      {
        rankLemmas: (...args) => {
          calls.push(args.length);
          return [];
        },
        group: (...args) => {
          calls.push(args.length);
          return args[0].map(() => 'all');
        },
      },
    );
    expect(new Set(calls)).toEqual(new Set([2, 1]));
  });

  it('cross-validates a choice by source: each source is measured with what the others chose', () => {
    const measure = (source: string, top1: number): GroupMeasure => ({
      group: `${source}|g`,
      source,
      items: 10,
      hinted: 10,
      top1,
      top3: 10,
      ari: 0,
      f1: 0,
    });
    // Candidate x is best on sources a and b, y only on c: whichever source is held out, the other two choose x.
    const table: Record<string, GroupMeasure[]> = {
      x: [measure('a', 9), measure('b', 8), measure('c', 2)],
      y: [measure('a', 1), measure('b', 2), measure('c', 5)],
    };
    const { folds, pooled } = crossValidate(
      ['x', 'y'],
      (candidate) => table[candidate]!,
      (quality) => quality.hintTop1,
    );
    expect(folds.map((fold) => [fold.heldOut, fold.chosen, fold.quality.hintTop1])).toEqual([
      ['a', 'x', 0.9],
      ['b', 'x', 0.8],
      ['c', 'x', 0.2],
    ]);
    expect(pooled.hintTop1).toBeCloseTo(19 / 30, 3);
    expect(() =>
      crossValidate(
        [],
        () => [],
        () => 0,
      ),
    ).toThrow(RangeError);
  });
});
