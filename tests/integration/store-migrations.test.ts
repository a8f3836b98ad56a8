import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrate, schemaVersion } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { CampaignRepository } from '../../db/repositories/campaigns';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { openMemoryStore } from '../../db/store/memory';
import { LocalStore } from '../../db/store/store';
import { searchCampaign } from '../../services/search/search';
import { pushCursorKey } from '../../services/sync/client/engine';
import { tempDir, openTestProfile } from '../support/profile';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function profileAt(version: number): string {
  const temp = tempDir('veldwerk-migrate-');
  cleanups.push(temp.remove);
  const db = openDatabase(path.join(temp.dir, 'veldwerk.sqlite'));
  migrate(db, migrations.slice(0, version));
  expect(schemaVersion(db)).toBe(version);
  if (version === 2) {
    // A v2 profile (the sync store, before search) with notes written through the store. Today's
    // store also records when each row was created (migration 008): that table exists only while it writes.
    db.exec(
      'CREATE TABLE row_origins (tbl TEXT, campaign TEXT, row_id TEXT, first_change TEXT, PRIMARY KEY (tbl, campaign, row_id))',
    );
    const store = new LocalStore(db);
    const campaign = store.insert('campaigns', 'c-legacy', {
      name: 'Werkjaar 2024-2025',
      working_year: '2024-2025',
      created_at: null,
    });
    store.insert(
      'notes',
      campaign,
      {
        visit_id: 'v1',
        conversation_id: 'k1',
        guiding_question_id: null,
        author_id: 'm1',
        text: 'Overleg over de coördinatie van de zorg',
      },
      { id: 'n1' },
    );
    store.insert(
      'notes',
      campaign,
      {
        visit_id: 'v1',
        conversation_id: 'k1',
        guiding_question_id: null,
        author_id: 'm2',
        text: 'Wachtlijsten blijven lang',
      },
      { id: 'n2' },
    );
    store.insert(
      'notes',
      campaign,
      {
        visit_id: 'v1',
        conversation_id: 'k1',
        guiding_question_id: null,
        author_id: 'm2',
        text: 'Een geschrapte coordinatie-notitie',
      },
      { id: 'n3' },
    );
    store.remove('notes', 'n3');
    db.exec('DROP TABLE row_origins');
  }
  if (version === 8) {
    // A v8 profile (before rejected suggestions) with SWOT items written through the store.
    const store = new LocalStore(db);
    const campaign = store.insert('campaigns', 'c-v8', {
      name: 'Werkjaar 2025-2026',
      working_year: '2025-2026',
      created_at: null,
    });
    for (const [id, text] of [
      ['i1', 'Lange wachtlijsten'],
      ['i2', 'Wachtlijsten voor cursussen'],
    ])
      store.insert(
        'swot_items',
        campaign,
        { visit_id: 'v1', conversation_id: 'k1', quadrant: 'threats', text, author_id: 'm1', lemma_id: null },
        { id },
      );
  }
  if (version === 1) {
    const insert = db.prepare('INSERT INTO campaigns (id, name, working_year, created_at) VALUES (?, ?, ?, ?)');
    insert.run('legacy-1', 'Werkjaar 2014-2015', '2014-2015', '2014-09-01T08:00:00.000Z');
    insert.run('legacy-2', 'Werkjaar 2015-2016', '2015-2016', '2015-09-01T08:00:00.000Z');
  }
  db.close();
  return temp.dir;
}

describe('migrations from the previous version, with data', () => {
  it('001 creates the campaigns table on an empty profile', () => {
    const dir = profileAt(0);
    const db = openDatabase(path.join(dir, 'veldwerk.sqlite'));
    migrate(db, migrations.slice(0, 1));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'campaigns'").get()).toEqual({ name: 'campaigns' });
    db.close();
  });

  it('002 keeps existing campaigns, enters them into the change log, and they sync to another laptop', async () => {
    const dir = profileAt(1);
    const profile = openTestProfile(dir);
    expect(schemaVersion(profile.db)).toBe(migrations.length);
    const repository = new CampaignRepository(profile.db, profile.store);
    expect(
      repository.list().map((campaign) => [campaign.id, campaign.name, campaign.workingYear, campaign.createdAt]),
    ).toEqual([
      ['legacy-2', 'Werkjaar 2015-2016', '2015-2016', '2015-09-01T08:00:00.000Z'],
      ['legacy-1', 'Werkjaar 2014-2015', '2014-2015', '2014-09-01T08:00:00.000Z'],
    ]);
    expect(profile.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(profile.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    const logged = profile.store.changesAfter(0, 100).map((entry) => `${entry.change.rowId}.${entry.change.column}`);
    expect(logged).toEqual(
      expect.arrayContaining(['legacy-1.name', 'legacy-1.working_year', 'legacy-1.created_at', 'legacy-1.deleted']),
    );
    // Edits after the migration are stamped after the migrated history.
    const [rename] = profile.store.update('campaigns', 'legacy-1', { name: 'Werkjaar 14-15' });
    expect(rename!.prev).not.toBeNull();
    expect(rename!.hlc > rename!.prev!).toBe(true);
    const other = openMemoryStore({ node: 'ffffffff' });
    await importBundleBytes(other, (await createBundle(profile.store)).bytes);
    expect(other.get('campaigns', 'legacy-1')?.name).toBe('Werkjaar 14-15');
    expect(other.get('campaigns', 'legacy-2')?.working_year).toBe('2015-2016');
    profile.close();
    // Reopening keeps the node id and the data.
    const again = openTestProfile(dir);
    expect(again.store.node).toBe(profile.store.node);
    expect(again.store.get('campaigns', 'legacy-1')?.name).toBe('Werkjaar 14-15');
    again.close();
  });

  it('003 indexes the notes a v2 profile already has, and keeps the index current afterwards', () => {
    const dir = profileAt(2);
    const profile = openTestProfile(dir);
    expect(schemaVersion(profile.db)).toBe(migrations.length);
    const ids = (query: string) => searchCampaign(profile, 'c-legacy', query).hits.map((hit) => hit.id);
    // Accents and case folded; the deleted note is not indexed.
    expect(ids('COORDINATIE')).toEqual(['n1']);
    expect(ids('wachtlijst')).toEqual(['n2']);
    profile.store.update('notes', 'n2', { text: 'Wachtlijsten zijn korter geworden dankzij coördinatie' });
    expect(ids('coordinatie').sort()).toEqual(['n1', 'n2']);
    profile.store.restore('notes', 'n3');
    expect(ids('coordinatie').sort()).toEqual(['n1', 'n2', 'n3']);
    expect(profile.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    profile.close();
  });

  it('008 stores when each row of a v7 profile was created, and keeps the earliest as changes arrive', () => {
    const temp = tempDir('veldwerk-migrate-');
    cleanups.push(temp.remove);
    const db = openDatabase(path.join(temp.dir, 'veldwerk.sqlite'));
    migrate(db, migrations.slice(0, 7));
    const node = (db.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string }).value;
    const hlc = (ms: number) => `${String(ms).padStart(15, '0')}-0000-${node}`;
    const T = Date.UTC(2025, 9, 1, 9, 0, 0);
    // The log of a v7 profile: item a typed before item b, both edited later.
    const insert = db.prepare(
      `INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
       VALUES (?, ?, ?, 'c1', 'swot_items', ?, ?, ?, NULL, 1, 'local')`,
    );
    insert.run(hlc(T + 1), node, node, 'item-a', 'quadrant', '"strengths"');
    insert.run(hlc(T + 2), node, node, 'item-a', 'text', '"Sterk team"');
    insert.run(hlc(T + 3), node, node, 'item-b', 'quadrant', '"threats"');
    insert.run(hlc(T + 9), node, node, 'item-a', 'text', '"Sterk en hecht team"');
    db.prepare("INSERT INTO node_clock (campaign, node, hlc) VALUES ('c1', ?, ?)").run(node, hlc(T + 9));
    db.close();

    const profile = openTestProfile(temp.dir);
    try {
      expect(schemaVersion(profile.db)).toBe(migrations.length);
      const order = () => profile.store.firstChangeIds('swot_items', 'c1', ['item-a', 'item-b', 'item-c']);
      expect(order()).toEqual(
        new Map([
          ['item-a', hlc(T + 1)],
          ['item-b', hlc(T + 3)],
        ]),
      );
      // The partner typed item b even earlier (its laptop was offline): the earliest change wins.
      const partner = openMemoryStore({ node: 'ffffffff', now: () => T });
      partner.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2025-2026', created_at: null });
      partner.insert('swot_items', 'c1', { quadrant: 'threats', text: 'Weinig tijd' }, { id: 'item-b' });
      const early = partner.changesAfter(0, 100).map((logged) => logged.change);
      profile.store.applyRemote(early, 'peer');
      const first = early
        .filter((change) => change.rowId === 'item-b')
        .map((change) => change.id)
        .sort()[0];
      expect(order().get('item-b')).toBe(first);
      expect(order().get('item-a')).toBe(hlc(T + 1));
      // A new local item is stored as it is created.
      const c = profile.store.insert(
        'swot_items',
        'c1',
        { quadrant: 'opportunities', text: 'Nieuw' },
        { id: 'item-c' },
      );
      expect(order().get(c)).toBe(profile.store.changesAfter(0, 1000).find((e) => e.change.rowId === c)?.change.id);
    } finally {
      profile.close();
    }
  });

  it('011 indexes what a v10 profile still has to push, so the count walks only those changes', () => {
    const temp = tempDir('veldwerk-migrate-');
    cleanups.push(temp.remove);
    const db = openDatabase(path.join(temp.dir, 'veldwerk.sqlite'));
    migrate(db, migrations.slice(0, 10));
    const node = (db.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string }).value;
    const T = Date.UTC(2025, 9, 1, 9, 0, 0);
    const insert = db.prepare(
      `INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
       VALUES (?, ?, ?, 'c1', 'swot_items', ?, 'text', '"x"', NULL, 1, ?)`,
    );
    // A season pulled from the server, then two edits typed here and one the duo partner brought.
    for (let index = 0; index < 50; index += 1)
      insert.run(`${String(T + index).padStart(15, '0')}-0000-srvabc`, 'srvabc', 'srvabc', `pulled-${index}`, 'server');
    insert.run(`${String(T + 100).padStart(15, '0')}-0000-${node}`, node, node, 'mine-1', 'local');
    insert.run(`${String(T + 101).padStart(15, '0')}-0000-${node}`, node, node, 'mine-2', 'local');
    insert.run(`${String(T + 102).padStart(15, '0')}-0000-ffffffff`, 'ffffffff', 'ffffffff', 'partner-1', 'bundle');
    db.close();

    const profile = openTestProfile(temp.dir);
    try {
      expect(schemaVersion(profile.db)).toBe(migrations.length);
      const pushed = ['local', 'bundle', 'peer'] as const;
      expect(profile.store.countChangesAfter('c1', 0, pushed)).toBe(3);
      const seqOf = (rowId: string) =>
        (profile.db.prepare('SELECT seq FROM changes WHERE row_id = ?').get(rowId) as { seq: number }).seq;
      expect(profile.store.countChangesAfter('c1', seqOf('mine-1'), pushed)).toBe(2);
      expect(profile.store.countChangesAfter('c1', 0, ['server'])).toBe(50);
      // The count reads the partial index, which holds none of the pulled changes.
      const plan = profile.db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT count(*) AS n FROM changes WHERE campaign = ? AND seq > ? AND source <> 'server' AND source IN (SELECT value FROM json_each(?))",
        )
        .all('c1', 0, JSON.stringify(pushed)) as Array<{ detail: string }>;
      expect(plan.map((step) => step.detail).join('\n')).toContain('changes_unpushed');
      const indexed = profile.db
        .prepare(
          "SELECT count(*) AS n FROM changes INDEXED BY changes_unpushed WHERE campaign = 'c1' AND source <> 'server'",
        )
        .get() as { n: number };
      expect(indexed.n).toBe(3);
      // New edits are counted as they are made.
      profile.store.insert('swot_items', 'c1', { quadrant: 'threats', text: 'Nieuw' }, { id: 'mine-3' });
      expect(profile.store.countChangesAfter('c1', 0, pushed)).toBeGreaterThan(3);
    } finally {
      profile.close();
    }
  });

  it('012 stores what a v11 profile still has to push, counted as the log scan counts it, and keeps it', () => {
    const temp = tempDir('veldwerk-migrate-');
    cleanups.push(temp.remove);
    const db = openDatabase(path.join(temp.dir, 'veldwerk.sqlite'));
    migrate(db, migrations.slice(0, 11));
    const node = (db.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string }).value;
    const T = Date.UTC(2025, 9, 1, 9, 0, 0);
    const insert = db.prepare(
      `INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
       VALUES (?, ?, ?, ?, 'swot_items', ?, 'text', '"x"', NULL, 1, ?)`,
    );
    let tick = 0;
    const add = (campaign: string, from: string, rowId: string, source: string) => {
      insert.run(`${String(T + (tick += 1)).padStart(15, '0')}-0000-${from}`, from, from, campaign, rowId, source);
      return (db.prepare('SELECT max(seq) AS seq FROM changes').get() as { seq: number }).seq;
    };
    // c1: edits pushed to server s1, a season pulled from it, then edits not pushed yet (typed
    // here, brought by the duo partner by file and over the network).
    for (let index = 0; index < 5; index += 1) add('c1', node, `sent-${index}`, 'local');
    const pushedThrough = add('c1', node, 'sent-last', 'local');
    for (let index = 0; index < 40; index += 1) add('c1', 'srvabc12', `pulled-${index}`, 'server');
    add('c1', node, 'mine-1', 'local');
    add('c1', 'ffffffff', 'partner-1', 'bundle');
    add('c1', 'ffffffff', 'partner-2', 'peer');
    // c2: never pushed; c3: only pulled.
    for (let index = 0; index < 3; index += 1) add('c2', node, `c2-${index}`, 'local');
    add('c3', 'srvabc12', 'c3-pulled', 'server');
    const state = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)');
    state.run('sync:server-id', 's1');
    state.run(pushCursorKey('s1', 'c1'), String(pushedThrough));
    // A cursor of another server this laptop was connected to before does not count.
    state.run(pushCursorKey('s0', 'c2'), '999999');
    for (const campaign of ['c1', 'c2', 'c3'])
      db.prepare('INSERT INTO node_clock (campaign, node, hlc) VALUES (?, ?, ?)').run(
        campaign,
        node,
        `${String(T + tick).padStart(15, '0')}-0000-${node}`,
      );
    db.close();

    const profile = openTestProfile(temp.dir);
    try {
      expect(schemaVersion(profile.db)).toBe(migrations.length);
      // What the status used to count by scanning the log after each campaign's push cursor.
      const scanned = (campaign: string) => {
        const cursor = Number(profile.store.getSyncState(pushCursorKey('s1', campaign)) ?? '0');
        return profile.store.countChangesAfter(campaign, cursor, ['local', 'bundle', 'peer']);
      };
      const counted = profile.db
        .prepare("SELECT campaign, count(*) AS n FROM changes WHERE source <> 'server' AND seq > ? GROUP BY campaign")
        .all(pushedThrough) as Array<{ campaign: string; n: number }>;
      expect(counted).toEqual([
        { campaign: 'c1', n: 3 },
        { campaign: 'c2', n: 3 },
      ]);
      expect(profile.store.unpushedCounts()).toEqual(
        new Map([
          ['c1', scanned('c1')],
          ['c2', scanned('c2')],
        ]),
      );
      expect(profile.store.unpushedCount()).toBe(6);
      // Kept from now on: an edit counts, a push passing it does not any more.
      profile.store.insert('swot_items', 'c2', { quadrant: 'threats', text: 'Nieuw' }, { id: 'mine-c2' });
      expect(profile.store.unpushedCounts().get('c2')).toBe(scanned('c2'));
      const newest = profile.store.changesAfter(0, 10_000).at(-1)!.seq;
      profile.store.setSyncState(pushCursorKey('s1', 'c2'), String(newest));
      expect(profile.store.unpushedCounts().has('c2')).toBe(false);
      expect(profile.store.unpushedCount()).toBe(scanned('c1'));
    } finally {
      profile.close();
    }
  });

  it('009 adds rejected suggestions to a v8 profile; they are written and synced like any edit', async () => {
    const dir = profileAt(8);
    const profile = openTestProfile(dir);
    expect(schemaVersion(profile.db)).toBe(migrations.length);
    expect(profile.store.get('swot_items', 'i1')?.text).toBe('Lange wachtlijsten');
    const id = profile.store.insert(
      'suggestion_rejections',
      'c-v8',
      {
        sector_id: 's1',
        respondent_group_id: 'g1',
        item_ids: ['i1', 'i2'],
        lemma_id: null,
        author_id: 'm1',
        rejected_at: '2026-12-02T01:00:00.000Z',
      },
      { author: 'm1' },
    );
    expect(profile.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    const other = openMemoryStore({ node: 'ffffffff' });
    await importBundleBytes(other, (await createBundle(profile.store)).bytes);
    expect(other.get('suggestion_rejections', id)).toMatchObject({ item_ids: ['i1', 'i2'], lemma_id: null });
    expect(other.get('swot_items', 'i2')?.text).toBe('Wachtlijsten voor cursussen');
    profile.close();
    const again = openTestProfile(dir);
    expect(again.store.list('suggestion_rejections', { campaign_id: 'c-v8' }).map((row) => row.id)).toEqual([id]);
    again.close();
  });
});
