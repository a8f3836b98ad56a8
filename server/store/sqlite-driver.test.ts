import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../db/connection';
import type { SqlDriver } from './sql';
import { openSqliteDriver, StatementCache } from './sqlite-driver';

let dir: string;
const opened: SqlDriver[] = [];
const raws: SqliteDatabase[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-sqlite-driver-'));
});

afterEach(async () => {
  for (const driver of opened.splice(0)) await driver.close();
  for (const db of raws.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function driver(options: Parameters<typeof openSqliteDriver>[1] = {}): SqlDriver {
  const opened1 = openSqliteDriver(path.join(dir, 'server.sqlite'), options);
  opened.push(opened1);
  return opened1;
}

async function withTable(sql: SqlDriver): Promise<void> {
  await sql.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, flag INTEGER)');
}

describe('StatementCache', () => {
  it('prepares each SQL text once and hands back the same statement', () => {
    const db = openDatabase(path.join(dir, 'cache.sqlite'));
    raws.push(db);
    db.exec('CREATE TABLE t (a INTEGER, b TEXT)');
    const cache = new StatementCache(db);
    const first = cache.get('SELECT a FROM t WHERE b = $2 AND a = $1');
    const again = cache.get('SELECT a FROM t WHERE b = $2 AND a = $1');
    expect(again).toBe(first);
    expect(again.statement).toBe(first.statement);
    // The $n rewrite is done once, kept as the order of the parameters.
    expect(first.order).toEqual([1, 0]);
    expect(first.needs).toBe(2);
    expect(cache.get('SELECT b FROM t WHERE a = $1').statement).not.toBe(first.statement);
    expect(cache.size).toBe(2);
  });

  it('keeps at most its limit, dropping the least recently used text', () => {
    const db = openDatabase(path.join(dir, 'cache.sqlite'));
    raws.push(db);
    const cache = new StatementCache(db, 2);
    const one = cache.get('SELECT 1 AS x WHERE $1 = 1');
    cache.get('SELECT 2 AS x WHERE $1 = 1');
    expect(cache.get('SELECT 1 AS x WHERE $1 = 1')).toBe(one); // now the most recent
    cache.get('SELECT 3 AS x WHERE $1 = 1'); // drops "SELECT 2"
    expect(cache.size).toBe(2);
    expect(cache.get('SELECT 1 AS x WHERE $1 = 1')).toBe(one);
  });
});

describe('the SQLite driver', () => {
  it('answers the same rows as better-sqlite3 without a cache, call after call', async () => {
    const sql = driver();
    await withTable(sql);
    for (let index = 0; index < 20; index += 1)
      await sql.execute('INSERT INTO t (id, name, flag) VALUES ($1, $2, $3)', [index, `n${index}`, index % 2 === 0]);
    const raw = openDatabase(path.join(dir, 'server.sqlite'));
    raws.push(raw);
    const text = 'SELECT id, name, flag FROM t WHERE flag = $2 AND id >= $1 ORDER BY id';
    for (let run = 0; run < 3; run += 1) {
      const rows = await sql.query(text, [5, true]);
      expect(rows).toEqual(
        raw.prepare('SELECT id, name, flag FROM t WHERE flag = ? AND id >= ? ORDER BY id').all(1, 5),
      );
      expect(rows.map((row) => row.id)).toEqual([6, 8, 10, 12, 14, 16, 18]);
    }
    // A placeholder used twice takes its parameter twice.
    expect(await sql.query('SELECT $1 AS a, $1 + $2 AS b', [2, 3])).toEqual([{ a: 2, b: 5 }]);
    await expect(sql.query('SELECT $2 AS a', [1])).rejects.toThrow(/\$2 has no parameter/);
  });

  it('uses its cached statements inside transactions, and rolls back one that throws', async () => {
    const sql = driver();
    await withTable(sql);
    const insert = 'INSERT INTO t (id, name) VALUES ($1, $2)';
    await sql.transaction(async (tx) => {
      await tx.execute(insert, [1, 'a']);
      await tx.execute(insert, [2, 'b']);
      expect(await tx.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.execute(insert, [3, 'c']);
        await tx.execute(insert, [4, 'a']); // UNIQUE
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await sql.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
    // RETURNING outside a transaction writes, so it goes the way of writes.
    expect(await sql.query('INSERT INTO t (id, name) VALUES ($1, $2) RETURNING id', [5, 'e'])).toEqual([{ id: 5 }]);
    expect(await sql.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 3 }]);
  });

  it('commits transactions that wait together in one group; one that fails does not take the others down', async () => {
    const groups: number[] = [];
    const sql = driver({ onGroupCommit: (size) => groups.push(size) });
    await withTable(sql);
    groups.length = 0;
    const heard: string[] = [];
    await sql.listen((payload) => heard.push(String(payload)));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        sql.transaction(async (tx) => {
          await tx.execute('INSERT INTO t (id, name) VALUES ($1, $2)', [index, index === 4 ? 'n3' : `n${index}`]);
          await tx.notify(`wrote ${index}`);
          return index;
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([
      ...Array(4).fill('fulfilled'),
      'rejected',
      ...Array(5).fill('fulfilled'),
    ]);
    expect(groups.reduce((sum, size) => sum + size, 0)).toBe(9);
    expect(groups.length).toBeLessThan(9);
    expect((await sql.query('SELECT id FROM t ORDER BY id')).map((row) => row.id)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9].map((index) => `wrote ${index}`));
  });

  it('never lets a read outside a transaction see writes that are not committed yet', async () => {
    const sql = driver();
    await withTable(sql);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted!: () => void;
    const wrote = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const writing = sql.transaction(async (tx) => {
      await tx.execute('INSERT INTO t (id, name) VALUES (1, $1)', ['pending']);
      inserted();
      await gate;
    });
    await wrote;
    expect(await sql.query('SELECT count(*) AS n FROM t WHERE name = $1', ['pending'])).toEqual([{ n: 0 }]);
    release();
    await writing;
    expect(await sql.query('SELECT count(*) AS n FROM t WHERE name = $1', ['pending'])).toEqual([{ n: 1 }]);
  });

  it('reads its own lone writes at once', async () => {
    const sql = driver();
    await withTable(sql);
    for (let index = 0; index < 5; index += 1) {
      expect(await sql.execute('INSERT INTO t (id, name) VALUES ($1, $2)', [index, `n${index}`])).toBe(1);
      expect(await sql.query('SELECT count(*) AS n FROM t')).toEqual([{ n: index + 1 }]);
    }
    expect(await sql.execute('UPDATE t SET flag = $1', [1])).toBe(5);
  });

  it('refuses work after close', async () => {
    const sql = openSqliteDriver(path.join(dir, 'closed.sqlite'));
    await sql.close();
    await expect(sql.query('SELECT 1 AS one WHERE $1 = 1', [1])).rejects.toThrow(/closed/);
    await expect(sql.transaction(async () => 1)).rejects.toThrow(/closed/);
  });
});
