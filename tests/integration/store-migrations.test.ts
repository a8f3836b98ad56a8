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
    // A v2 profile (the sync store, before search) with notes written through the store of the time.
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
  }
  if (version === 7) {
    // A v7 profile (before rejected suggestions) with SWOT items and a lemma written through the store.
    const store = new LocalStore(db);
    const campaign = store.insert('campaigns', 'c-v7', {
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

  it('008 adds rejected suggestions to a v7 profile; they are written and synced like any edit', async () => {
    const dir = profileAt(7);
    const profile = openTestProfile(dir);
    expect(schemaVersion(profile.db)).toBe(migrations.length);
    expect(profile.store.get('swot_items', 'i1')?.text).toBe('Lange wachtlijsten');
    const id = profile.store.insert(
      'suggestion_rejections',
      'c-v7',
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
    expect(again.store.list('suggestion_rejections', { campaign_id: 'c-v7' }).map((row) => row.id)).toEqual([id]);
    again.close();
  });
});
