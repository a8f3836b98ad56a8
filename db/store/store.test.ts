import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync/change';
import { ClockSkewError, formatHlc } from '../../shared/sync/hlc';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/schema';
import { ChangeRejectedError } from './errors';
import { openMemoryDatabase, openMemoryStore } from './memory';
import { LocalStore } from './store';

const T0 = Date.UTC(2015, 0, 10, 9, 0, 0);

function pair(): { a: LocalStore; b: LocalStore; clock: { t: number } } {
  const clock = { t: T0 };
  const now = () => clock.t;
  return { a: openMemoryStore({ node: 'aaaaaaaa', now }), b: openMemoryStore({ node: 'bbbbbbbb', now }), clock };
}

function sync(from: LocalStore, to: LocalStore): void {
  to.applyRemote(
    from.changesAfter(0, 1_000_000).map((logged) => logged.change),
    'peer',
  );
}

function seedVisit(store: LocalStore): { campaign: string; visit: string; conversation: string } {
  const campaign = store.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2014-2015', created_at: null });
  const visit = store.insert(
    'visits',
    campaign,
    { organisation_id: 'org-1', date: '2015-01-10', status: 'planned' },
    { id: 'v1' },
  );
  const conversation = store.insert(
    'conversations',
    campaign,
    { visit_id: visit, respondent_group_ids: ['rg-1'] },
    { id: 'cv1' },
  );
  return { campaign, visit, conversation };
}

describe('LocalStore', () => {
  it('writes a change and the domain row in one step, and reads it back', () => {
    const { a } = pair();
    const { visit } = seedVisit(a);
    expect(a.get('visits', visit)).toMatchObject({
      id: 'v1',
      campaign_id: 'c1',
      date: '2015-01-10',
      status: 'planned',
      deleted: false,
    });
    const logged = a.changesAfter(0, 100).map((entry) => `${entry.change.table}.${entry.change.column}`);
    expect(logged).toContain('visits.status');
    expect(a.update('visits', visit, { status: 'planned' })).toEqual([]);
  });

  it('merges last writer wins per field, in any order, idempotently', () => {
    const { a, b, clock } = pair();
    const { visit } = seedVisit(a);
    sync(a, b);
    clock.t += 1000;
    a.update('visits', visit, { status: 'done' });
    clock.t += 1000;
    b.update('visits', visit, { date: '2015-02-01' });
    b.update('visits', visit, { status: 'cancelled' });
    sync(a, b);
    sync(b, a);
    sync(b, a);
    expect(a.get('visits', visit)).toEqual(b.get('visits', visit));
    expect(a.get('visits', visit)).toMatchObject({ status: 'cancelled', date: '2015-02-01' });
  });

  it('records a concurrent judgement edit as a conflict on both sides and resolves it everywhere', () => {
    const { a, b, clock } = pair();
    const { campaign, visit, conversation } = seedVisit(a);
    const item = a.insert('swot_items', campaign, {
      visit_id: visit,
      conversation_id: conversation,
      quadrant: 'strengths',
      text: 'Sterk netwerk',
      author_id: 'm1',
    });
    sync(a, b);
    clock.t += 1000;
    a.update('swot_items', item, { quadrant: 'opportunities' });
    b.update('swot_items', item, { quadrant: 'threats' });
    const reportB = b.applyRemote(
      a.changesAfter(0, 1000).map((entry) => entry.change),
      'peer',
    );
    sync(b, a);
    expect(reportB.conflicts).toBe(1);
    expect(a.get('swot_items', item)?.quadrant).toBe(b.get('swot_items', item)?.quadrant);
    const conflictsA = a.listConflicts();
    expect(conflictsA).toHaveLength(1);
    expect(b.listConflicts()).toEqual(conflictsA);
    const conflict = conflictsA[0]!;
    expect([conflict.winner.value, conflict.loser.value].sort()).toEqual(['opportunities', 'threats']);
    // a keeps its own version: a new change that saw the winner closes the conflict everywhere.
    clock.t += 1000;
    a.resolveConflict(conflict.id, 'mine');
    sync(a, b);
    expect(a.get('swot_items', item)?.quadrant).toBe('opportunities');
    expect(b.get('swot_items', item)?.quadrant).toBe('opportunities');
    expect(a.listConflicts()).toEqual([]);
    expect(b.listConflicts()).toEqual([]);
  });

  it('keeps the losing value of a concurrent lww edit as an automatic resolution, and a restore closes it', () => {
    const { a, b, clock } = pair();
    const { campaign } = seedVisit(a);
    const org = a.insert('organisations', campaign, {
      sector_id: 's1',
      region_id: 'r1',
      name: 'Huis van het Nederlands',
      address: 'Marktplein 1',
    });
    sync(a, b);
    clock.t += 1000;
    a.update('organisations', org, { address: 'Stationsstraat 4' });
    clock.t += 1000;
    b.update('organisations', org, { address: 'Kerkstraat 9' });
    const reportA = a.applyRemote(
      b.changesAfter(0, 1000).map((entry) => entry.change),
      'peer',
    );
    sync(a, b);
    expect(reportA.autoResolved).toBe(1);
    expect(a.get('organisations', org)?.address).toBe('Kerkstraat 9');
    const conflicts = a.listConflicts();
    expect(b.listConflicts()).toEqual(conflicts);
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0]!;
    expect(conflict).toMatchObject({ kind: 'automatic', table: 'organisations', rowId: org, column: 'address' });
    expect(conflict.loser).toMatchObject({ value: 'Stationsstraat 4', node: 'aaaaaaaa' });
    expect(conflict.winner).toMatchObject({ value: 'Kerkstraat 9', node: 'bbbbbbbb' });
    clock.t += 1000;
    a.resolveConflict(conflict.id, 'mine');
    sync(a, b);
    expect(b.get('organisations', org)?.address).toBe('Stationsstraat 4');
    expect(a.listConflicts()).toEqual([]);
    expect(b.listConflicts()).toEqual([]);
  });

  it('does not report a sequential lww edit, in any arrival order, as an automatic resolution', () => {
    const { a, b, clock } = pair();
    const { visit } = seedVisit(a);
    sync(a, b);
    clock.t += 1000;
    b.update('visits', visit, { status: 'in_progress' });
    sync(b, a);
    clock.t += 1000;
    a.update('visits', visit, { status: 'done' });
    const c = openMemoryStore({ node: 'cccccccc', now: () => clock.t });
    // c hears a's newer edit before b's older one.
    c.applyRemote(
      a
        .changesAfter(0, 1000)
        .map((entry) => entry.change)
        .reverse(),
      'peer',
    );
    sync(a, b);
    expect(a.listConflicts()).toEqual([]);
    expect(b.listConflicts()).toEqual([]);
    expect(c.listConflicts()).toEqual([]);
  });

  it('does not report a sequential judgement edit as a conflict', () => {
    const { a, b, clock } = pair();
    const { campaign } = seedVisit(a);
    const lemma = a.insert('lemmas', campaign, {
      sector_id: 's1',
      respondent_group_id: 'rg-1',
      quadrant: 'strengths',
      name: 'Netwerk',
    });
    sync(a, b);
    clock.t += 1000;
    b.update('lemmas', lemma, { name: 'Sterk netwerk' });
    sync(b, a);
    clock.t += 1000;
    a.update('lemmas', lemma, { name: 'Lokaal netwerk' });
    sync(a, b);
    expect(a.listConflicts()).toEqual([]);
    expect(b.listConflicts()).toEqual([]);
  });

  it('keeps a row deleted when an edit is concurrent with the delete, merges the edit, and a restore shows it', () => {
    const { a, b, clock } = pair();
    const { campaign, visit, conversation } = seedVisit(a);
    const item = a.insert('swot_items', campaign, {
      visit_id: visit,
      conversation_id: conversation,
      quadrant: 'weaknesses',
      text: 'Wachtlijsten',
      author_id: 'm1',
    });
    sync(a, b);
    clock.t += 1000;
    b.update('swot_items', item, { text: 'Lange wachtlijsten' });
    clock.t += 1;
    a.remove('swot_items', item);
    sync(a, b);
    sync(b, a);
    for (const store of [a, b]) {
      expect(store.get('swot_items', item)).toBeUndefined();
      expect(store.get('swot_items', item, { includeDeleted: true })?.text).toBe('Lange wachtlijsten');
    }
    clock.t += 1000;
    a.restore('swot_items', item);
    sync(a, b);
    expect(b.get('swot_items', item)?.text).toBe('Lange wachtlijsten');
  });

  it('merges concurrent edits of a shared text and compacts them into one snapshot without losing any', () => {
    const { a, b, clock } = pair();
    const { campaign } = seedVisit(a);
    const lemma = a.insert('lemmas', campaign, {
      sector_id: 's1',
      respondent_group_id: 'rg-1',
      quadrant: 'strengths',
      name: 'Netwerk',
      narrative: 'De centra werken samen.',
    });
    sync(a, b);
    clock.t += 1000;
    a.update('lemmas', lemma, { narrative: 'Alle centra werken samen.' });
    b.update('lemmas', lemma, { narrative: 'De centra werken goed samen.' });
    sync(a, b);
    sync(b, a);
    const merged = a.get('lemmas', lemma)?.narrative;
    expect(merged).toBe(b.get('lemmas', lemma)?.narrative);
    expect(merged).toContain('Alle');
    expect(merged).toContain('goed');
    const before = a.changesAfter(0, 10_000).filter((entry) => entry.change.column === 'narrative').length;
    expect(before).toBe(3);
    const removed = a.compactTexts({ throughSeq: a.changesAfter(0, 10_000).at(-1)!.seq, campaign });
    expect(removed).toBe(3);
    const after = a.changesAfter(0, 10_000).filter((entry) => entry.change.column === 'narrative');
    expect(after).toHaveLength(1);
    expect(a.get('lemmas', lemma)?.narrative).toBe(merged);
    // A fresh replica gets the same text from the snapshot alone.
    const c = openMemoryStore({ node: 'cccccccc', now: () => clock.t });
    sync(a, c);
    expect(c.get('lemmas', lemma)?.narrative).toBe(merged);
    // And applying the snapshot where the updates already are changes nothing.
    sync(a, b);
    expect(b.get('lemmas', lemma)?.narrative).toBe(merged);
  });

  it('refuses changes stamped too far in the future, and its clock never runs backwards', () => {
    const { a, b, clock } = pair();
    seedVisit(a);
    const future = formatHlc({ wallMs: clock.t + 25 * 3600_000, counter: 0, node: 'bbbbbbbb' });
    const skewed: Change = { ...a.changesAfter(0, 1)[0]!.change, id: future, hlc: future, node: 'bbbbbbbb' };
    expect(() => b.applyRemote([skewed], 'bundle')).toThrow(ClockSkewError);
    expect(() => b.applyRemote([skewed], 'bundle')).toThrow(/in the future/);
    expect(b.changesAfter(0, 10)).toEqual([]);
    const ahead = formatHlc({ wallMs: clock.t + 3600_000, counter: 0, node: 'bbbbbbbb' });
    b.applyRemote([{ ...skewed, id: ahead, hlc: ahead }], 'bundle');
    const local = b.insert('campaigns', 'c2', { name: 'Ander', working_year: '2015-2016', created_at: null });
    const stamp = b.changesAfter(0, 100).find((entry) => entry.change.rowId === local)!.change.hlc;
    expect(stamp > ahead).toBe(true);
  });

  it('never stamps behind its own log, even when the wall clock was set back', () => {
    const db = openMemoryDatabase('aaaaaaaa');
    const late = new LocalStore(db, { now: () => T0 + 3600_000 });
    late.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2014-2015', created_at: null });
    const newest = late.changesAfter(0, 100).at(-1)!.change.hlc;
    const reopened = new LocalStore(db, { now: () => T0 });
    const [change] = reopened.update('campaigns', 'c1', { name: 'Later' });
    expect(change!.hlc > newest).toBe(true);
    expect(change!.prev).toBe(
      late.changesAfter(0, 100).find((entry) => entry.change.column === 'name' && entry.change.value === 'Werkjaar')!
        .change.hlc,
    );
  });

  it('keeps changes of a newer schema aside and applies them after an upgrade', () => {
    const db = openMemoryDatabase('aaaaaaaa');
    const a = new LocalStore(db, { now: () => T0 });
    const { campaign } = seedVisit(a);
    const hlc = formatHlc({ wallMs: T0 + 5000, counter: 0, node: 'dddddddd' });
    const newer: Change = {
      id: hlc,
      hlc,
      node: 'dddddddd',
      author: 'm2',
      campaign,
      table: 'good_practices',
      rowId: 'gp1',
      column: 'text',
      value: 'Taalcafé',
      prev: null,
      schema: SYNC_SCHEMA_VERSION + 1,
    };
    const report = a.applyRemote([newer, { ...newer }], 'server');
    expect(report).toMatchObject({ applied: 0, deferred: 1, duplicates: 1 });
    expect(a.get('good_practices', 'gp1')).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM deferred_changes').get()).toEqual({ n: 1 });
    // Reopen the same database as a build that knows the next schema.
    const reopened = new LocalStore(db, { schemaVersion: SYNC_SCHEMA_VERSION + 1, now: () => T0 + 10_000 });
    expect(reopened.get('good_practices', 'gp1')?.text).toBe('Taalcafé');
    expect(db.prepare('SELECT count(*) AS n FROM deferred_changes').get()).toEqual({ n: 0 });
    // One that the upgraded build still refuses stays aside and does not keep the profile from opening.
    const later = formatHlc({ wallMs: T0 + 6000, counter: 0, node: 'dddddddd' });
    reopened.applyRemote(
      [{ ...newer, id: later, hlc: later, table: 'future_table', schema: SYNC_SCHEMA_VERSION + 2 }],
      'server',
    );
    const upgradedAgain = new LocalStore(db, { schemaVersion: SYNC_SCHEMA_VERSION + 2, now: () => T0 + 10_000 });
    expect(upgradedAgain.applyDeferred().stillDeferred).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM deferred_changes').get()).toEqual({ n: 1 });
  });

  it('refuses bad changes with a clear error and writes nothing', () => {
    const { a, b } = pair();
    seedVisit(a);
    const good = a.changesAfter(0, 1000).map((entry) => entry.change);
    const template = good.find((change) => change.table === 'visits' && change.column === 'status')!;
    const fresh = formatHlc({ wallMs: T0 + 1, counter: 9, node: template.node });
    const bad: Array<[unknown, RegExp]> = [
      [{ ...template, table: 'visits; DROP TABLE changes' }, /malformed/],
      [{ ...template, table: 'sqlite_master' }, /unknown table/],
      [{ ...template, column: 'id' }, /unknown column/],
      [{ ...template, column: 'campaign_id' }, /unknown column/],
      [{ ...template, column: 'status" = 1 --' }, /malformed/],
      [{ ...template, value: 'exploded' }, /bad value for visits.status/],
      [{ ...template, value: 42 }, /bad value/],
      [{ ...template, table: 'good_practices', column: 'text', value: 'x'.repeat(20_001) }, /bad value/],
      [{ ...template, value: 'x'.repeat(1024 * 1024 + 1) }, /larger than 1 MiB|bad value/],
      [
        { ...template, id: fresh, hlc: fresh, table: 'notes', column: 'text', value: 'bm90IHlqcw==' },
        /not a valid Yjs update/,
      ],
      [
        { ...template, id: fresh, hlc: fresh, table: 'notes', column: 'text', value: 'bm90IHlqcw' },
        /not a valid Yjs update/,
      ],
      [{ ...template, id: 'nonsense' }, /malformed/],
      [{ ...template, extra: 1 }, /malformed/],
      [{ ...template, rowId: "x' OR 1=1" }, /malformed/],
      [null, /malformed/],
    ];
    for (const [change, message] of bad) {
      expect(() => b.applyRemote([...good, change as Change], 'bundle')).toThrow(ChangeRejectedError);
      expect(() => b.applyRemote([...good, change as Change], 'bundle')).toThrow(message);
    }
    expect(b.changesAfter(0, 10)).toEqual([]);
    expect(b.list('visits', {}, { includeDeleted: true })).toEqual([]);
    expect(() => a.update('visits', 'v1', { status: 'exploded' as 'done' })).toThrow(ChangeRejectedError);
    expect(() => a.update('visits', 'v1', { ['drop table' as 'status']: 'done' })).toThrow(/unknown column/);
    expect(() => a.list('visits', { '1=1 --': 'x' })).toThrow(/unknown column/);
  });

  it('refuses a change that moves a row into another campaign', () => {
    const { a, b } = pair();
    seedVisit(a);
    sync(a, b);
    const status = a
      .changesAfter(0, 1000)
      .map((entry) => entry.change)
      .find((change) => change.column === 'status')!;
    const hlc = formatHlc({ wallMs: T0 + 60_000, counter: 0, node: 'aaaaaaaa' });
    expect(() => b.applyRemote([{ ...status, id: hlc, hlc, campaign: 'c9', value: 'done' }], 'peer')).toThrow(
      /another campaign/,
    );
    expect(b.get('visits', 'v1')?.status).toBe('planned');
  });
});
