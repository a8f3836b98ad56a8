import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from './connection';
import { MigrationHistoryError, migrate, schemaVersion, type Migration } from './migrate';

const m1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT') };
const m2: Migration = { version: 2, name: 'two', up: (db) => db.exec('CREATE TABLE b (y INTEGER) STRICT') };
const failing: Migration = {
  version: 2,
  name: 'two',
  up: (db) => {
    db.exec('CREATE TABLE b (y INTEGER) STRICT');
    throw new Error('boom');
  },
};

describe('migration runner', () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-migrate-'));
    db = openDatabase(path.join(dir, 'test.sqlite'));
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens with WAL, foreign keys and synchronous=FULL', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('applies pending migrations in order, once', () => {
    expect(migrate(db, [m1])).toEqual([1]);
    expect(migrate(db, [m1, m2])).toEqual([2]);
    expect(migrate(db, [m1, m2])).toEqual([]);
    expect(schemaVersion(db)).toBe(2);
  });

  it('rolls a failing migration back completely', () => {
    migrate(db, [m1]);
    expect(() => migrate(db, [m1, failing])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it('refuses a history with an unknown (newer) migration', () => {
    migrate(db, [m1, m2]);
    expect(() => migrate(db, [m1])).toThrow(MigrationHistoryError);
    expect(() => migrate(db, [m1])).toThrow(/newer Veldwerk/);
  });

  it('refuses a history whose names differ', () => {
    migrate(db, [m1]);
    expect(() => migrate(db, [{ ...m1, name: 'other' }])).toThrow(/incompatible build/);
  });

  it('refuses an out-of-order history', () => {
    migrate(db, [m1]);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (3, 'three', 'x')").run();
    expect(() => migrate(db, [m1, m2])).toThrow(/out of order/);
  });

  it('refuses a malformed migration list', () => {
    expect(() => migrate(db, [m2])).toThrow(/malformed/);
  });
});
