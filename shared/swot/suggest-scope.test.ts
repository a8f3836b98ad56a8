import { describe, expect, it, vi } from 'vitest';
import * as suggest from './suggest';
import { groupKey, learnedQuantile, suggestForScope, type ScopeSuggestItem } from './suggest-scope';

vi.mock('./suggest', async (importOriginal) => {
  const actual = await importOriginal<typeof suggest>();
  return { ...actual, chooseGroupQuantile: vi.fn(actual.chooseGroupQuantile) };
});

const items: ScopeSuggestItem[] = [
  { id: 'a', text: 'Lange wachtlijsten voor de taalcursus', quadrant: 'threats', lemmaId: null },
  { id: 'b', text: 'Wachtlijsten voor de taalcursus blijven lang', quadrant: 'threats', lemmaId: null },
  { id: 'c', text: 'Wachtlijsten bij de cursussen', quadrant: 'threats', lemmaId: 'l1' },
  { id: 'd', text: 'Taalcursus Nederlands te duur', quadrant: 'threats', lemmaId: 'l2' },
];
const lemmas = [
  { id: 'l1', name: 'Wachtlijsten', quadrant: 'threats' as const },
  { id: 'l2', name: 'Taalcursus', quadrant: 'threats' as const },
];

describe('suggestForScope', () => {
  it('leaves rejected groups out and proposes the next best lemma instead of a rejected one', () => {
    const open = suggestForScope({ items, lemmas });
    expect(open.groups.map((group) => groupKey(group.itemIds))).toEqual([groupKey(['a', 'b'])]);
    const best = open.hints.find((hint) => hint.itemId === 'a')?.lemmas[0]?.lemmaId;
    expect(best).toBeDefined();
    const rejected = suggestForScope({
      items,
      lemmas,
      rejected: { groups: [['b', 'a']], hints: [{ itemId: 'a', lemmaId: best as string }] },
    });
    expect(rejected.groups).toEqual([]);
    const next = rejected.hints.find((hint) => hint.itemId === 'a')?.lemmas ?? [];
    expect(next.map((lemma) => lemma.lemmaId)).not.toContain(best);
    // Item b's hints are untouched.
    expect(rejected.hints.find((hint) => hint.itemId === 'b')).toEqual(open.hints.find((hint) => hint.itemId === 'b'));
  });
});

describe('learnedQuantile', () => {
  it('learns the quantile once per state of the clustered items', () => {
    const choose = vi.mocked(suggest.chooseGroupQuantile);
    const clustered = Array.from({ length: 24 }, (_, index) => ({
      text: index % 2 === 0 ? `Wachtlijsten voor cursus ${index}` : `Subsidies van de overheid ${index}`,
      lemmaId: index % 2 === 0 ? 'wachtlijsten' : 'subsidies',
      group: 'threats',
    }));
    choose.mockClear();
    const first = learnedQuantile(clustered);
    expect(learnedQuantile([...clustered].reverse())).toBe(first);
    expect(choose).toHaveBeenCalledTimes(1);
    // An edit of one clustered item is a new state: learned again.
    learnedQuantile(clustered.map((item, index) => (index === 0 ? { ...item, lemmaId: 'subsidies' } : item)));
    expect(choose).toHaveBeenCalledTimes(2);
    expect(suggest.GROUP_QUANTILE_CANDIDATES).toContain(first);
  });
});
