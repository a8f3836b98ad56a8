import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotes } from '../../db/repositories/fieldwork';
import type { LanView } from '../../shared/contract/lan';
import { startServices, type Services } from '../../services/runtime';
import { call, refusal, until } from '../support/services';
import { tempDir, testProfileKey } from '../support/profile';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
import {
  TEST_PASSWORD,
  createTestStoreLocation,
  seed,
  startTestServer,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

// The duo dialog's network part through the contract (services/lan/controller.ts), as two
// laptops on 127.0.0.1 with a real sync server: they find each other by mDNS (a port of this
// test's own), the server vouches for the partner's certificate, the people compare one code,
// and an edit travels laptop to laptop with no server. Then the refusals a person can meet.

const mdnsPort = 44_000 + (process.pid % 2000);

describe('duo sync over the network, through the services', () => {
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const folders: Array<ReturnType<typeof tempDir>> = [];
  const running: Services[] = [];
  let seeded: SeededCampaign;
  let anna: Services;
  let bart: Services;

  function laptop(): Services {
    const folder = tempDir('veldwerk-lan-services-');
    folders.push(folder);
    const services = startServices({
      profileDir: folder.dir,
      key: testProfileKey(folder.dir),
      transport: 'http',
      lan: { host: '127.0.0.1', mdnsPort },
      onInternalError: (_channel, error) => console.error(error),
    });
    running.push(services);
    return services;
  }

  const status = (services: Services) => call(services, 'lan.status', {});
  const settled = (services: Services, what: string) =>
    until(
      () => status(services),
      (view) => view.session === null && view.last !== null,
      what,
    );

  beforeAll(async () => {
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
    anna = laptop();
    bart = laptop();
    seeded = await seedFieldwork(anna);
    await seed(
      server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    // Anna's laptop brings the campaign to the server; Bart's gets it from there first.
    for (const [services, email] of [
      [anna, 'anna@inspectie.be'],
      [bart, 'bart@inspectie.be'],
    ] as const) {
      await call(services, 'sync.connect', { serverUrl: server.url, email, password: TEST_PASSWORD });
      await until(
        () => call(services, 'sync.status', {}),
        (view) => view.state === 'up-to-date' && view.pendingChanges === 0,
        `${email} synced`,
      );
    }
    await until(
      () => call(bart, 'campaigns.list', {}),
      (list) => list.some((campaign) => campaign.id === seeded.campaignId),
      'the campaign on bart',
    );
  });

  afterAll(async () => {
    for (const services of running) await services.close();
    await server?.close();
    await handle?.destroy();
    for (const folder of folders) folder.remove();
  });

  it('finds the partner, pairs with one code the server vouches for, and sends an edit', async () => {
    // Each laptop tells the server its certificate after a round and when its dialog opens,
    // and learns the colleagues' ones.
    const bartOpen = await call(bart, 'lan.open', {});
    await until(
      () => server.store.lanFingerprints.ofCampaign(seeded.campaignId, 'nobody'),
      (known) => known.some((entry) => entry.fingerprint === bartOpen.fingerprint),
      "bart's certificate on the server",
    );
    // Opened now, Anna's dialog asks the server again at once.
    const annaOpen = await call(anna, 'lan.open', {});
    expect(annaOpen.listening).toMatchObject({ host: '127.0.0.1' });
    expect(annaOpen.fingerprint).not.toBe(bartOpen.fingerprint);
    const seen = await until(
      () => status(anna),
      (view) =>
        view.nearby.some((found) => found.fingerprint === bartOpen.fingerprint && found.server.state === 'known'),
      'bart seen by anna, and vouched for by the server',
    );
    const found = seen.nearby.find((entry) => entry.fingerprint === bartOpen.fingerprint)!;
    expect(found).toMatchObject({ paired: false, host: '127.0.0.1', port: bartOpen.listening?.port });
    expect(found.server).toEqual({ state: 'known', email: 'bart@inspectie.be' });
    expect(seen.serverCheckedAt).not.toBeNull();
    // Both go offline: what follows needs no server.
    await call(anna, 'sync.disconnect', {});
    await call(bart, 'sync.disconnect', {});

    await call(anna, 'lan.connect', { mode: 'pair', to: { fingerprint: bartOpen.fingerprint } });
    const codes = await Promise.all(
      [anna, bart].map((services) =>
        until(
          () => status(services),
          (view) => view.pairing !== null,
          'the code',
        ),
      ),
    );
    const [onAnna, onBart] = codes.map((view) => view.pairing!);
    expect(onAnna!.code).toMatch(/^\d{6}$/);
    expect(onBart!.code).toBe(onAnna!.code);
    expect(onAnna!.peerFingerprint).toBe(bartOpen.fingerprint);
    expect(onBart!.peerFingerprint).toBe(annaOpen.fingerprint);
    expect(onBart!.server).toEqual({ state: 'known', email: 'anna@inspectie.be' });
    await call(bart, 'lan.confirm', { accepted: true });
    await call(anna, 'lan.confirm', { accepted: true });
    const paired = await settled(anna, 'the pairing');
    expect(paired.last).toMatchObject({ ok: true, mode: 'pair' });
    expect(paired.partners.map((partner) => partner.fingerprint)).toEqual([bartOpen.fingerprint]);
    await until(
      () => status(bart),
      (view) => view.partners.some((partner) => partner.fingerprint === annaOpen.fingerprint),
      'anna pinned on bart',
    );
    // Pairing pins the certificates themselves too: their keys give the duo's pairing key (duo files, no passphrase).
    expect((await call(anna, 'duo.info', {})).peers).toContainEqual(
      expect.objectContaining({ node: bart.profile.store.node, paired: true }),
    );
    expect((await call(bart, 'duo.info', {})).peers).toContainEqual(
      expect.objectContaining({ node: anna.profile.store.node, paired: true }),
    );

    // Anna writes offline; the edit reaches Bart's laptop over the network.
    const text = 'Over het netwerk: de wachtlijst is gehalveerd.';
    await call(anna, 'notes.save', { conversationId: seeded.conversations[0]!, guidingQuestionId: null, text });
    await call(anna, 'lan.connect', { mode: 'sync', to: { fingerprint: bartOpen.fingerprint } });
    const synced = await settled(anna, 'the sync');
    expect(synced.last).toMatchObject({ ok: true, mode: 'sync', sent: { applied: expect.any(Number) } });
    expect(listNotes(bart.profile.store, seeded.conversations[0]!).map((note) => note.text)).toContain(text);
    // Bart's screen tells the same outcome.
    await until(
      () => status(bart),
      (view) => view.last?.ok === true && view.last.mode === 'sync',
      'the outcome on bart',
    );
  });

  it('says when the partner is not there, when a code is refused, and when a certificate changed', async () => {
    const annaView: LanView = await call(anna, 'lan.open', {});
    const bartView = await call(bart, 'lan.close', {});

    // Nobody listens at the typed address any more.
    await call(anna, 'lan.connect', { mode: 'sync', to: { address: `127.0.0.1:${annaView.listening!.port + 1}` } });
    expect((await settled(anna, 'unreachable')).last).toMatchObject({ ok: false, reason: 'unreachable' });
    expect((await refusal(anna, 'lan.connect', { mode: 'sync', to: { address: 'geen adres' } })).code).toBe(
      'INVALID_INPUT',
    );

    // A third laptop, never paired: syncing with it is refused as "not the partner"; pairing
    // with it, refused by its person, pins nothing.
    const stranger = laptop();
    const strangerView = await call(stranger, 'lan.open', {});
    await call(anna, 'lan.connect', {
      mode: 'sync',
      to: { address: `127.0.0.1:${strangerView.listening!.port}` },
    });
    expect((await settled(anna, 'not the partner')).last).toMatchObject({ ok: false, reason: 'unknown-peer' });
    await call(anna, 'lan.connect', { mode: 'pair', to: { address: `127.0.0.1:${strangerView.listening!.port}` } });
    const asked = await until(
      () => status(stranger),
      (view) => view.pairing !== null,
      'the code on the stranger',
    );
    expect(asked.pairing?.server).toEqual({ state: 'not-checked' });
    await call(stranger, 'lan.confirm', { accepted: false });
    expect((await settled(anna, 'refused code')).last).toMatchObject({ ok: false, reason: 'not-confirmed' });
    expect((await status(anna)).pairing).toBeNull();
    expect((await status(anna)).partners.map((partner) => partner.fingerprint)).toEqual([bartView.fingerprint]);
    expect((await status(stranger)).partners).toEqual([]);

    // Unpairing: Bart's laptop is no partner any more; though it still knows Anna's, her laptop
    // refuses it as not (or no longer) the partner.
    expect((await call(anna, 'lan.forget', { fingerprint: bartView.fingerprint })).partners).toEqual([]);
    const bartAgain = await call(bart, 'lan.open', {});
    await call(anna, 'lan.connect', { mode: 'sync', to: { address: `127.0.0.1:${bartAgain.listening!.port}` } });
    expect((await settled(anna, 'no longer the partner')).last).toMatchObject({
      ok: false,
      reason: 'fingerprint-changed',
    });
  });
});
