import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { yjsClientId } from '../../db/store/text';
import { deterministicUpdate, editSection, paragraphsJson, textBlocks } from '../../shared/report/document';
import { type Profile } from '../../db/profile';
import { SyncEngine } from '../../services/sync/client/engine';
import { SyncHttpClient } from '../../services/sync/client/http';
import type { SyncStatus } from '../../services/sync/client/status';
import type { TableName } from '../../shared/sync/schema';
import {
  createTestStoreLocation,
  announcedPostgresReason,
  seed,
  startFaultyProxy,
  startTestServer,
  STORE_KINDS,
  TEST_PASSWORD,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';
import { openTestProfile } from '../support/profile';

const pgReason = await announcedPostgresReason('server-sync');

const kinds = STORE_KINDS;
const TABLES: TableName[] = ['good_practices', 'swot_items', 'report_sections', 'visits'];

interface Laptop {
  readonly dir: string;
  profile: Profile;
  engine: SyncEngine;
  readonly statuses: SyncStatus[];
}

describe.each(kinds)('sync engine with real profiles against the %s store', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const laptops: Laptop[] = [];

  async function laptop(
    email: string,
    options: { url?: string; pullLimit?: number; pushBatch?: number; dir?: string } = {},
  ): Promise<Laptop> {
    const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'veldwerk-laptop-'));
    const profile = openTestProfile(dir, { store: { author: email } });
    const client = new SyncHttpClient({ baseUrl: options.url ?? server.url });
    await client.login(email, TEST_PASSWORD);
    const engine = new SyncEngine({
      replica: profile.store,
      client,
      pullLimit: options.pullLimit ?? 500,
      pushBatch: options.pushBatch ?? 500,
    });
    const item: Laptop = { dir, profile, engine, statuses: [] };
    engine.onStatus((status) => item.statuses.push(status));
    laptops.push(item);
    return item;
  }

  function state(item: Laptop, campaign: string): unknown {
    return {
      rows: TABLES.map((table) => item.profile.store.list(table, { campaign_id: campaign }, { includeDeleted: true })),
      conflicts: item.profile.store
        .listConflicts({ campaign })
        .map((conflict) => [
          conflict.table,
          conflict.rowId,
          conflict.column,
          conflict.winner.value,
          conflict.loser.value,
        ]),
    };
  }

  beforeAll(async () => {
    if (skip) return;
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location);
    const all = [
      { role: 'inspector' as const, campaign: 'ca' },
      { role: 'inspector' as const, campaign: 'cb' },
      { role: 'inspector' as const, campaign: 'cf' },
    ];
    await seed(
      server.store,
      ['ca', 'cb', 'cf'],
      [
        { email: 'ann@x.org', roles: all },
        { email: 'bob@x.org', roles: all },
        { email: 'cid@x.org', roles: all },
      ],
    );
  });

  afterAll(async () => {
    if (skip) return;
    for (const item of laptops) {
      await item.engine.stop();
      item.profile.close();
      rmSync(item.dir, { recursive: true, force: true });
    }
    await server.close();
    await handle.destroy();
  });

  it.skipIf(skip)(
    'two laptops edit offline, sync in both orders and converge; a third joins later through paged pulls',
    async () => {
      const ann = await laptop('ann@x.org');
      const bob = await laptop('bob@x.org');
      for (const [campaign, first, second] of [
        ['ca', ann, bob],
        ['cb', bob, ann],
      ] as const) {
        // Shared starting point: one visit, one SWOT item, one report section.
        first.profile.store.insert(
          'visits',
          campaign,
          { organisation_id: 'o1', status: 'in_progress' },
          { id: `${campaign}-v1` },
        );
        first.profile.store.insert(
          'swot_items',
          campaign,
          {
            visit_id: `${campaign}-v1`,
            conversation_id: 'k1',
            quadrant: 'strengths',
            text: 'Good volunteers',
            author_id: 'm1',
          },
          { id: `${campaign}-s1` },
        );
        first.profile.store.insert(
          'report_sections',
          campaign,
          { report_id: 'r1', sort_order: 1, title: 'Intro' },
          { id: `${campaign}-rs1` },
        );
        first.profile.store.applyTextUpdate(
          'report_sections',
          `${campaign}-rs1`,
          'body',
          deterministicUpdate('intro', paragraphsJson('The centres work hard.')),
        );
        await first.engine.syncOnce();
        await second.engine.syncOnce();
        expect(state(second, campaign)).toEqual(state(first, campaign));
        // Offline edits of the same visit, SWOT board and report section.
        first.profile.store.update('visits', `${campaign}-v1`, { date: '2025-02-01' });
        second.profile.store.update('visits', `${campaign}-v1`, { status: 'done' });
        first.profile.store.update('swot_items', `${campaign}-s1`, { quadrant: 'opportunities' });
        second.profile.store.update('swot_items', `${campaign}-s1`, { quadrant: 'weaknesses' });
        const edit = (who: typeof first, change: (block: Y.XmlText) => void) => {
          const state = who.profile.store.textState('report_sections', `${campaign}-rs1`, 'body');
          const { update } = editSection(state, yjsClientId(who.profile.store.node), (fragment) =>
            change(textBlocks(fragment)[0] as Y.XmlText),
          );
          who.profile.store.applyTextUpdate('report_sections', `${campaign}-rs1`, 'body', update);
        };
        edit(first, (block) => block.insert(block.length, ' They cooperate.'));
        edit(second, (block) => {
          block.delete(0, 3);
          block.insert(0, 'Most');
        });
        first.profile.store.insert(
          'good_practices',
          campaign,
          { visit_id: `${campaign}-v1`, text: 'Buddy system' },
          { id: `${campaign}-gp1` },
        );
        await first.engine.syncOnce();
        await second.engine.syncOnce();
        await first.engine.syncOnce();
        expect(state(first, campaign)).toEqual(state(second, campaign));
        const body = first.profile.store.get('report_sections', `${campaign}-rs1`)?.body ?? '';
        expect(body).toContain('They cooperate.');
        expect(body).toContain('Most');
        expect(first.profile.store.get('visits', `${campaign}-v1`)).toMatchObject({
          date: '2025-02-01',
          status: 'done',
        });
        expect(first.profile.store.listConflicts({ campaign }).length).toBeGreaterThan(0);
      }
      const cid = await laptop('cid@x.org', { pullLimit: 3 });
      const report = await cid.engine.syncOnce();
      expect(report.pulled).toBeGreaterThan(6);
      for (const campaign of ['ca', 'cb']) expect(state(cid, campaign)).toEqual(state(ann, campaign));
      const pullEvents = cid.statuses.filter(
        (status) => status.state === 'syncing' && status.progress?.phase === 'pull',
      );
      expect(pullEvents.length).toBeGreaterThan(4);
      expect(cid.statuses.at(-1)?.state).toBe('up-to-date');
    },
  );

  it.skipIf(skip)(
    'survives a lost answer mid-push, the server going away, a killed process and a lost answer mid-pull: nothing duplicated, nothing lost',
    async () => {
      let target = server.url;
      const proxy = await startFaultyProxy(() => target);
      try {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-laptop-'));
        let ann = await laptop('ann@x.org', { url: proxy.url, pushBatch: 40, dir });
        for (let index = 0; index < 100; index += 1) {
          ann.profile.store.insert(
            'good_practices',
            'cf',
            { visit_id: 'vf', text: `practice ${index}` },
            { id: `cf-gp${index}` },
          );
        }
        const local = ann.profile.store.changesAfter(0, 10_000, { campaign: 'cf', sources: ['local'] }).length;
        // The server stores the second batch, but its answer never arrives.
        let pushes = 0;
        proxy.dropAnswerOf((method, route) => method === 'POST' && route.endsWith('/cf/changes') && ++pushes === 2);
        await expect(ann.engine.syncOnce()).rejects.toThrow(/cut off|cannot be reached/);
        expect(ann.engine.status.state).toBe('offline');

        // The server goes away; the laptop stays offline and keeps trying.
        const port = server.port;
        await server.close();
        await expect(ann.engine.syncOnce()).rejects.toThrow(/cannot be reached|not available/);
        expect(ann.engine.status.state).toBe('offline');

        // The laptop's process is killed; the server comes back on the same port with the same data.
        await ann.engine.stop();
        ann.profile.close();
        server = await startTestServer(handle.location, {}, port);
        target = server.url;
        ann = await laptop('ann@x.org', { url: proxy.url, pushBatch: 40, dir });
        const resumed = await ann.engine.syncOnce();
        expect(resumed.duplicates).toBeGreaterThan(0);
        const serverLog = await server.store.changesAfter('cf', 0, 100_000);
        expect(serverLog).toHaveLength(local);
        expect(new Set(serverLog.map((entry) => entry.change.id)).size).toBe(local);

        // Duplicated and reordered batches change nothing.
        const replayClient = new SyncHttpClient({ baseUrl: server.url });
        await replayClient.login('ann@x.org', TEST_PASSWORD);
        const everything = serverLog.map((entry) => entry.change);
        const replay = await replayClient.push('cf', [...everything].reverse().concat(everything.slice(0, 10)));
        expect(replay).toMatchObject({ accepted: 0, duplicates: local + 10 });
        expect(await server.store.changesAfter('cf', 0, 100_000)).toHaveLength(local);

        // A second laptop loses an answer mid-pull, retries, and ends with the same state.
        const bob = await laptop('bob@x.org', { url: proxy.url, pullLimit: 30 });
        let pulls = 0;
        proxy.dropAnswerOf((method, route) => method === 'GET' && route.endsWith('/cf/changes') && ++pulls === 2);
        await expect(bob.engine.syncOnce()).rejects.toThrow();
        await bob.engine.syncOnce();
        expect(bob.profile.store.list('good_practices', { campaign_id: 'cf' })).toEqual(
          ann.profile.store.list('good_practices', { campaign_id: 'cf' }),
        );
        expect(bob.profile.store.list('good_practices', { campaign_id: 'cf' })).toHaveLength(100);
      } finally {
        await proxy.close();
      }
    },
  );

  it.skipIf(skip)(
    'runs in the background, reports offline while the server is away and catches up after a trigger',
    async () => {
      let target = server.url;
      const proxy = await startFaultyProxy(() => target);
      try {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-laptop-'));
        const profile = openTestProfile(dir);
        const client = new SyncHttpClient({ baseUrl: proxy.url });
        await client.login('cid@x.org', TEST_PASSWORD);
        const engine = new SyncEngine({
          replica: profile.store,
          client,
          intervalMs: 60_000,
          initialBackoffMs: 50,
          maxBackoffMs: 200,
        });
        const item: Laptop = { dir, profile, engine, statuses: [] };
        laptops.push(item);
        engine.onStatus((status) => item.statuses.push(status));
        target = 'http://127.0.0.1:9';
        engine.start();
        await expect.poll(() => engine.status.state, { timeout: 5000 }).toBe('offline');
        target = server.url;
        await expect.poll(() => engine.status.state, { timeout: 5000 }).toBe('up-to-date');
        profile.store.insert('good_practices', 'ca', { visit_id: 'ca-v1', text: 'background' }, { id: 'ca-bg' });
        engine.trigger();
        await expect
          .poll(
            async () =>
              (await server.store.changesAfter('ca', 0, 10_000)).some((entry) => entry.change.rowId === 'ca-bg'),
            { timeout: 5000 },
          )
          .toBe(true);
        await engine.stop();
        expect(engine.status.state).toBe('idle');
        expect(item.statuses.some((status) => status.state === 'offline' && status.reason.length > 0)).toBe(true);
      } finally {
        await proxy.close();
      }
    },
  );
});
