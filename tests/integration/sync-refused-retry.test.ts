import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../db/profile';
import { readRefused, refusedPushKey, SyncEngine, SyncRoundError } from '../../services/sync/client/engine';
import { SyncHttpClient } from '../../services/sync/client/http';
import type { RoundReport } from '../../services/sync/client/status';
import { openTestProfile } from '../support/profile';
import {
  createTestStoreLocation,
  makeChanges,
  seed,
  startTestServer,
  TEST_PASSWORD,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

/**
 * A change the server refuses for a reason someone can mend (signed as a member the server does
 * not tie to this account yet) is not lost: it stays on the laptop, every round says so, and it
 * is sent again each round until the team lead puts the address on the member; then it arrives.
 */
describe('changes refused for their author, sent again once the team is put right', () => {
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const folders: string[] = [];
  const profiles: Profile[] = [];

  beforeAll(async () => {
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
    await seed(
      server.store,
      ['cr'],
      [
        { email: 'ivo@x.org', roles: [{ role: 'inspector' }] },
        { email: 'lea@x.org', roles: [{ role: 'team-lead' }] },
      ],
    );
  });

  afterAll(async () => {
    for (const profile of profiles) profile.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    await server.close();
    await handle.destroy();
  });

  async function laptop(email: string): Promise<{ profile: Profile; engine: SyncEngine }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-retry-'));
    folders.push(dir);
    const profile = openTestProfile(dir, { store: { author: email } });
    profiles.push(profile);
    const client = new SyncHttpClient({ baseUrl: server.url });
    await client.login(email, TEST_PASSWORD);
    return { profile, engine: new SyncEngine({ replica: profile.store, client }) };
  }

  const round = (engine: SyncEngine): Promise<RoundReport> =>
    engine.syncOnce().then(
      (report) => report,
      (error: unknown) => {
        if (error instanceof SyncRoundError) return error.report;
        throw error;
      },
    );
  const onServer = async (rowId: string) =>
    (await server.store.changesAfter('cr', 0, 10_000)).some((entry) => entry.change.rowId === rowId);

  it('keeps the refused change, says so each round, and stores it once the lead ties the member to the account', async () => {
    const ivo = await laptop('ivo@x.org');
    ivo.profile.store.insert(
      'good_practices',
      'cr',
      { visit_id: 'v1', text: 'Goede praktijk' },
      {
        id: 'gp-ivo',
        author: 'm-ivo',
      },
    );
    const first = await round(ivo.engine);
    expect(first.problems.map((problem) => problem.code)).toEqual(['AUTHOR_MISMATCH']);
    expect(await onServer('gp-ivo')).toBe(false);
    const key = refusedPushKey(server.store.serverId, 'cr');
    const waiting = readRefused(ivo.profile.store.getSyncState(key));
    expect(waiting.length).toBeGreaterThan(0);
    expect(new Set(waiting.map((item) => item.code))).toEqual(new Set(['AUTHOR_MISMATCH']));
    // Still not mended: sent again, refused again, said again; the laptop keeps it.
    const second = await round(ivo.engine);
    expect(second.problems.map((problem) => problem.code)).toEqual(['AUTHOR_MISMATCH']);
    expect(second.refused.map((item) => item.id).sort()).toEqual(waiting.map((item) => item.id).sort());
    expect(ivo.profile.store.get('good_practices', 'gp-ivo')?.text).toBe('Goede praktijk');

    // The team lead ties member m-ivo to Ivo's account.
    const lead = new SyncHttpClient({ baseUrl: server.url });
    await lead.login('lea@x.org', TEST_PASSWORD);
    const team = await lead.push(
      'cr',
      makeChanges('lealaptop01', 'cr', [
        { table: 'members', rowId: 'm-ivo', column: 'name', value: 'Ivo' },
        { table: 'members', rowId: 'm-ivo', column: 'email', value: 'ivo@x.org' },
      ]),
    );
    expect(team.refused).toEqual([]);
    const third = await round(ivo.engine);
    expect(third.problems).toEqual([]);
    expect(await onServer('gp-ivo')).toBe(true);
    expect(readRefused(ivo.profile.store.getSyncState(key))).toEqual([]);
    // And the others receive it.
    const other = await laptop('lea@x.org');
    await round(other.engine);
    expect(other.profile.store.get('good_practices', 'gp-ivo')?.text).toBe('Goede praktijk');
  });

  // Signed as a member who is another person's account (or as another account's address): no
  // mending makes the server store it, so it is set aside, said once, and never sent again.
  it('sets aside a change refused for good instead of sending it every round', async () => {
    const lead = new SyncHttpClient({ baseUrl: server.url });
    await lead.login('lea@x.org', TEST_PASSWORD);
    const team = await lead.push(
      'cr',
      makeChanges('lealaptop02', 'cr', [
        { table: 'members', rowId: 'm-lea', column: 'name', value: 'Lea' },
        { table: 'members', rowId: 'm-lea', column: 'email', value: 'lea@x.org' },
      ]),
    );
    expect(team.refused).toEqual([]);
    const ivo = await laptop('ivo@x.org');
    await round(ivo.engine);
    ivo.profile.store.insert(
      'good_practices',
      'cr',
      { visit_id: 'v1', text: 'Als Lea' },
      { id: 'gp-as-lea', author: 'm-lea' },
    );
    ivo.profile.store.insert(
      'good_practices',
      'cr',
      { visit_id: 'v1', text: 'Als adres' },
      { id: 'gp-as-address', author: 'lea@x.org' },
    );
    const first = await round(ivo.engine);
    expect(first.problems.map((problem) => problem.code)).toEqual(['AUTHOR_OTHER_ACCOUNT']);
    expect(new Set(first.refused.map((item) => item.code))).toEqual(new Set(['AUTHOR_OTHER_ACCOUNT']));
    expect(await onServer('gp-as-lea')).toBe(false);
    expect(await onServer('gp-as-address')).toBe(false);
    expect(readRefused(ivo.profile.store.getSyncState(refusedPushKey(server.store.serverId, 'cr')))).toEqual([]);
    const setAside = ivo.profile.store.listSetAsideOf('cr');
    expect(new Set(setAside.map((item) => item.change.rowId))).toEqual(new Set(['gp-as-lea', 'gp-as-address']));
    expect(new Set(setAside.map((item) => `${item.source} ${item.code}`))).toEqual(
      new Set(['push AUTHOR_OTHER_ACCOUNT']),
    );
    // Kept on this laptop, not sent again, and the next rounds are clean.
    expect(ivo.profile.store.get('good_practices', 'gp-as-lea')?.text).toBe('Als Lea');
    const second = await round(ivo.engine);
    expect(second.refused).toEqual([]);
    expect(second.problems).toEqual([]);
    // Opening the profile again (which retries deferred changes) keeps them set aside.
    ivo.profile.store.applyDeferred();
    expect(ivo.profile.store.listSetAsideOf('cr')).toHaveLength(setAside.length);
  });

  // Issue 10: hiding the card left the refused change applied here, so this laptop showed what
  // the server refused. Undoing it here puts back the last value that stands, as a change of this
  // laptop that the server takes, and removes a row only refused changes made.
  it('undoes a refused change here, so this laptop shows what the server has', async () => {
    const lead = new SyncHttpClient({ baseUrl: server.url });
    await lead.login('lea@x.org', TEST_PASSWORD);
    await lead.push(
      'cr',
      makeChanges('lealaptop03', 'cr', [
        { table: 'members', rowId: 'm-lea', column: 'email', value: 'lea@x.org' },
        { table: 'good_practices', rowId: 'gp-lea', column: 'visit_id', value: 'v1' },
        { table: 'good_practices', rowId: 'gp-lea', column: 'text', value: 'Van Lea' },
      ]),
    );
    const ivo = await laptop('ivo@x.org');
    await round(ivo.engine);
    expect(ivo.profile.store.get('good_practices', 'gp-lea')?.text).toBe('Van Lea');
    ivo.profile.store.update('good_practices', 'gp-lea', { text: 'Lea zou dit zeggen' }, { author: 'm-lea' });
    ivo.profile.store.insert(
      'good_practices',
      'cr',
      { visit_id: 'v1', text: 'Nieuw als Lea' },
      { id: 'gp-new-as-lea', author: 'm-lea' },
    );
    await round(ivo.engine);
    const aside = ivo.profile.store
      .listSetAsideOf('cr')
      .filter((item) => ['gp-lea', 'gp-new-as-lea'].includes(item.change.rowId));
    // The edit (one field) and the new row (its fields and its tombstone flag), each refused for good.
    expect(aside).toHaveLength(4);
    expect(new Set(aside.map((item) => item.code))).toEqual(new Set(['AUTHOR_OTHER_ACCOUNT']));
    // Before: the refused text stands on this laptop.
    expect(ivo.profile.store.get('good_practices', 'gp-lea')?.text).toBe('Lea zou dit zeggen');

    const outcomes = aside.map((item) => ivo.profile.store.undoPushedSetAside('cr', item.change.id, 'ivo'));
    expect(new Set(outcomes)).toEqual(new Set(['restored', 'removed', 'unchanged']));
    expect(ivo.profile.store.get('good_practices', 'gp-lea')?.text).toBe('Van Lea');
    expect(ivo.profile.store.get('good_practices', 'gp-new-as-lea')).toBeUndefined();
    expect(
      ivo.profile.store.listSetAsideOf('cr').filter((item) => ['gp-lea', 'gp-new-as-lea'].includes(item.change.rowId)),
    ).toEqual([]);
    expect(ivo.profile.store.listDiscarded('cr').map((item) => item.discardedBy)).toContain('ivo');
    // Durable and synced: the undo is this laptop's own change, which the server takes.
    const after = await round(ivo.engine);
    expect(after.refused).toEqual([]);
    const onServerText = (await server.store.changesAfter('cr', 0, 10_000))
      .filter((entry) => entry.change.rowId === 'gp-lea' && entry.change.column === 'text')
      .map((entry) => entry.change.value);
    expect(onServerText.at(-1)).toBe('Van Lea');
    expect(ivo.profile.store.undoPushedSetAside('cr', aside[0]?.change.id ?? '', 'ivo')).toBeNull();
  });
});
