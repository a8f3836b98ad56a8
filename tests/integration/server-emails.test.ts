import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords';
import { openPostgresDriver } from '../../server/store/postgres-driver';
import { migrateServer, serverMigrations, ServerMigrationError } from '../../server/store/schema';
import { openSqliteDriver } from '../../server/store/sqlite-driver';
import type { SqlDriver } from '../../server/store/sql';
import { SERVER_DATABASE_FILE, type StoreLocation } from '../../server/store/open';
import { ServerStore, UserExistsError } from '../../server/store/store';
import {
  createTestStoreLocation,
  login,
  makeChanges,
  postgresUnavailableReason,
  seed,
  startTestServer,
  TEST_PASSWORD,
  type StoreKindName,
  type TestStoreHandle,
} from './server-support';
import { SyncHttpClient } from '../../services/sync/client/http';

/**
 * One rule for e-mail addresses (shared/domain/email.ts): accounts are stored normalised, so two
 * accounts never differ only in case; login, membership and authorship use the same rule; a
 * server whose database already holds such accounts refuses to start and names them.
 */
const pgReason = await postgresUnavailableReason();
const kinds: StoreKindName[] = ['sqlite', 'postgres'];

async function openDriver(location: StoreLocation): Promise<SqlDriver> {
  if (location.databaseUrl)
    return openPostgresDriver({ connectionString: location.databaseUrl, schema: location.pgSchema as string });
  return openSqliteDriver(path.join(location.dataDir as string, SERVER_DATABASE_FILE));
}

/** A server database as the previous version left it (migrations 1..5), with these accounts. */
async function previousVersion(location: StoreLocation, emails: readonly string[]): Promise<SqlDriver> {
  const driver = await openDriver(location);
  // The database as the version before normalised e-mails left it: every migration up to that one.
  const before = serverMigrations.slice(
    0,
    serverMigrations.findIndex((migration) => migration.name === 'normalised-emails'),
  );
  expect(before.length).toBeGreaterThan(0);
  await migrateServer((fn) => driver.transaction(fn), before);
  let index = 0;
  for (const email of emails)
    await driver.execute(
      'INSERT INTO users (id, email, password_hash, is_admin, disabled, created_at) VALUES ($1, $2, NULL, 0, 0, $3)',
      [`uold${index++}`, email, new Date().toISOString()],
    );
  return driver;
}

describe.each(kinds)('e-mail addresses of accounts, on %s', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  const handles: TestStoreHandle[] = [];
  const closers: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    for (const handle of handles.splice(0)) await handle.destroy();
  });

  async function location(): Promise<StoreLocation> {
    const handle = await createTestStoreLocation(kind);
    handles.push(handle);
    return handle.location;
  }

  it.skipIf(skip)(
    'stores an account normalised, refuses one that differs only in case, and logs in either way',
    async () => {
      const server = await startTestServer(await location());
      closers.push(() => server.close());
      const hash = await hashPassword(TEST_PASSWORD);
      const ann = await server.store.createUser({ email: ' Ann.Peeters@Team.BE', passwordHash: hash, isAdmin: false });
      expect(ann.email).toBe('ann.peeters@team.be');
      await expect(
        server.store.createUser({ email: 'ann.peeters@team.be', passwordHash: hash, isAdmin: false }),
      ).rejects.toBeInstanceOf(UserExistsError);
      expect((await server.store.findUserByEmail('ANN.PEETERS@team.be'))?.id).toBe(ann.id);
      await expect(login(server.url, 'Ann.Peeters@Team.BE')).resolves.toEqual(expect.any(String));
      await expect(login(server.url, 'ann.peeters@team.be')).resolves.toEqual(expect.any(String));
    },
  );

  it.skipIf(skip)('lets a member whose row carries the address in another case sign as that member', async () => {
    const server = await startTestServer(await location());
    closers.push(() => server.close());
    await seed(server.store, ['ce'], [{ email: 'Lien@Team.be', roles: [{ role: 'inspector' }] }]);
    const client = new SyncHttpClient({ baseUrl: server.url });
    await client.login('lien@team.be', TEST_PASSWORD);
    const answer = await client.push(
      'ce',
      makeChanges('lienlaptop1', 'ce', [
        { table: 'members', rowId: 'm-lien', column: 'name', value: 'Lien' },
        { table: 'members', rowId: 'm-lien', column: 'email', value: 'LIEN@team.be' },
      ]),
    );
    expect(answer.refused).toEqual([]);
    const signed = await client.push(
      'ce',
      makeChanges('lienlaptop1', 'ce', [{ table: 'good_practices', rowId: 'gp-l', column: 'text', value: 'x' }], {
        author: 'm-lien',
      }),
    );
    expect({ accepted: signed.accepted, refused: signed.refused }).toEqual({ accepted: 1, refused: [] });
  });

  it.skipIf(skip)('normalises the addresses of a previous version at start', async () => {
    const where = await location();
    const driver = await previousVersion(where, ['Bob@Team.be', 'cid@team.be']);
    const store = await ServerStore.open(driver);
    closers.push(() => store.close());
    expect((await store.findUserByEmail('bob@team.be'))?.id).toBe('uold0');
    expect((await store.findUserByEmail('cid@team.be'))?.id).toBe('uold1');
  });

  it.skipIf(skip)('refuses to start, naming them, when accounts differ only in case, and changes nothing', async () => {
    const where = await location();
    const driver = await previousVersion(where, ['Ann@team.be', 'ann@team.be', 'dirk@team.be']);
    closers.push(() => driver.close());
    const refusal = await ServerStore.open(driver).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ServerMigrationError);
    const message = (refusal as Error).message;
    expect(message).toContain('"Ann@team.be" (account uold0)');
    expect(message).toContain('"ann@team.be" (account uold1)');
    expect(message).not.toContain('dirk');
    const rows = await driver.query<{ email: string }>('SELECT email FROM users ORDER BY id');
    expect(rows.map((row) => row.email)).toEqual(['Ann@team.be', 'ann@team.be', 'dirk@team.be']);
    const applied = await driver.query<{ name: string }>('SELECT name FROM server_migrations');
    expect(applied.map((row) => row.name)).not.toContain('normalised-emails');
  });
});
