import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync/change';
import { formatHlc } from '../../shared/sync/hlc';
import { openMemoryDatabase, openMemoryStore } from './memory';
import { LocalStore } from './store';

const T0 = Date.UTC(2026, 0, 10, 9, 0, 0);

function change(node: string, counter: number, fields: Partial<Change>): Change {
  const hlc = formatHlc({ wallMs: T0, counter, node });
  return {
    id: hlc,
    hlc,
    node,
    author: node,
    campaign: 'c1',
    table: 'good_practices',
    rowId: 'gp1',
    column: 'text',
    value: 'Taalcafé op zaterdag',
    prev: null,
    schema: 1,
    ...fields,
  };
}

describe('set-aside changes the user acts on', () => {
  it('lists a campaign’s set-aside changes, keeps a still-refused one on retry, and records a discard for good', () => {
    const store = openMemoryStore({ node: 'mine0001', now: () => T0 });
    store.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2025-2026', created_at: null });
    store.insert('campaigns', 'c2', { name: 'Ander werkjaar', working_year: '2026-2027', created_at: null });
    const poison = change('other001', 0, { table: 'notes', rowId: 'n1', value: 'QQ==' });
    const elsewhere = change('other001', 1, {
      campaign: 'c2',
      table: 'lemmas',
      rowId: 'l1',
      column: 'narrative',
      value: '',
    });
    const report = store.applyRemote([poison, elsewhere], 'server', { setAside: true });
    expect(report.setAside?.map((item) => item.code)).toEqual(['BAD_TEXT_UPDATE', 'BAD_TEXT_UPDATE']);

    expect(store.countSetAside('c1')).toBe(1);
    expect(store.listSetAsideOf('c1')).toEqual([
      expect.objectContaining({ change: poison, code: 'BAD_TEXT_UPDATE', source: 'server' }),
    ]);

    // Still a broken text: it stays set aside, with its reason.
    expect(store.retrySetAside('c1', poison.id)).toMatchObject({ state: 'refused', code: 'BAD_TEXT_UPDATE' });
    expect(store.countSetAside('c1')).toBe(1);
    // Another campaign's change is not reachable through this campaign.
    expect(store.retrySetAside('c1', elsewhere.id)).toBeNull();
    expect(store.discardSetAside('c1', elsewhere.id, 'm-anna')).toBe(false);

    expect(store.discardSetAside('c1', poison.id, 'm-anna')).toBe(true);
    expect(store.countSetAside('c1')).toBe(0);
    expect(store.listDiscarded('c1')).toEqual([
      expect.objectContaining({ change: poison, code: 'BAD_TEXT_UPDATE', discardedBy: 'm-anna' }),
    ]);
    // The same change arriving again (the partner's next file) is not set aside a second time.
    store.applyRemote([poison], 'bundle', { setAside: true });
    expect(store.countSetAside('c1')).toBe(0);
    // Nor is it tried again when the profile opens.
    expect(store.applyDeferred().stillDeferred).toBe(1);
    expect(store.countSetAside('c2')).toBe(1);
  });

  it('applies a set-aside change on retry once it can be applied, through the same apply path', () => {
    const db = openMemoryDatabase('mine0002');
    const store = new LocalStore(db, { now: () => T0 });
    store.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2025-2026', created_at: null });
    // What an older build set aside although this build applies it.
    const fine = change('other002', 0, {});
    db.prepare('INSERT INTO deferred_changes (id, schema, source, change, code, reason) VALUES (?, 1, ?, ?, ?, ?)').run(
      fine.id,
      'bundle',
      JSON.stringify(fine),
      'AUTHOR_MISMATCH',
      'signed by nobody known',
    );
    expect(store.countSetAside('c1')).toBe(1);
    expect(store.retrySetAside('c1', fine.id)).toEqual({ state: 'applied' });
    expect(store.countSetAside('c1')).toBe(0);
    expect(store.get('good_practices', 'gp1')?.text).toBe('Taalcafé op zaterdag');
  });
});
