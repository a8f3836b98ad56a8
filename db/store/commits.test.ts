import { describe, expect, it } from 'vitest';
import { appEventSchema, MAX_EVENT_ROWS, type ChangesEvent } from '../../shared/contract/events';
import { openMemoryStore } from './memory';
import type { LocalStore } from './store';

function watch(store: LocalStore): ChangesEvent[] {
  const events: ChangesEvent[] = [];
  store.onCommit((event) => events.push(event));
  return events;
}

const CAMPAIGN = { name: 'Werkjaar', working_year: '2014-2015', created_at: null };

describe('change events of the local store', () => {
  it('tells one event per committed local write, with campaigns, tables and rows', () => {
    const store = openMemoryStore({ node: 'aaaaaaaa' });
    const events = watch(store);
    store.insert('campaigns', 'c1', CAMPAIGN);
    expect(events).toEqual([
      {
        type: 'changes',
        source: 'local',
        campaigns: ['c1'],
        tables: ['campaigns'],
        rows: [{ table: 'campaigns', id: 'c1' }],
        truncated: false,
      },
    ]);
    expect(appEventSchema.parse(events[0])).toEqual(events[0]);

    store.transaction(() => {
      store.insert('visits', 'c1', { organisation_id: 'o1', date: '2015-01-10', status: 'planned' }, { id: 'v1' });
      store.insert('conversations', 'c1', { visit_id: 'v1', respondent_group_ids: ['rg-1'] }, { id: 'cv1' });
      // Nothing is told before the commit.
      expect(events).toHaveLength(1);
    });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      source: 'local',
      campaigns: ['c1'],
      tables: ['conversations', 'visits'],
      truncated: false,
    });
    expect(events[1]?.rows).toEqual([
      { table: 'visits', id: 'v1' },
      { table: 'conversations', id: 'cv1' },
    ]);
  });

  it('tells nothing of a rolled-back transaction, nor of a failed savepoint inside a committed one', () => {
    const store = openMemoryStore({ node: 'aaaaaaaa' });
    store.insert('campaigns', 'c1', CAMPAIGN);
    const events = watch(store);
    expect(() =>
      store.transaction(() => {
        store.insert('visits', 'c1', { organisation_id: 'o1', date: '2015-01-10', status: 'planned' }, { id: 'v1' });
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(events).toEqual([]);
    expect(store.get('visits', 'v1')).toBeUndefined();

    store.transaction(() => {
      store.insert('visits', 'c1', { organisation_id: 'o1', date: '2015-01-10', status: 'planned' }, { id: 'v2' });
      try {
        store.transaction(() => {
          store.insert('visits', 'c1', { organisation_id: 'o1', date: '2015-01-11', status: 'planned' }, { id: 'v3' });
          throw new Error('inner');
        });
      } catch {
        // the savepoint is undone, the outer transaction goes on
      }
    });
    expect(events.map((event) => event.rows)).toEqual([[{ table: 'visits', id: 'v2' }]]);
  });

  it('names the source of applied remote changes and tells nothing of duplicates', () => {
    const a = openMemoryStore({ node: 'aaaaaaaa' });
    const b = openMemoryStore({ node: 'bbbbbbbb' });
    a.insert('campaigns', 'c1', CAMPAIGN);
    a.insert('visits', 'c1', { organisation_id: 'o1', date: '2015-01-10', status: 'planned' }, { id: 'v1' });
    const events = watch(b);
    const changes = a.changesAfter(0, 1000).map((logged) => logged.change);
    b.applyRemote(changes, 'bundle');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'bundle', campaigns: ['c1'], tables: ['campaigns', 'visits'] });
    b.applyRemote(changes, 'server');
    expect(events).toHaveLength(1);
  });

  it('caps the row list of a huge batch and says so', () => {
    const store = openMemoryStore({ node: 'aaaaaaaa' });
    store.insert('campaigns', 'c1', CAMPAIGN);
    const events = watch(store);
    store.transaction(() => {
      for (let index = 0; index < MAX_EVENT_ROWS + 10; index += 1) {
        store.insert(
          'visits',
          'c1',
          { organisation_id: 'o1', date: '2015-01-10', status: 'planned' },
          { id: `v${index}` },
        );
      }
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.rows).toHaveLength(MAX_EVENT_ROWS);
    expect(events[0]?.truncated).toBe(true);
    expect(appEventSchema.safeParse(events[0]).success).toBe(true);
  });

  it('stops telling an unsubscribed listener', () => {
    const store = openMemoryStore({ node: 'aaaaaaaa' });
    const events: unknown[] = [];
    const stop = store.onCommit((event) => events.push(event));
    stop();
    store.insert('campaigns', 'c1', CAMPAIGN);
    expect(events).toEqual([]);
  });
});
