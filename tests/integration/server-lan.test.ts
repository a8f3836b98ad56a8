import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncHttpClient } from '../../services/sync/client/http';
import {
  api,
  createTestStoreLocation,
  announcedPostgresReason,
  seed,
  startTestServer,
  STORE_KINDS,
  TEST_PASSWORD,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

// The server tells a campaign's members each other's LAN fingerprints (server/routes/lan.ts),
// so a pairing over the local network can be checked against them.

const pgReason = await announcedPostgresReason('server-lan');

const kinds = STORE_KINDS;
const fp = (digit: string) => digit.repeat(64);

describe.each(kinds)('LAN fingerprints on the %s server', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const clients = new Map<string, SyncHttpClient>();

  async function client(email: string): Promise<SyncHttpClient> {
    const known = clients.get(email);
    if (known) return known;
    const made = new SyncHttpClient({ baseUrl: server.url });
    await made.login(email, TEST_PASSWORD);
    clients.set(email, made);
    return made;
  }

  beforeAll(async () => {
    if (skip) return;
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location);
    await seed(
      server.store,
      ['c2024', 'other'],
      [
        { email: 'ann@example.org', roles: [{ role: 'inspector' }] },
        { email: 'bart@example.org', roles: [{ role: 'inspector' }] },
        { email: 'cis@example.org', roles: [{ role: 'inspector', campaign: 'other' }] },
      ],
    );
  });

  afterAll(async () => {
    if (skip) return;
    await server.close();
    await handle.destroy();
  });

  it.skipIf(skip)("gives a member the other members' laptops, never its own or another campaign's", async () => {
    const ann = await client('ann@example.org');
    const bart = await client('bart@example.org');
    const cis = await client('cis@example.org');
    await ann.publishLanFingerprint(fp('a'));
    await bart.publishLanFingerprint(fp('b'));
    await bart.publishLanFingerprint(fp('b')); // again: one entry
    await cis.publishLanFingerprint(fp('c'));

    const forAnn = await ann.lanPartners('c2024');
    expect(forAnn.partners.map(({ email, fingerprint }) => ({ email, fingerprint }))).toEqual([
      { email: 'bart@example.org', fingerprint: fp('b') },
    ]);
    const forBart = await bart.lanPartners('c2024');
    expect(forBart.partners.map((partner) => partner.fingerprint)).toEqual([fp('a')]);
    // A second laptop of the same account is listed beside the first.
    await bart.publishLanFingerprint(fp('d'));
    expect((await ann.lanPartners('c2024')).partners.map((partner) => partner.fingerprint).sort()).toEqual([
      fp('b'),
      fp('d'),
    ]);
  });

  it.skipIf(skip)('refuses a non-member, an anonymous caller and a malformed fingerprint', async () => {
    const cis = await client('cis@example.org');
    await expect(cis.lanPartners('c2024')).rejects.toMatchObject({ status: 403 });
    expect((await api(server.url, null, 'GET', '/v1/campaigns/c2024/lan/partners')).status).toBe(401);
    expect((await api(server.url, null, 'PUT', '/v1/lan/fingerprint', { fingerprint: fp('e') })).status).toBe(401);
    const ann = await client('ann@example.org');
    await expect(ann.publishLanFingerprint('not-a-fingerprint')).rejects.toMatchObject({ status: 400 });
  });
});
