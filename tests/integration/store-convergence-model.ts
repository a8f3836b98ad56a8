import fc from 'fast-check';
import { createBundle, importBundleBytes, readBundle } from '../../db/store/bundle';
import { openMemoryStore } from '../../db/store/memory';
import type { LocalStore } from '../../db/store/store';
import { QUADRANTS, TABLE_NAMES } from '../../shared/sync/schema';

/**
 * The convergence model shared by tests/integration/store-convergence.test.ts (500 schedules)
 * and tests/bench/store.ts (10,000 with --full). Convergence: three replicas make random edits and exchange bundles in random order, some
 * lost, some imported twice, old ones imported late. After a final round of exchanges every
 * replica holds the same records, texts and conflicts, and every word anyone typed into a
 * shared text is still there.
 */
const T0 = Date.UTC(2015, 2, 1, 8, 0, 0);
const NODES = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'] as const;
const CAMPAIGN = 'c1';
const VISIT = 'v1';
const CONVERSATION = 'cv1';
const LEMMAS = ['lm-a', 'lm-b'] as const;

type Replica = 0 | 1 | 2;
type Op =
  | { kind: 'insertItem'; r: Replica; quadrant: (typeof QUADRANTS)[number] }
  | { kind: 'editItem'; r: Replica; pick: number; text: string }
  | { kind: 'moveItem'; r: Replica; pick: number; quadrant: (typeof QUADRANTS)[number] }
  | { kind: 'assignLemma'; r: Replica; pick: number; lemma: number }
  | { kind: 'renameLemma'; r: Replica; lemma: number; name: string }
  | { kind: 'deleteItem'; r: Replica; pick: number }
  | { kind: 'restoreItem'; r: Replica; pick: number }
  | { kind: 'typeText'; r: Replica; lemma: number; at: number }
  | { kind: 'typeNote'; r: Replica; at: number }
  | { kind: 'exchange'; from: Replica; to: Replica; forPeer: boolean; fate: 'deliver' | 'duplicate' | 'drop' }
  | { kind: 'resendOld'; to: Replica; pick: number }
  | { kind: 'resolve'; r: Replica; pick: number; choice: 'mine' | 'theirs' }
  | { kind: 'compact'; r: Replica }
  | { kind: 'syncAll'; forPeer: boolean }
  | { kind: 'tick'; ms: number };

const replica = fc.constantFrom<Replica>(0, 1, 2);
const quadrant = fc.constantFrom(...QUADRANTS);
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('insertItem' as const), r: replica, quadrant }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('editItem' as const),
      r: replica,
      pick: fc.nat(3),
      text: fc.constantFrom('Sterk', 'Zwak punt', 'Kans', ''),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('moveItem' as const), r: replica, pick: fc.nat(3), quadrant }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('assignLemma' as const),
      r: replica,
      pick: fc.nat(3),
      lemma: fc.integer({ min: -1, max: 1 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('renameLemma' as const),
      r: replica,
      lemma: fc.nat(1),
      name: fc.constantFrom('Netwerk', 'Samenwerking', 'Wachtlijsten'),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('deleteItem' as const), r: replica, pick: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('restoreItem' as const), r: replica, pick: fc.nat(3) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('typeText' as const), r: replica, lemma: fc.nat(1), at: fc.nat(30) }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('typeNote' as const), r: replica, at: fc.nat(30) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('exchange' as const),
      from: replica,
      to: replica,
      forPeer: fc.boolean(),
      fate: fc.constantFrom('deliver' as const, 'deliver' as const, 'duplicate' as const, 'drop' as const),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('resendOld' as const), to: replica, pick: fc.nat(3) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      r: replica,
      pick: fc.nat(5),
      choice: fc.constantFrom('mine' as const, 'theirs' as const),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('compact' as const), r: replica }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('syncAll' as const), forPeer: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 5000 }) }), weight: 1 },
);

/**
 * Inserts a word at a word boundary. Every word carries its own trailing space, so two words
 * typed concurrently at the same place never fuse, and nobody's typing splits another's word.
 */
function insertWord(text: string, at: number, word: string): string {
  const words = text.split(' ').filter((part) => part.length > 0);
  const index = at % (words.length + 1);
  return [...words.slice(0, index), word, ...words.slice(index)].map((part) => `${part} `).join('');
}

function snapshot(store: LocalStore): string {
  const tables = TABLE_NAMES.map((table) => [table, store.list(table, {}, { includeDeleted: true })]);
  return JSON.stringify({ tables, conflicts: store.listConflicts() });
}

async function exchange(from: LocalStore, to: LocalStore, forPeer: boolean): Promise<Buffer> {
  const { bytes } = await createBundle(from, forPeer ? { forPeer: to.node } : {});
  return bytes;
}

export interface ScheduleStats {
  /** Most open conflicts any replica had after an all-round exchange. */
  readonly conflictsSeen: number;
  /** Open conflicts on replica 0 at the end. */
  readonly conflicts: number;
  readonly resolved: number;
  readonly compactions: number;
}

export async function runSchedule(ops: readonly Op[], skews: readonly number[]): Promise<ScheduleStats> {
  const clock = { t: T0 };
  const stores = NODES.map((node, index) =>
    openMemoryStore({ node, now: () => clock.t + (skews[index] ?? 0), author: `m-${node}` }),
  );
  const [first] = stores as [LocalStore, LocalStore, LocalStore];
  first.insert('campaigns', CAMPAIGN, { name: 'Werkjaar', working_year: '2014-2015', created_at: null });
  first.insert(
    'visits',
    CAMPAIGN,
    { organisation_id: 'org-1', date: '2015-03-01', status: 'in_progress' },
    { id: VISIT },
  );
  first.insert('conversations', CAMPAIGN, { visit_id: VISIT, respondent_group_ids: ['rg-1'] }, { id: CONVERSATION });
  for (const lemma of LEMMAS)
    first.insert(
      'lemmas',
      CAMPAIGN,
      { sector_id: 's1', respondent_group_id: 'rg-1', quadrant: 'strengths', name: lemma, narrative: '' },
      { id: lemma },
    );
  // Two items every replica starts with, so concurrent judgement edits happen often.
  const items: string[] = ['it-s0', 'it-s1'];
  for (const id of items)
    first.insert(
      'swot_items',
      CAMPAIGN,
      { visit_id: VISIT, conversation_id: CONVERSATION, quadrant: 'strengths', text: id, author_id: 'm-0' },
      { id },
    );
  const seed = (await createBundle(first)).bytes;
  for (const store of stores.slice(1)) await importBundleBytes(store, seed);

  const typed: Array<{ table: 'lemmas' | 'notes'; id: string; word: string }> = [];
  const sent: Buffer[] = [];
  let words = 0;
  let resolved = 0;
  let conflictsSeen = 0;
  let compactions = 0;
  const owned = (store: LocalStore, pick: number): string | undefined => {
    const visible = items.filter((id) => store.get('swot_items', id, { includeDeleted: true }));
    return visible.length === 0 ? undefined : visible[pick % visible.length];
  };

  for (const op of ops) {
    clock.t += 7;
    switch (op.kind) {
      case 'insertItem': {
        const id = `it-${items.length}`;
        stores[op.r]!.insert(
          'swot_items',
          CAMPAIGN,
          {
            visit_id: VISIT,
            conversation_id: CONVERSATION,
            quadrant: op.quadrant,
            text: `item ${items.length}`,
            author_id: `m-${op.r}`,
          },
          { id },
        );
        items.push(id);
        break;
      }
      case 'editItem': {
        const id = owned(stores[op.r]!, op.pick);
        if (id) stores[op.r]!.update('swot_items', id, { text: op.text });
        break;
      }
      case 'moveItem': {
        const id = owned(stores[op.r]!, op.pick);
        if (id) stores[op.r]!.update('swot_items', id, { quadrant: op.quadrant });
        break;
      }
      case 'assignLemma': {
        const id = owned(stores[op.r]!, op.pick);
        if (id) stores[op.r]!.update('swot_items', id, { lemma_id: op.lemma < 0 ? null : (LEMMAS[op.lemma] ?? null) });
        break;
      }
      case 'renameLemma':
        stores[op.r]!.update('lemmas', LEMMAS[op.lemma]!, { name: op.name });
        break;
      case 'deleteItem': {
        const id = owned(stores[op.r]!, op.pick);
        if (id) stores[op.r]!.remove('swot_items', id);
        break;
      }
      case 'restoreItem': {
        const id = owned(stores[op.r]!, op.pick);
        if (id) stores[op.r]!.restore('swot_items', id);
        break;
      }
      case 'typeText': {
        const store = stores[op.r]!;
        const id = LEMMAS[op.lemma]!;
        const word = `w${op.r}x${(words += 1)}`;
        store.update('lemmas', id, { narrative: insertWord(store.get('lemmas', id)!.narrative ?? '', op.at, word) });
        typed.push({ table: 'lemmas', id, word });
        break;
      }
      case 'typeNote': {
        // One author's note: only its author types in it, on whichever laptop holds it.
        const store = stores[op.r]!;
        const id = `nt-${op.r}`;
        const word = `n${op.r}x${(words += 1)}`;
        const current = store.get('notes', id);
        if (current) store.update('notes', id, { text: insertWord(current.text ?? '', op.at, word) });
        else
          store.insert(
            'notes',
            CAMPAIGN,
            {
              visit_id: VISIT,
              conversation_id: CONVERSATION,
              guiding_question_id: null,
              author_id: `m-${op.r}`,
              text: `${word} `,
            },
            { id },
          );
        typed.push({ table: 'notes', id, word });
        break;
      }
      case 'exchange': {
        if (op.from === op.to) break;
        const bytes = await exchange(stores[op.from]!, stores[op.to]!, op.forPeer);
        sent.push(bytes);
        if (op.fate === 'drop') break;
        await importBundleBytes(stores[op.to]!, bytes);
        if (op.fate === 'duplicate') {
          const again = await importBundleBytes(stores[op.to]!, bytes);
          if (again.applied !== 0) throw new Error(`a second import applied ${again.applied} changes`);
        }
        break;
      }
      case 'resendOld': {
        const bytes = sent[op.pick % Math.max(sent.length, 1)];
        if (!bytes) break;
        const target = stores[op.to]!;
        const { header } = await readBundle(bytes);
        if (header.from !== target.node) await importBundleBytes(target, bytes);
        break;
      }
      case 'resolve': {
        const conflicts = stores[op.r]!.listConflicts();
        const conflict = conflicts[op.pick % Math.max(conflicts.length, 1)];
        if (conflict) {
          stores[op.r]!.resolveConflict(conflict.id, op.choice);
          resolved += 1;
        }
        break;
      }
      case 'compact': {
        // As if the server had stored everything so far: texts collapse into snapshots.
        const last = stores[op.r]!.changesAfter(0, 1_000_000).at(-1);
        if (last) compactions += stores[op.r]!.compactTexts({ throughSeq: last.seq }) > 0 ? 1 : 0;
        break;
      }
      case 'syncAll':
        for (const from of [0, 1, 2] as const) {
          for (const to of [0, 1, 2] as const) {
            if (from !== to)
              await importBundleBytes(stores[to]!, await exchange(stores[from]!, stores[to]!, op.forPeer));
          }
        }
        conflictsSeen = Math.max(conflictsSeen, ...stores.map((store) => store.listConflicts().length));
        break;
      case 'tick':
        clock.t += op.ms;
        break;
    }
  }

  const exchangeAll = async () => {
    for (let round = 0; round < 2; round += 1) {
      for (const from of [0, 1, 2] as const) {
        for (const to of [0, 1, 2] as const) {
          if (from !== to) await importBundleBytes(stores[to]!, await exchange(stores[from]!, stores[to]!, true));
        }
      }
    }
  };
  const checkConverged = (stage: string) => {
    const expected = snapshot(stores[0]!);
    for (const index of [1, 2]) {
      if (snapshot(stores[index]!) !== expected) throw new Error(`${stage}: replica ${index} differs from replica 0`);
    }
    for (const { table, id, word } of typed) {
      const text =
        table === 'lemmas'
          ? stores[0]!.get('lemmas', id, { includeDeleted: true })!.narrative
          : stores[0]!.get('notes', id, { includeDeleted: true })!.text;
      if (!text.split(' ').includes(word))
        throw new Error(`${stage}: typed word ${word} is missing from ${table} ${id}: ${JSON.stringify(text)}`);
    }
  };

  // Final round: everyone sends what the others lack, twice around the ring.
  await exchangeAll();
  checkConverged('after the final exchange');
  const conflicts = stores[0]!.listConflicts().length;

  // Then one replica resolves every conflict and another compacts its texts (as if the server
  // had them all): after exchanging, no conflict is left anywhere and nothing typed is lost.
  // Resolving one conflict of a field closes the field's other conflicts too.
  for (let conflict = stores[0]!.listConflicts()[0]; conflict; conflict = stores[0]!.listConflicts()[0]) {
    clock.t += 1;
    stores[0]!.resolveConflict(conflict.id, resolved % 2 === 0 ? 'mine' : 'theirs');
    resolved += 1;
  }
  const last = stores[1]!.changesAfter(0, 1_000_000).at(-1);
  if (last && stores[1]!.compactTexts({ throughSeq: last.seq }) > 0) compactions += 1;
  await exchangeAll();
  checkConverged('after resolving and compacting');
  for (const [index, store] of stores.entries()) {
    if (store.listConflicts().length > 0)
      throw new Error(`replica ${index} still has conflicts after they were resolved`);
  }
  for (const store of stores) store.close();
  return { conflictsSeen, conflicts, resolved, compactions };
}

/** The property over random schedules and clock skews (within the drift limit). */
export function convergenceProperty(): fc.IAsyncProperty<[Op[], number[]]> {
  return fc.asyncProperty(
    fc.array(opArb, { minLength: 4, maxLength: 18, size: 'max' }),
    fc.array(fc.integer({ min: -60_000, max: 60_000 }), { minLength: 3, maxLength: 3 }),
    async (ops, skews) => {
      await runSchedule(ops, skews);
    },
  );
}
