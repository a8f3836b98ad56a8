import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openMemoryStore } from '../../db/store/memory';
import type { LocalStore } from '../../db/store/store';
import { pushCursorKey } from '../../services/sync/client/engine';
import { sectorId } from '../../db/store/ids';
import type { Change } from '../../shared/sync/change';
import { formatHlc } from '../../shared/sync/hlc';
import type { ChangeSourceKind } from '../../shared/sync/replica';

/**
 * The stored count of changes still to push (migration 012's triggers) against the scan it
 * replaces, on real SQLite: after every step of a random schedule of local edits, pushes (the
 * engine's cursor moves, whole or in part), compaction after a push (as the controller does it),
 * changes from the duo partner (file or network) and from the server, another server, a
 * cursor moved back, and a partner's rows evicted from the log by the campaign owning their id, the count equals what scanning the log after each push cursor says.
 */
const RUNS = Math.max(50, Math.floor(Number(process.env.VELDWERK_PROPERTY_RUNS ?? 500) / 5));
const CAMPAIGNS = ['c1', 'c2'] as const;
const PUSHED: readonly ChangeSourceKind[] = ['local', 'bundle', 'peer'];
const SERVERS = ['s1', 's2'] as const;

type Campaign = 0 | 1;
type Op =
  | { kind: 'item'; c: Campaign; pick: number; text: string }
  | { kind: 'note'; c: Campaign; word: number }
  | { kind: 'partner'; c: Campaign; pick: number; via: 'bundle' | 'peer' }
  | { kind: 'server'; c: Campaign; pick: number }
  | { kind: 'push'; c: Campaign; batch: number; compact: boolean }
  | { kind: 'connect'; server: 0 | 1 }
  | { kind: 'rewind'; c: Campaign; to: number }
  | { kind: 'claim'; code: number; via: 'bundle' | 'peer' };

const campaign = fc.constantFrom<Campaign>(0, 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('item' as const),
      c: campaign,
      pick: fc.nat(4),
      text: fc.constantFrom('Sterk', 'Zwak', 'Kans'),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('note' as const), c: campaign, word: fc.nat(1000) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('partner' as const),
      c: campaign,
      pick: fc.nat(4),
      via: fc.constantFrom('bundle' as const, 'peer' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('server' as const), c: campaign, pick: fc.nat(4) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      c: campaign,
      batch: fc.integer({ min: 1, max: 8 }),
      compact: fc.boolean(),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('connect' as const), server: fc.constantFrom<0 | 1>(0, 1) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('rewind' as const), c: campaign, to: fc.nat(40) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      code: fc.nat(2),
      via: fc.constantFrom('bundle' as const, 'peer' as const),
    }),
    weight: 1,
  },
);

/** Changes another laptop made (fixed fields), stamped at `at`. */
function madeBy(node: string, campaignId: string, at: number, fields: ReadonlyArray<[string, string, string, string]>) {
  return fields.map(([table, rowId, column, value], index): Change => {
    const hlc = formatHlc({ wallMs: at, counter: index, node });
    return {
      id: hlc,
      hlc,
      node,
      author: node,
      campaign: campaignId,
      table,
      rowId,
      column,
      value,
      prev: null,
      schema: 1,
    };
  });
}

/** What sync.status used to count: per campaign, the pushed sources' changes after the current server's push cursor. */
function scanned(store: LocalStore): Map<string, number> {
  const serverId = store.getSyncState('sync:server-id');
  const out = new Map<string, number>();
  for (const id of store.knownCampaigns()) {
    const cursor = serverId ? Number(store.getSyncState(pushCursorKey(serverId, id)) ?? '0') : 0;
    const n = store.countChangesAfter(id, cursor, PUSHED);
    if (n !== 0) out.set(id, n);
  }
  return out;
}

function cursorOf(store: LocalStore, id: string): number {
  const serverId = store.getSyncState('sync:server-id');
  return serverId ? Number(store.getSyncState(pushCursorKey(serverId, id)) ?? '0') : 0;
}

/** Every change of `from` that `to` may lack (applying twice changes nothing). */
function everything(from: LocalStore) {
  return from.changesAfter(0, 1_000_000).map((entry) => entry.change);
}

async function schedule(ops: readonly Op[]): Promise<void> {
  let now = Date.UTC(2025, 9, 1, 9, 0, 0);
  const clock = () => (now += 1000);
  const laptop = openMemoryStore({ node: 'aaaaaaaa', now: clock });
  const partner = openMemoryStore({ node: 'bbbbbbbb', now: clock });
  const server = openMemoryStore({ node: 'cccccccc', now: clock });
  const check = (step: string) => {
    expect(laptop.unpushedCounts(), step).toEqual(scanned(laptop));
    expect(laptop.unpushedCount(), step).toBe([...scanned(laptop).values()].reduce((sum, n) => sum + n, 0));
  };
  try {
    for (const id of CAMPAIGNS)
      laptop.insert('campaigns', id, { name: `Werkjaar ${id}`, working_year: '2025-2026', created_at: null });
    partner.applyRemote(everything(laptop), 'peer');
    server.applyRemote(everything(laptop), 'peer');
    check('start');
    const item = (store: LocalStore, c: Campaign, pick: number, text: string) => {
      const id = `${store.node}-${CAMPAIGNS[c]}-${pick}`;
      if (store.get('swot_items', id)) store.update('swot_items', id, { text: `${text} ${now}` });
      else store.insert('swot_items', CAMPAIGNS[c], { quadrant: 'strengths', text }, { id });
    };
    for (const [index, op] of ops.entries()) {
      const id = CAMPAIGNS[op.kind === 'connect' || op.kind === 'claim' ? 0 : op.c];
      switch (op.kind) {
        case 'item':
          item(laptop, op.c, op.pick, op.text);
          break;
        case 'note': {
          // The same note typed in again and again: a text field compaction folds.
          const noteId = `note-${id}`;
          const text = `${laptop.get('notes', noteId)?.text ?? ''} w${op.word}`;
          if (laptop.get('notes', noteId)) laptop.update('notes', noteId, { text });
          else
            laptop.insert(
              'notes',
              id,
              { visit_id: 'v', conversation_id: 'k', guiding_question_id: null, author_id: 'm', text },
              { id: noteId },
            );
          break;
        }
        case 'partner':
          item(partner, op.c, op.pick, 'Van de partner');
          laptop.applyRemote(everything(partner), op.via);
          break;
        case 'server':
          // Others' edits, and what this laptop pushed before, told back by the server.
          item(server, op.c, op.pick, 'Van de server');
          laptop.applyRemote(everything(server), 'server');
          break;
        case 'push': {
          const serverId = laptop.getSyncState('sync:server-id');
          if (!serverId) break;
          // As the engine does: the next batch after the cursor, sent, then the cursor moves.
          const batch = laptop.changesAfter(cursorOf(laptop, id), op.batch, { sources: PUSHED, campaign: id });
          const last = batch.at(-1);
          if (!last) break;
          server.applyRemote(
            batch.map((entry) => entry.change),
            'peer',
          );
          laptop.setSyncState(pushCursorKey(serverId, id), String(last.seq));
          if (op.compact) laptop.compactTexts({ throughSeq: last.seq, campaign: id });
          break;
        }
        case 'connect':
          laptop.setSyncState('sync:server-id', SERVERS[op.server]);
          break;
        case 'rewind': {
          const serverId = laptop.getSyncState('sync:server-id');
          if (serverId) laptop.setSyncState(pushCursorKey(serverId, id), String(op.to));
          break;
        }
        case 'claim': {
          // A duo partner's file brings rows of c2 under an id c1 owns (a sector of c1): not
          // pushed yet, then evicted from the log when c1's own sector arrives.
          const sector = sectorId('c1', `S${op.code}`);
          const fields = (name: string): Array<[string, string, string, string]> => [
            ['sectors', sector, 'code', `S${op.code}`],
            ['sectors', sector, 'name', name],
          ];
          laptop.applyRemote(madeBy('hostile1', 'c2', clock(), fields('Vals')), op.via, { setAside: true });
          laptop.applyRemote(madeBy('genuine1', 'c1', clock(), fields('Echt')), 'peer', { setAside: true });
          break;
        }
      }
      check(`step ${index}: ${JSON.stringify(op)}`);
    }
  } finally {
    laptop.close();
    partner.close();
    server.close();
  }
}

describe('the stored count of changes to push', () => {
  it('always equals the scan of the log, whatever is edited, pushed, compacted or received', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => schedule(ops)),
      { numRuns: RUNS },
    );
  }, 600_000);

  it('counts a compaction after a push (pushed updates become one snapshot to push) and an evicted claim', async () => {
    await schedule([
      { kind: 'connect', server: 0 },
      { kind: 'note', c: 0, word: 1 },
      { kind: 'note', c: 0, word: 2 },
      { kind: 'note', c: 0, word: 3 },
      { kind: 'push', c: 0, batch: 8, compact: true },
      { kind: 'connect', server: 1 },
      { kind: 'rewind', c: 0, to: 3 },
      { kind: 'claim', code: 0, via: 'bundle' },
    ]);
  });
});
