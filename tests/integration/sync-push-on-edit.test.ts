import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../db/store/campaigns';
import type { Profile } from '../../db/profile';
import { pushCursorKey } from '../../services/sync/client/engine';
import { SyncController } from '../../services/sync/controller';
import type { SyncView } from '../../shared/contract/sync';
import { openTestProfile, tempDir } from '../support/profile';
import { until } from '../support/services';
import {
  createTestStoreLocation,
  seed,
  startTestServer,
  TEST_PASSWORD,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

// Issue 13: an edit travels at once. The background round here comes only once an hour, so the
// edit can reach the real server on 127.0.0.1 only through the push its commit schedules.

const HOUR = 60 * 60 * 1000;

describe('push on edit', () => {
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const cleanups: Array<() => void | Promise<void>> = [];

  beforeAll(async () => {
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await server.close();
    await handle.destroy();
  });

  async function connected(email = 'anna@inspectie.be'): Promise<{
    profile: Profile;
    controller: SyncController;
    campaign: string;
    told: SyncView[];
  }> {
    const folder = tempDir('veldwerk-push-on-edit-');
    const profile = openTestProfile(folder.dir);
    const campaign = createCampaign(profile.store, { name: 'Werkjaar 2025-2026', workingYear: '2025-2026' }).id;
    await seed(server.store, [campaign], [{ email, roles: [{ role: 'inspector' }] }]);
    const told: SyncView[] = [];
    const controller = new SyncController(profile, {
      intervalMs: HOUR,
      pushDelayMs: 200,
      onStatus: (status) => told.push(status),
    });
    cleanups.push(
      () => folder.remove(),
      () => profile.close(),
      () => controller.close(),
    );
    await controller.connect({ serverUrl: server.url, email, password: TEST_PASSWORD });
    await until(
      async () => controller.status(),
      (status) => status.state === 'up-to-date',
      'the first round',
      120_000,
    );
    return { profile, controller, campaign, told };
  }

  it('pushes an edit to the server without waiting for the next round', async () => {
    const { profile, controller, campaign } = await connected();
    const firstRound = controller.status().lastSyncAt;
    const visit = profile.store.insert('visits', campaign, {
      organisation_id: 'org-1',
      date: '2026-03-10',
      member_a: null,
      member_b: null,
      status: 'planned',
    });
    const logged = await until(
      () => server.store.changesAfter(campaign, 0, 100_000),
      (changes) => changes.some((entry) => entry.change.rowId === visit),
      'the edit on the server',
      120_000,
    );
    expect(logged.filter((entry) => entry.change.rowId === visit).length).toBeGreaterThan(0);
    const after = await until(
      async () => controller.status(),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      'nothing left to push',
      120_000,
    );
    expect(after.lastSyncAt).toBeGreaterThan(firstRound ?? 0);
  }, 300_000);

  it('tells every status change as it happens: the count an edit adds, the round, nothing left', async () => {
    const { profile, controller, campaign, told } = await connected('bart@inspectie.be');
    told.length = 0;
    profile.store.insert('visits', campaign, {
      organisation_id: 'org-2',
      date: '2026-03-11',
      member_a: null,
      member_b: null,
      status: 'planned',
    });
    // Told at the commit, before any round: the edit waits to be pushed.
    expect(told[0]).toMatchObject({ state: 'up-to-date', pendingChanges: expect.any(Number) as number });
    expect(told[0]!.pendingChanges).toBeGreaterThan(0);
    await until(
      async () => told.at(-1),
      (status) => status?.state === 'up-to-date' && status.pendingChanges === 0,
      'the round told',
      120_000,
    );
    expect(told.some((status) => status.state === 'syncing')).toBe(true);
    expect(told.at(-1)).toEqual(controller.status());
    // No status is told twice in a row.
    for (let index = 1; index < told.length; index += 1) expect(told[index]).not.toEqual(told[index - 1]);
    // The stored count is the scan's.
    const serverId = profile.store.getSyncState('sync:server-id')!;
    const cursor = Number(profile.store.getSyncState(pushCursorKey(serverId, campaign)));
    expect(profile.store.countChangesAfter(campaign, cursor, ['local', 'bundle', 'peer'])).toBe(0);
  }, 300_000);
});
