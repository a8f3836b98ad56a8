import { afterEach, describe, expect, it } from 'vitest';
import { Authenticator } from '../../server/auth/tokens';
import { openServerStore } from '../../server/store/open';
import type { SqlDriver, SqlExecutor } from '../../server/store/sql';
import { ServerStore } from '../../server/store/store';
import {
  api,
  createTestStoreLocation,
  login,
  announcedPostgresReason,
  seed,
  startTestServer,
  STORE_KINDS,
  TEST_PASSWORD,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

/**
 * Token authentication costs one query per request (the token, its account and memberships read
 * together), and nothing of it is cached: a revoked token, a disabled account or a revoked
 * membership counts from the very next request, also when another process (`veldwerk admin`, a
 * second server on the same database) made the change.
 */
const pgReason = await announcedPostgresReason('server-auth-session');

const kinds = STORE_KINDS;

/** A driver that counts the statements run outside transactions and inside them. */
function counting(driver: SqlDriver): { driver: SqlDriver; count: () => number } {
  let statements = 0;
  const wrap = (executor: SqlExecutor): SqlExecutor => ({
    dialect: executor.dialect,
    query: (sql, params) => ((statements += 1), executor.query(sql, params)),
    execute: (sql, params) => ((statements += 1), executor.execute(sql, params)),
    notify: (payload) => executor.notify(payload),
  });
  return {
    driver: {
      ...wrap(driver),
      transaction: (fn) => driver.transaction((tx) => fn(wrap(tx))),
      listen: (listener) => driver.listen(listener),
      close: () => driver.close(),
    },
    count: () => statements,
  };
}

describe.each(kinds)('token authentication on %s', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle | null = null;
  let server: RunningTestServer | null = null;
  const others: ServerStore[] = [];

  afterEach(async () => {
    for (const store of others.splice(0)) await store.close();
    await server?.close();
    await handle?.destroy();
    server = null;
    handle = null;
  });

  async function start(): Promise<{ server: RunningTestServer; ids: Map<string, string> }> {
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location);
    const ids = await seed(
      server.store,
      ['c1', 'c2'],
      [
        {
          email: 'ann@x.org',
          roles: [
            { role: 'inspector' },
            { role: 'region-coordinator', scope: 'r1' },
            { role: 'inspector', campaign: 'c2' },
          ],
        },
        { email: 'bob@x.org', roles: [] },
      ],
    );
    return { server, ids };
  }

  it.skipIf(skip)('reads the token, its account and its memberships in one query', async () => {
    const { server: running, ids } = await start();
    const location = (handle as TestStoreHandle).location;
    // A second store on the same database, its statements counted.
    const plain = await openServerStore(location);
    const { driver, count } = counting(plain.driver);
    const store = await ServerStore.open(driver);
    others.push(store);
    const auth = new Authenticator(store);
    const pair = await auth.login('ann@x.org', TEST_PASSWORD);
    const before = count();
    const principal = await auth.authenticate(pair.accessToken);
    expect(count() - before).toBe(1);
    expect(principal.user).toMatchObject({ id: ids.get('ann@x.org'), email: 'ann@x.org', disabled: false });
    expect(principal.memberships).toEqual(await running.store.activeMemberships(ids.get('ann@x.org') as string));
    expect(principal.memberships).toHaveLength(3);
    // An account without memberships authenticates with none.
    const bob = await auth.login('bob@x.org', TEST_PASSWORD);
    expect((await auth.authenticate(bob.accessToken)).memberships).toEqual([]);
    // Unknown and refresh tokens are refused as before.
    await expect(auth.authenticate('vwa_unknown')).rejects.toThrow(/Unknown access token/);
    await expect(auth.authenticate(pair.refreshToken)).rejects.toThrow(/Unknown access token/);
  });

  it.skipIf(skip)('refuses a token from the request right after it was revoked, wherever that happened', async () => {
    const { server: running, ids } = await start();
    const ann = ids.get('ann@x.org') as string;
    // Another process on the same database (what `veldwerk admin` is).
    const admin = await openServerStore((handle as TestStoreHandle).location);
    others.push(admin);

    // Logout: the family is revoked at once.
    let token = await login(running.url, 'ann@x.org');
    expect((await api(running.url, token, 'GET', '/v1/me')).status).toBe(200);
    expect((await api(running.url, token, 'POST', '/v1/auth/logout')).status).toBe(200);
    expect(await api(running.url, token, 'GET', '/v1/me')).toMatchObject({ status: 401 });

    // Revoked by another process.
    token = await login(running.url, 'ann@x.org');
    expect((await api(running.url, token, 'GET', '/v1/campaigns/c1/changes')).status).toBe(200);
    expect(await admin.revokeUserTokens(ann)).toBeGreaterThan(0);
    expect((await api(running.url, token, 'GET', '/v1/campaigns/c1/changes')).status).toBe(401);

    // A membership revoked elsewhere counts at once; the token still works for the rest.
    token = await login(running.url, 'ann@x.org');
    expect(await admin.revokeMemberships('c2', ann)).toBe(1);
    expect((await api(running.url, token, 'GET', '/v1/campaigns/c2/changes')).status).toBe(403);
    const me = await api(running.url, token, 'GET', '/v1/me');
    expect((me.body as { memberships: { campaign: string }[] }).memberships.map((m) => m.campaign)).toEqual([
      'c1',
      'c1',
    ]);

    // A disabled account.
    await admin.setDisabled(ann, true);
    expect(await api(running.url, token, 'GET', '/v1/me')).toMatchObject({
      status: 401,
      body: { error: { code: 'ACCOUNT_REVOKED' } },
    });
  });
});
