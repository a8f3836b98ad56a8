import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import { CampaignWrites } from '../../server/campaign-writes';
import { openPostgresDriver, StatementNames } from '../../server/store/postgres-driver';
import type { SqlDriver } from '../../server/store/sql';
import { capturingIo } from '../support/cli';
import { PG_URL, postgresUnavailableReason } from './server-support';

/** The PostgreSQL driver against the real PostgreSQL: named prepared statements, transactions, the pool's size. */
const skip = await postgresUnavailableReason();
const schema = `vw_test_${randomBytes(6).toString('hex')}`;

describe('StatementNames', () => {
  it('names a parameterised query by its text, the same name every time, and leaves the rest unnamed', () => {
    const names = new StatementNames(2);
    const one = names.nameOf('SELECT a FROM t WHERE b = $1', ['x']);
    expect(one).toMatch(/^vw_[0-9a-f]{32}$/);
    expect(names.nameOf('SELECT a FROM t WHERE b = $1', ['y'])).toBe(one);
    expect(names.nameOf('SELECT a FROM t WHERE c = $1', ['x'])).not.toBe(one);
    expect(names.nameOf('SELECT 1', [])).toBeUndefined();
    expect(names.nameOf('CREATE TABLE x (a INT)', ['x'])).toBeUndefined();
    // Past the limit, new texts run unnamed; known ones keep their names.
    expect(names.nameOf('SELECT a FROM t WHERE d = $1', ['x'])).toBeUndefined();
    expect(names.nameOf('SELECT a FROM t WHERE b = $1', ['z'])).toBe(one);
    expect(names.size).toBe(2);
  });
});

describe.skipIf(skip !== null)('the PostgreSQL driver', () => {
  let driver: SqlDriver;

  beforeAll(async () => {
    driver = await openPostgresDriver({ connectionString: PG_URL, schema, poolSize: 3 });
    await driver.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
  });

  afterAll(async () => {
    await driver?.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('prepares a statement once per connection and answers the same rows as an unnamed query', async () => {
    const text = 'SELECT id, name FROM t WHERE id >= $1 ORDER BY id';
    await driver.transaction(async (tx) => {
      for (let index = 0; index < 5; index += 1)
        await tx.execute('INSERT INTO t (id, name) VALUES ($1, $2)', [index, `n${index}`]);
      const first = await tx.query(text, [2]);
      const again = await tx.query(text, [2]);
      expect(again).toEqual(first);
      expect(first).toEqual([
        { id: 2, name: 'n2' },
        { id: 3, name: 'n3' },
        { id: 4, name: 'n4' },
      ]);
      // This connection holds the statement prepared under its name, parsed once.
      const name = new StatementNames().nameOf(text, [2]);
      const prepared = await tx.query<{ name: string; statement: string }>(
        'SELECT name, statement FROM pg_prepared_statements WHERE name = $1',
        [name as string],
      );
      expect(prepared).toEqual([{ name, statement: text }]);
    });
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      expect(await driver.query(text, [2])).toEqual((await client.query(text, [2])).rows);
    } finally {
      await client.end();
    }
  });

  it('rolls back a transaction that throws, its prepared statements still usable', async () => {
    await expect(
      driver.transaction(async (tx) => {
        await tx.execute('INSERT INTO t (id, name) VALUES ($1, $2)', [10, 'ten']);
        await tx.execute('INSERT INTO t (id, name) VALUES ($1, $2)', [11, 'n1']); // UNIQUE
      }),
    ).rejects.toThrow(/unique/i);
    expect(await driver.query('SELECT id FROM t WHERE id >= $1', [10])).toEqual([]);
    expect(await driver.execute('INSERT INTO t (id, name) VALUES ($1, $2)', [10, 'ten'])).toBe(1);
    expect(await driver.query('SELECT name FROM t WHERE id = $1', [10])).toEqual([{ name: 'ten' }]);
  });

  it('opens no more connections than its pool size', async () => {
    const pids = await Promise.all(
      Array.from({ length: 12 }, () =>
        driver.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep($1) AS slept', [0.05]),
      ),
    );
    const distinct = new Set(pids.map((rows) => rows[0]?.pid));
    expect(distinct.size).toBeGreaterThan(1);
    expect(distinct.size).toBeLessThanOrEqual(3);
  });

  it('runs the writes of a campaign waiting together in one transaction, a failing one alone rolled back', async () => {
    await driver.execute('CREATE TABLE w (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
    const heard: string[] = [];
    const stop = await driver.listen((payload) => heard.push(String(payload)));
    const writes = new CampaignWrites((fn) => driver.transaction(fn));
    const started: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        writes.run('c1', async (tx) => {
          started.push(index);
          const backend = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid WHERE $1 = 1', [1]);
          await tx.execute('INSERT INTO w (id, name) VALUES ($1, $2)', [index, index === 3 ? 'n2' : `n${index}`]);
          await tx.notify(`c1 ${index}`);
          return backend[0]?.pid;
        }),
      ),
    );
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/unique/i);
    // The first ran alone (nothing waited yet); the seven behind it shared one transaction.
    const pids = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(new Set(pids.slice(1)).size).toBe(1);
    expect((await driver.query('SELECT id FROM w ORDER BY id')).map((row) => row.id)).toEqual([0, 1, 2, 4, 5, 6, 7]);
    // One piece of news per transaction: the group's last.
    for (let wait = 0; wait < 100 && !heard.includes('c1 7'); wait += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual(['c1 0', 'c1 7']);
    await stop();
  });

  it('rejects every write of a group whose transaction fails', async () => {
    const writes = new CampaignWrites(async () => {
      throw new Error('connection lost');
    });
    await expect(writes.run('c1', async () => 1)).rejects.toThrow(/connection lost/);
    // The queue goes on afterwards.
    const working = new CampaignWrites((fn) => driver.transaction(fn));
    expect(await working.run('c1', async (tx) => (await tx.query('SELECT 1 AS one WHERE $1 = 1', [1])).length)).toBe(1);
  });

  it('refuses a pool size that is not a whole positive number', async () => {
    await expect(openPostgresDriver({ connectionString: PG_URL, schema, poolSize: 0 })).rejects.toThrow(/pool size/);
  });
});

describe('veldwerk server --pg-pool-size', () => {
  it('takes a whole number of connections, and only with a PostgreSQL database', async () => {
    for (const [args, message] of [
      [['--database-url', PG_URL, '--pg-pool-size', '0'], /from 1 to 1000/],
      [['--database-url', PG_URL, '--pg-pool-size', 'ten'], /from 1 to 1000/],
      [['--database-url', PG_URL, '--pg-pool-size', '1001'], /from 1 to 1000/],
      [['--data', '/nonexistent', '--pg-pool-size', '4'], /is for PostgreSQL/],
    ] as const) {
      await expect(serverCommand.run([...args], capturingIo())).rejects.toThrow(message);
    }
    expect(serverCommand.usage).toContain('--pg-pool-size N');
  });

  it.skipIf(skip !== null)('runs the server on PostgreSQL with that pool', async () => {
    const own = `vw_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${own}`);
      const url = new URL(PG_URL);
      url.searchParams.set('options', `-c search_path=${own}`);
      const io = Object.assign(capturingIo(), { untilInterrupted: async () => undefined });
      expect(
        await serverCommand.run(
          ['--database-url', url.toString(), '--pg-pool-size', '2', '--port', '0', '--log-level', 'silent'],
          io,
        ),
      ).toBe(0);
      expect(io.out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      const tables = await admin.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [own]);
      expect(tables.rows[0].n).toBeGreaterThan(0);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${own} CASCADE`);
      await admin.end();
    }
  });
});
