import { describe, expect, it, vi } from 'vitest';
import type { Change } from '../../shared/sync/change';
import { openMemoryDatabase, openMemoryStore } from './memory';
import { LocalStore } from './store';

// Issue 13: remote changes whose source stays recoverable commit with synchronous=NORMAL, written
// with their cursor in one transaction; the user's own edits commit with FULL.

function observed() {
  const db = openMemoryDatabase();
  db.pragma('synchronous = FULL');
  const store = new LocalStore(db);
  const during: number[] = [];
  const pragma = vi.spyOn(db, 'pragma');
  const level = () => db.pragma('synchronous', { simple: true }) as number;
  return { db, store, during, pragma, level };
}

function changesOf(): Change[] {
  const source = openMemoryStore();
  const campaign = source.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2025-2026', created_at: null });
  source.insert('visits', campaign, { organisation_id: 'org-1', date: '2025-10-10', status: 'planned' });
  return source.changesAfter(0, 1000).map((logged) => logged.change);
}

describe('durability of commits', () => {
  it('runs a normal transaction with synchronous=NORMAL and restores FULL after it, also after a throw', () => {
    const { store, level } = observed();
    expect(level()).toBe(2);
    expect(store.transaction(() => level(), 'normal')).toBe(1);
    expect(level()).toBe(2);
    expect(() =>
      store.transaction(() => {
        throw new Error('refused');
      }, 'normal'),
    ).toThrow('refused');
    expect(level()).toBe(2);
    // Nested in a FULL transaction, the outer one decides.
    expect(store.transaction(() => store.transaction(() => level(), 'normal'))).toBe(2);
  });

  it('commits a pulled page with its cursor in one NORMAL transaction, and a refused page writes neither', () => {
    const { store, pragma } = observed();
    const changes = changesOf();
    pragma.mockClear();
    const report = store.applyRemote(changes, 'server', { setAside: true, cursor: { key: 'pull', value: '7' } });
    expect(report.applied).toBe(changes.length);
    expect(store.getSyncState('pull')).toBe('7');
    expect(pragma.mock.calls.map((call) => call[0])).toContain('synchronous = NORMAL');

    const bad = { ...changes[0]!, id: 'not an hlc' } as Change;
    expect(() => store.applyRemote([bad], 'bundle', { cursor: { key: 'pull', value: '8' } })).toThrow();
    expect(store.getSyncState('pull')).toBe('7');
  });

  it('commits the user’s own edits with FULL', () => {
    const { store, pragma, level } = observed();
    pragma.mockClear();
    const campaign = store.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2025-2026', created_at: null });
    store.insert('visits', campaign, { organisation_id: 'org-1', date: '2025-10-10', status: 'planned' });
    expect(pragma.mock.calls.map((call) => call[0])).not.toContain('synchronous = NORMAL');
    expect(level()).toBe(2);
  });
});
