import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignItem,
  clusteringIssues,
  clusteringToScope,
  createLemma,
  deleteLemma,
  mergeLemmas,
  moveItem,
  moveLemma,
  removeFromLemma,
  renameLemma,
  splitLemma,
  type ClusterItem,
  type Clustering,
  type LemmaOpResult,
} from './lemma-ops';
import { normalizeText } from './normalize';
import { QUADRANTS, type Quadrant } from './quadrants';
import { scoreSwot } from './score';

const item = (id: string, conversation: string, text = id, quadrant: Quadrant = 'strengths'): ClusterItem => ({
  id,
  conversation,
  quadrant,
  text,
  lemmaId: null,
});

function applied(result: LemmaOpResult): Clustering {
  if (!result.ok) throw new Error(`operation refused: ${JSON.stringify(result.error)}`);
  expect(clusteringIssues(result.clustering)).toEqual([]);
  return result.clustering;
}

const start: Clustering = {
  items: [item('a', 'c1'), item('b', 'c2'), item('c', 'c3'), item('d', 'c1', 'd', 'threats')],
  lemmas: [],
};
const lemmaOf = (clustering: Clustering, id: string) =>
  clustering.items.find((candidate) => candidate.id === id)?.lemmaId;

describe('lemma operations', () => {
  it('creates a lemma from items, moving them into its quadrant', () => {
    const next = applied(
      createLemma(start, { id: 'L1', name: ' Samenwerking ', quadrant: 'strengths', itemIds: ['a', 'd'] }),
    );
    expect(next.lemmas).toEqual([{ id: 'L1', name: 'Samenwerking', quadrant: 'strengths' }]);
    expect(next.items.find((candidate) => candidate.id === 'd')).toEqual({
      ...start.items[3],
      quadrant: 'strengths',
      lemmaId: 'L1',
    });
    expect(start.lemmas).toEqual([]); // the input is untouched
  });

  it('refuses taken ids, taken names (ignoring case and accents), blank names and unknown items', () => {
    const one = applied(createLemma(start, { id: 'L1', name: 'Coördinatie', quadrant: 'strengths', itemIds: [] }));
    expect(createLemma(one, { id: 'L1', name: 'x', quadrant: 'strengths', itemIds: [] })).toEqual({
      ok: false,
      error: { code: 'lemmaIdTaken', id: 'L1' },
    });
    expect(createLemma(one, { id: 'L2', name: 'coordinatie ', quadrant: 'strengths', itemIds: [] })).toEqual({
      ok: false,
      error: { code: 'nameTaken', name: 'Coördinatie', quadrant: 'strengths', lemmaId: 'L1' },
    });
    expect(createLemma(one, { id: 'L2', name: '  ', quadrant: 'strengths', itemIds: [] })).toEqual({
      ok: false,
      error: { code: 'blankName' },
    });
    expect(createLemma(one, { id: 'L2', name: 'x', quadrant: 'strengths', itemIds: ['a', 'zz', 'zz'] })).toEqual({
      ok: false,
      error: { code: 'unknownItems', ids: ['zz'] },
    });
    expect(
      applied(createLemma(one, { id: 'L2', name: 'coordinatie', quadrant: 'threats', itemIds: [] })).lemmas,
    ).toHaveLength(2);
  });

  it('assigns, removes and moves items', () => {
    let state = applied(createLemma(start, { id: 'L1', name: 'Netwerk', quadrant: 'threats', itemIds: [] }));
    state = applied(assignItem(state, 'a', 'L1'));
    expect(state.items[0]).toEqual({ ...start.items[0], quadrant: 'threats', lemmaId: 'L1' });
    state = applied(removeFromLemma(state, 'a'));
    expect(state.items[0]).toEqual({ ...start.items[0], quadrant: 'threats', lemmaId: null });
    state = applied(assignItem(state, 'a', 'L1'));
    state = applied(moveItem(state, 'a', 'opportunities'));
    expect(state.items[0]).toEqual({ ...start.items[0], quadrant: 'opportunities', lemmaId: null });
    expect(assignItem(state, 'a', 'nope')).toEqual({ ok: false, error: { code: 'unknownLemma', id: 'nope' } });
    expect(removeFromLemma(state, 'nope')).toEqual({ ok: false, error: { code: 'unknownItems', ids: ['nope'] } });
  });

  it('renames, keeping a lemma free to change its own spelling', () => {
    let state = applied(createLemma(start, { id: 'L1', name: 'netwerk', quadrant: 'strengths', itemIds: ['a'] }));
    state = applied(createLemma(state, { id: 'L2', name: 'Aanbod', quadrant: 'strengths', itemIds: ['b'] }));
    state = applied(renameLemma(state, 'L1', 'Netwerk'));
    expect(state.lemmas[0]?.name).toBe('Netwerk');
    expect(renameLemma(state, 'L1', 'aanbod')).toMatchObject({
      ok: false,
      error: { code: 'nameTaken', lemmaId: 'L2' },
    });
  });

  it('merges lemmas with their items, also across quadrants', () => {
    let state = applied(createLemma(start, { id: 'L1', name: 'Netwerk', quadrant: 'strengths', itemIds: ['a', 'b'] }));
    state = applied(createLemma(state, { id: 'L2', name: 'Partners', quadrant: 'threats', itemIds: ['d'] }));
    state = applied(mergeLemmas(state, 'L1', 'L2'));
    expect(state.lemmas.map((lemma) => lemma.id)).toEqual(['L2']);
    expect(
      state.items
        .filter((candidate) => candidate.lemmaId === 'L2')
        .map((candidate) => [candidate.id, candidate.quadrant]),
    ).toEqual([
      ['a', 'threats'],
      ['b', 'threats'],
      ['d', 'threats'],
    ]);
    expect(mergeLemmas(state, 'L2', 'L2')).toEqual({ ok: false, error: { code: 'sameLemma', id: 'L2' } });
  });

  it('splits chosen items of a lemma into a new one', () => {
    let state = applied(
      createLemma(start, { id: 'L1', name: 'Netwerk', quadrant: 'strengths', itemIds: ['a', 'b', 'c'] }),
    );
    state = applied(splitLemma(state, 'L1', { id: 'L2', name: 'Scholen', itemIds: ['c'] }));
    expect([lemmaOf(state, 'a'), lemmaOf(state, 'b'), lemmaOf(state, 'c')]).toEqual(['L1', 'L1', 'L2']);
    expect(splitLemma(state, 'L1', { id: 'L3', name: 'x', itemIds: [] })).toEqual({
      ok: false,
      error: { code: 'emptySelection' },
    });
    expect(splitLemma(state, 'L1', { id: 'L3', name: 'x', itemIds: ['c', 'd'] })).toEqual({
      ok: false,
      error: { code: 'notInLemma', ids: ['c', 'd'], lemmaId: 'L1' },
    });
  });

  it('moves a lemma with its items, refusing a name taken in the target quadrant', () => {
    let state = applied(createLemma(start, { id: 'L1', name: 'Netwerk', quadrant: 'strengths', itemIds: ['a', 'b'] }));
    state = applied(moveLemma(state, 'L1', 'opportunities'));
    expect(
      state.items
        .filter((candidate) => candidate.lemmaId === 'L1')
        .every((candidate) => candidate.quadrant === 'opportunities'),
    ).toBe(true);
    state = applied(createLemma(state, { id: 'L2', name: 'netwerk', quadrant: 'threats', itemIds: [] }));
    expect(moveLemma(state, 'L1', 'threats')).toMatchObject({ ok: false, error: { code: 'nameTaken', lemmaId: 'L2' } });
    expect(moveLemma(state, 'L1', 'opportunities')).toEqual({ ok: true, clustering: state });
  });

  it('deletes a lemma, leaving its items unclustered', () => {
    let state = applied(createLemma(start, { id: 'L1', name: 'Netwerk', quadrant: 'strengths', itemIds: ['a', 'b'] }));
    state = applied(deleteLemma(state, 'L1'));
    expect(state).toEqual({ items: start.items, lemmas: [] });
  });

  it('reports broken invariants in data from elsewhere', () => {
    const broken: Clustering = {
      items: [{ ...item('a', 'c1'), lemmaId: 'L9' }, { ...item('b', 'c1'), lemmaId: 'L1' }, item('b', 'c2')],
      lemmas: [
        { id: 'L1', name: 'X', quadrant: 'threats' },
        { id: 'L1', name: 'x', quadrant: 'threats' },
      ],
    };
    expect(clusteringIssues(broken)).toEqual([
      'lemma id "L1" is used twice',
      'lemma name "x" is used twice in threats',
      'item "a" names lemma "L9", which does not exist',
      'item "b" is in strengths but its lemma "x" is in threats',
      'item "b" is in more than one place',
    ]);
  });

  it('gives the scorer each item with its lemma name', () => {
    const state = applied(
      createLemma(start, { id: 'L1', name: 'Netwerk', quadrant: 'strengths', itemIds: ['a', 'b'] }),
    );
    const result = scoreSwot(clusteringToScope(state, 'g', ['c1', 'c2', 'c3', 'c4']));
    expect(result.quadrants.strengths[0]).toMatchObject({
      lemma: 'Netwerk',
      conversations: 2,
      display: '5,0',
      items: ['a', 'b'],
    });
  });
});

// ---- Property: any sequence of operations keeps every item in one place and the scores exact.

const CONVERSATIONS = ['c1', 'c2', 'c3', 'c4', 'c5'];
// Texts and names overlap (also in case and accents) so that unclustered items join lemmas.
const TEXTS = ['Samenwerking', 'samenwerking ', 'Wachtlijsten', 'Coördinatie', 'Lokalen', 'Vrijwilligers'];
const NAMES = ['Samenwerking', 'coordinatie', 'Netwerk', 'Huisvesting', 'lokalen', 'Personeel'];

const opArb = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    name: fc.nat(),
    quadrant: fc.nat(),
    items: fc.array(fc.nat(), { maxLength: 4 }),
  }),
  fc.record({ op: fc.constant('assign' as const), item: fc.nat(), lemma: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), lemma: fc.nat(), name: fc.nat() }),
  fc.record({ op: fc.constant('merge' as const), lemma: fc.nat(), other: fc.nat() }),
  fc.record({
    op: fc.constant('split' as const),
    lemma: fc.nat(),
    name: fc.nat(),
    items: fc.array(fc.nat(), { maxLength: 3 }),
  }),
  fc.record({ op: fc.constant('moveLemma' as const), lemma: fc.nat(), quadrant: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), item: fc.nat() }),
  fc.record({ op: fc.constant('moveItem' as const), item: fc.nat(), quadrant: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), lemma: fc.nat() }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

function apply(state: Clustering, op: Op, step: number): LemmaOpResult {
  const lemmaId = (index: number) => pick(state.lemmas, index)?.id ?? 'missing';
  const itemId = (index: number) => pick(state.items, index)?.id ?? 'missing';
  const quadrant = (index: number) => pick(QUADRANTS, index) as Quadrant;
  const name = (index: number) => pick(NAMES, index) as string;
  switch (op.op) {
    case 'create':
      return createLemma(state, {
        id: `L${step}`,
        name: name(op.name),
        quadrant: quadrant(op.quadrant),
        itemIds: op.items.map(itemId),
      });
    case 'assign':
      return assignItem(state, itemId(op.item), lemmaId(op.lemma));
    case 'rename':
      return renameLemma(state, lemmaId(op.lemma), name(op.name));
    case 'merge':
      return mergeLemmas(state, lemmaId(op.lemma), lemmaId(op.other));
    case 'split': {
      const source = pick(state.lemmas, op.lemma);
      const members = state.items.filter((candidate) => candidate.lemmaId === source?.id);
      return splitLemma(state, source?.id ?? 'missing', {
        id: `L${step}`,
        name: name(op.name),
        itemIds: op.items.map((index) => pick(members, index)?.id ?? 'missing'),
      });
    }
    case 'moveLemma':
      return moveLemma(state, lemmaId(op.lemma), quadrant(op.quadrant));
    case 'remove':
      return removeFromLemma(state, itemId(op.item));
    case 'moveItem':
      return moveItem(state, itemId(op.item), quadrant(op.quadrant));
    case 'delete':
      return deleteLemma(state, lemmaId(op.lemma));
  }
}

/** The scoring rule recounted naively, per quadrant and key, without sharing code with score.ts. */
function bruteForce(state: Clustering) {
  const names = new Map(state.lemmas.map((lemma) => [lemma.id, lemma.name]));
  const rows: string[] = [];
  const dropped: string[] = [];
  for (const quadrant of QUADRANTS) {
    const inQuadrant = state.items.filter((candidate) => candidate.quadrant === quadrant);
    const keyOf = (candidate: ClusterItem) =>
      normalizeText(candidate.lemmaId === null ? candidate.text : (names.get(candidate.lemmaId) as string));
    const lemmaKeys = new Set(inQuadrant.filter((candidate) => candidate.lemmaId !== null).map(keyOf));
    for (const key of new Set(inQuadrant.map(keyOf))) {
      const members = inQuadrant.filter((candidate) => keyOf(candidate) === key);
      const k = new Set(members.map((candidate) => candidate.conversation)).size;
      if (lemmaKeys.has(key) || k >= 2)
        rows.push(`${quadrant}|${key}|${k}|${members.map((candidate) => candidate.id).join(',')}`);
      else dropped.push(...members.map((candidate) => candidate.id));
    }
  }
  return { rows: rows.sort(), dropped: dropped.sort() };
}

describe('lemma operations (property)', () => {
  it('keep every item in exactly one place and the scores equal to a brute-force recount', () => {
    const itemsArb = fc.uniqueArray(
      fc.record({
        conversation: fc.constantFrom(...CONVERSATIONS),
        text: fc.constantFrom(...TEXTS),
        quadrant: fc.constantFrom(...QUADRANTS),
      }),
      {
        minLength: 1,
        maxLength: 14,
        selector: (value) => JSON.stringify(value),
      },
    );
    fc.assert(
      fc.property(itemsArb, fc.array(opArb, { maxLength: 30 }), (rawItems, ops) => {
        let state: Clustering = {
          items: rawItems.map((raw, index) => ({ id: `i${index}`, ...raw, lemmaId: null })),
          lemmas: [],
        };
        const ids = state.items.map((candidate) => candidate.id);
        ops.forEach((op, step) => {
          const result = apply(state, op, step);
          if (result.ok) state = result.clustering;
          expect(clusteringIssues(state)).toEqual([]);
          expect(state.items.map((candidate) => candidate.id)).toEqual(ids);

          const scored = scoreSwot(clusteringToScope(state, 'g', CONVERSATIONS));
          const placed = [
            ...QUADRANTS.flatMap((quadrant) => scored.quadrants[quadrant].flatMap((row) => row.items)),
            ...scored.notRetained.map((entry) => entry.id),
          ];
          expect([...placed].sort()).toEqual([...ids].sort());

          const expected = bruteForce(state);
          const rows = QUADRANTS.flatMap((quadrant) =>
            scored.quadrants[quadrant].map(
              (row) => `${quadrant}|${normalizeText(row.lemma)}|${row.conversations}|${row.items.join(',')}`,
            ),
          );
          expect(rows.sort()).toEqual(expected.rows);
          expect(scored.notRetained.map((entry) => entry.id).sort()).toEqual(expected.dropped);
          for (const quadrant of QUADRANTS) {
            const ks = scored.quadrants[quadrant].map((row) => row.conversations);
            expect(ks).toEqual([...ks].sort((a, b) => b - a));
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
