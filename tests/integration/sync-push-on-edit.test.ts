import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../db/store/campaigns';
import type { Profile } from '../../db/profile';
import { SyncController } from '../../services/sync/controller';
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

  async function connected(): Promise<{ profile: Profile; controller: SyncController; campaign: string }> {
    const folder = tempDir('veldwerk-push-on-edit-');
    const profile = openTestProfile(folder.dir);
    const campaign = createCampaign(profile.store, { name: 'Werkjaar 2025-2026', workingYear: '2025-2026' }).id;
    await seed(server.store, [campaign], [{ email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] }]);
    const controller = new SyncController(profile, { intervalMs: HOUR, pushDelayMs: 200 });
    cleanups.push(
      () => folder.remove(),
      () => profile.close(),
      () => controller.close(),
    );
    await controller.connect({ serverUrl: server.url, email: 'anna@inspectie.be', password: TEST_PASSWORD });
    await until(
      async () => controller.status(),
      (status) => status.state === 'up-to-date',
      'the first round',
      120_000,
    );
    return { profile, controller, campaign };
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
});
