import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Profile } from '../../db/profile';
import { generateDemo } from '../../db/demo/demo';
import { SyncEngine } from '../../services/sync/client/engine';
import { SyncController } from '../../services/sync/controller';
import { SyncHttpClient } from '../../services/sync/client/http';
import type { Change } from '../../shared/sync/change';
import {
  createTestStoreLocation,
  seed,
  startTestServer,
  TEST_PASSWORD,
  type StoreKindName,
} from '../integration/server-support';
import { domainRows, rawBulkInserter } from './store';
import { openTestProfile } from '../support/profile';
import { serverThroughput } from './_server-throughput';

/**
 * Sync server benchmarks (loopback only, bounded in count and time, medians, no assertions):
 * (a) first sync of the `demo --size season` campaign into an empty profile vs bulk-inserting the same rows locally;
 * (b) one edit's round trip laptop → server → second laptop (two engine rounds back to back), and
 *     one edit laptop → server → partner's store as the app runs (liveEdit: the edit's own push
 *     after the controller's push delay, the server's news, the partner's pull; no round asked for);
 * (c) throughput of 100 concurrent simulated clients pushing and pulling small batches, SQLite and PostgreSQL
 *     beside bare Fastify in the same run, as ratios (tests/bench/_server-throughput.ts).
 */
const CAMPAIGN = 'bench';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

function tempProfile(): { profile: Profile; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-bench-'));
  const profile = openTestProfile(dir);
  return { profile, dispose: () => (profile.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** A sync engine of a laptop logged in to the bench server as `email` (the bench accounts' password). */
export async function engineFor(profile: Profile, url: string, email: string, pullLimit = 2000): Promise<SyncEngine> {
  const client = new SyncHttpClient({ baseUrl: url });
  await client.login(email, TEST_PASSWORD);
  return new SyncEngine({ replica: profile.store, client, pullLimit, pushBatch: 1000 });
}

/**
 * (a) The definition: the real `demo --size season` campaign (db/demo/demo.ts), pushed to
 * the server by one laptop, then first-synced into an empty profile by another, against the same
 * domain rows bulk-inserted locally with raw better-sqlite3 (tests/bench/store.ts). A second,
 * clearly named baseline applies the same changes locally through the store (no network).
 */
async function firstSync(kind: StoreKindName, full: boolean): Promise<Record<string, unknown>> {
  const handle = await createTestStoreLocation(kind);
  const server = await startTestServer(handle.location);
  const source = tempProfile();
  try {
    const summary = generateDemo(source.profile.store, { size: 'season' });
    const campaign = summary.campaignId;
    await seed(
      server.store,
      [campaign],
      [
        { email: 'a@bench.org', roles: [{ role: 'inspector' }] },
        { email: 'b@bench.org', roles: [{ role: 'inspector' }] },
      ],
    );
    const upStart = performance.now();
    await (await engineFor(source.profile, server.url, 'a@bench.org')).syncOnce();
    const uploadMs = performance.now() - upStart;
    const changes: Change[] = source.profile.store
      .changesAfter(0, 1_000_000, { campaign })
      .map((entry) => entry.change);
    const rows = domainRows(source.profile.db);
    const runs = full ? 5 : 3;
    const syncTimes: number[] = [];
    const rawTimes: number[] = [];
    const applyTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const target = tempProfile();
      try {
        const engine = await engineFor(target.profile, server.url, 'b@bench.org');
        const start = performance.now();
        await engine.syncOnce();
        syncTimes.push(performance.now() - start);
        if (target.profile.store.list('notes').length !== summary.notes)
          throw new Error('the first sync did not bring every note');
      } finally {
        target.dispose();
      }
      const raw = tempProfile();
      try {
        const insert = rawBulkInserter(raw.profile.db, rows);
        const start = performance.now();
        insert();
        rawTimes.push(performance.now() - start);
      } finally {
        raw.dispose();
      }
      const local = tempProfile();
      try {
        const start = performance.now();
        local.profile.store.applyRemote(changes, 'bundle');
        applyTimes.push(performance.now() - start);
      } finally {
        local.dispose();
      }
    }
    return {
      season: {
        changes: changes.length,
        domainRows: rows.reduce((sum, entry) => sum + entry.rows.length, 0),
        notes: summary.notes,
        swotItems: summary.swotItems,
      },
      firstSyncMs: round(median(syncTimes)),
      rawBulkInsertMs: round(median(rawTimes)),
      ratio: ratio(median(syncTimes), median(rawTimes)),
      goalRatio: 3,
      goalFirstSyncMs: 3000,
      localApplyRemoteMs: round(median(applyTimes)),
      ratioVsLocalApplyRemote: ratio(median(syncTimes), median(applyTimes)),
      initialUploadMs: round(uploadMs),
      runs,
    };
  } finally {
    source.dispose();
    await server.close();
    await handle.destroy();
  }
}

export async function roundTrip(kind: StoreKindName, full: boolean): Promise<Record<string, unknown>> {
  const handle = await createTestStoreLocation(kind);
  const server = await startTestServer(handle.location);
  const a = tempProfile();
  const b = tempProfile();
  try {
    await seed(
      server.store,
      [CAMPAIGN],
      [
        { email: 'a@bench.org', roles: [{ role: 'inspector' }] },
        { email: 'b@bench.org', roles: [{ role: 'inspector' }] },
      ],
    );
    const ea = await engineFor(a.profile, server.url, 'a@bench.org');
    const eb = await engineFor(b.profile, server.url, 'b@bench.org');
    a.profile.store.insert('good_practices', CAMPAIGN, { visit_id: 'v1', text: 'start' }, { id: 'gp' });
    await ea.syncOnce();
    await eb.syncOnce();
    const times: number[] = [];
    for (let index = 0; index < (full ? 50 : 15); index += 1) {
      const start = performance.now();
      a.profile.store.update('good_practices', 'gp', { text: `edit ${index}` });
      await ea.syncOnce();
      await eb.syncOnce();
      if (b.profile.store.get('good_practices', 'gp')?.text !== `edit ${index}`)
        throw new Error('round trip did not arrive');
      times.push(performance.now() - start);
    }
    return { medianMs: round(median(times)), maxMs: round(Math.max(...times)), edits: times.length };
  } finally {
    a.dispose();
    b.dispose();
    await server.close();
    await handle.destroy();
  }
}

/**
 * (b') One edit as the app runs: two SyncControllers (the app's background sync) whose periodic
 * round is an hour away, so the edit travels only by its own scheduled push and the server's news
 * (GET /v1/events) to the partner. Timed from the edit's commit on A to the commit that stores it
 * on B. The push delay (the controller's deliberate wait for edits to join one push) is reported
 * apart: the rest is the share in our code (and loopback HTTP). Baseline in the same run: the
 * two engine rounds of roundTrip, the least any delivery costs.
 */
export async function liveEdit(full: boolean): Promise<Record<string, unknown>> {
  const handle = await createTestStoreLocation('sqlite');
  const server = await startTestServer(handle.location);
  const a = tempProfile();
  const b = tempProfile();
  const pushDelayMs = 1000;
  const options = { intervalMs: 60 * 60 * 1000, pushDelayMs };
  const ca = new SyncController(a.profile, options);
  const cb = new SyncController(b.profile, options);
  const settled = async () => {
    for (;;) {
      const [sa, sb] = [ca.status(), cb.status()];
      if (sa.state === 'up-to-date' && sb.state === 'up-to-date' && sa.pendingChanges === 0 && cb.hearsNews) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  try {
    await seed(
      server.store,
      [CAMPAIGN],
      [
        { email: 'a@bench.org', roles: [{ role: 'inspector' }] },
        { email: 'b@bench.org', roles: [{ role: 'inspector' }] },
      ],
    );
    a.profile.store.insert('good_practices', CAMPAIGN, { visit_id: 'v1', text: 'start' }, { id: 'gp' });
    await ca.connect({ serverUrl: server.url, email: 'a@bench.org', password: TEST_PASSWORD });
    await settledA(ca);
    await cb.connect({ serverUrl: server.url, email: 'b@bench.org', password: TEST_PASSWORD });
    const times: number[] = [];
    for (let index = 0; index < (full ? 30 : 10); index += 1) {
      await settled();
      const text = `edit ${index}`;
      const arrived = new Promise<number>((resolve) => {
        const stop = b.profile.store.onCommit(() => {
          if (b.profile.store.get('good_practices', 'gp')?.text !== text) return;
          stop();
          resolve(performance.now());
        });
      });
      const start = performance.now();
      a.profile.store.update('good_practices', 'gp', { text });
      times.push((await arrived) - start);
    }
    const sorted = [...times].sort((x, y) => x - y);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] as number;
    const inOurCode = times.map((time) => time - pushDelayMs);
    return {
      medianMs: round(median(times)),
      p95Ms: round(p95),
      pushDelayMs,
      inOurCodeMedianMs: round(median(inOurCode)),
      inOurCodeShare: ratio(median(inOurCode), median(times)),
      edits: times.length,
    };
  } finally {
    await ca.close();
    await cb.close();
    a.dispose();
    b.dispose();
    await server.close();
    await handle.destroy();
  }
}

/** Waits until a controller's first round has pushed everything. */
async function settledA(controller: SyncController): Promise<void> {
  for (;;) {
    const status = controller.status();
    if (status.state === 'up-to-date' && status.pendingChanges === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One part's figures, or the error that stopped it: one broken part does not hide the others. */
async function part(measure: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  try {
    return await measure();
  } catch (error) {
    process.exitCode = 1;
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {
    firstSync: await part(() => firstSync('sqlite', options.full)),
    roundTrip: await part(() => roundTrip('sqlite', options.full)),
    liveEdit: await part(() => liveEdit(options.full)),
    throughput: await part(() => serverThroughput(options)),
  };
  return result;
}
