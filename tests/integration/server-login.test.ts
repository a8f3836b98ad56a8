import { afterEach, describe, expect, it } from 'vitest';
import type { ServerAppOptions } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
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

/**
 * Login and request limits that one attacker cannot turn against everyone (issue 10): limits per
 * client address behind a trusted proxy, per-account backoff, limits keyed on the address rather
 * than on whatever Authorization header a client makes up, no large body read before
 * authentication, and the scrypt cost raised with a rehash at the next login.
 */
const pgReason = await announcedPostgresReason('server-login');

const kinds = STORE_KINDS;

describe.each(kinds)('login and request limits on %s', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle | null = null;
  let server: RunningTestServer | null = null;

  async function start(options: Partial<Omit<ServerAppOptions, 'store'>>): Promise<RunningTestServer> {
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location, options);
    await seed(
      server.store,
      ['c1'],
      [
        { email: 'ann@x.org', roles: [{ role: 'inspector' }] },
        { email: 'bob@x.org', roles: [{ role: 'inspector' }] },
      ],
    );
    return server;
  }

  afterEach(async () => {
    await server?.close();
    await handle?.destroy();
    server = null;
    handle = null;
  });

  const loginFrom = (url: string, email: string, password: string, forwardedFor?: string) =>
    fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      body: JSON.stringify({ email, password }),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { error?: { code: string } },
    }));

  it.skipIf(skip)(
    'behind a trusted proxy, limits logins per client address, so one attacker does not lock out everyone',
    async () => {
      const { url } = await start({ trustProxy: '127.0.0.1', loginRateLimitPerMinute: 3 });
      for (let attempt = 0; attempt < 3; attempt += 1)
        expect((await loginFrom(url, 'ann@x.org', 'wrong password', '203.0.113.9')).status).toBe(401);
      const blocked = await loginFrom(url, 'ann@x.org', 'wrong password', '203.0.113.9');
      expect({ status: blocked.status, code: blocked.body.error?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect((await loginFrom(url, 'bob@x.org', TEST_PASSWORD, '198.51.100.4')).status).toBe(200);
    },
  );

  it.skipIf(skip)('without --trust-proxy, a forwarded address is not believed', async () => {
    const { url } = await start({ loginRateLimitPerMinute: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await loginFrom(url, 'ann@x.org', 'wrong password', `203.0.113.${attempt}`)).status).toBe(401);
    expect((await loginFrom(url, 'bob@x.org', TEST_PASSWORD, '198.51.100.4')).status).toBe(429);
  });

  it.skipIf(skip)(
    'backs off per account after five wrong passwords, from any address, and only that account',
    async () => {
      const { url } = await start({ trustProxy: '127.0.0.1', loginRateLimitPerMinute: 1000 });
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const answer = await loginFrom(url, 'ann@x.org', 'wrong password', `203.0.113.${attempt}`);
        expect({ attempt, code: answer.body.error?.code }).toEqual({ attempt, code: 'WRONG_CREDENTIALS' });
      }
      const waiting = await loginFrom(url, 'ANN@x.org', TEST_PASSWORD, '198.51.100.77');
      expect({ status: waiting.status, code: waiting.body.error?.code }).toEqual({
        status: 429,
        code: 'LOGIN_BACKOFF',
      });
      expect((await loginFrom(url, 'bob@x.org', TEST_PASSWORD, '203.0.113.1')).status).toBe(200);
    },
  );

  it.skipIf(skip)('keeps an account backing off across a server restart', async () => {
    const first = await start({ trustProxy: '127.0.0.1', loginRateLimitPerMinute: 1000 });
    for (let attempt = 0; attempt < 6; attempt += 1)
      expect((await loginFrom(first.url, 'ann@x.org', 'wrong password', `203.0.113.${attempt}`)).status).toBe(401);
    await first.close();
    // The same database, a new server process: the count and the wait are still there.
    server = await startTestServer((handle as TestStoreHandle).location, {
      trustProxy: '127.0.0.1',
      loginRateLimitPerMinute: 1000,
    });
    const waiting = await loginFrom(server.url, 'ann@x.org', TEST_PASSWORD, '198.51.100.77');
    expect({ status: waiting.status, code: waiting.body.error?.code }).toEqual({ status: 429, code: 'LOGIN_BACKOFF' });
    expect((await loginFrom(server.url, 'bob@x.org', TEST_PASSWORD, '198.51.100.77')).status).toBe(200);
  });

  it.skipIf(skip)('keys the request limit on the address: made-up tokens do not buy more requests', async () => {
    const { url } = await start({ rateLimitPerMinute: 5 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1)
      statuses.push((await api(url, `vwa_random${attempt}`, 'GET', '/v1/me')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it.skipIf(skip)(
    'reads no large body before authenticating, and only small bodies where no one is authenticated',
    async () => {
      const { url } = await start({});
      const big = JSON.stringify({ changes: [{ value: 'x'.repeat(2 * 1024 * 1024) }] });
      const anonymous = await api(url, null, 'POST', '/v1/campaigns/c1/changes', big);
      expect(anonymous.status).toBe(401);
      const bigLogin = await api(
        url,
        null,
        'POST',
        '/v1/auth/login',
        JSON.stringify({ email: 'ann@x.org', password: 'x'.repeat(100_000) }),
      );
      expect({ status: bigLogin.status, code: (bigLogin.body as { error: { code: string } }).error.code }).toEqual({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      });
    },
  );

  it.skipIf(skip)('rehashes a password stored with a weaker scrypt cost at the next login', async () => {
    const running = await start({});
    const weak = await hashPassword(TEST_PASSWORD, { N: 1 << 14, r: 8, p: 1 });
    const user = await running.store.findUserByEmail('ann@x.org');
    await running.store.setPasswordHash(user?.id as string, weak);
    expect((await loginFrom(running.url, 'ann@x.org', TEST_PASSWORD)).status).toBe(200);
    const after = (await running.store.findUserByEmail('ann@x.org'))?.passwordHash ?? '';
    expect(after.split('$').slice(0, 4)).toEqual(['scrypt', String(1 << 17), '8', '1']);
    expect((await loginFrom(running.url, 'ann@x.org', TEST_PASSWORD)).status).toBe(200);
  });
});
