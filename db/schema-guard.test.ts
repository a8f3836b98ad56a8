import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnsOf, TABLE_NAMES, type ColumnStorage } from '../shared/sync/schema';
import { openDatabase, type SqliteDatabase } from './connection';
import { migrate } from './migrate';
import { migrations } from './migrations';

/**
 * The schema guard (like Actual's): the tables the migrations make are compared with the sync
 * registry (shared/sync/schema.ts), so a migration that drifts from it fails, and with the
 * committed snapshot db/schema.snapshot.json, so a non-additive change (a table or column
 * dropped, renamed or retyped) fails. Adding tables or columns passes; refresh the snapshot
 * afterwards with:  VELDWERK_UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run db/schema-guard.test.ts
 */

interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly pk: number;
}
type Schema = Record<string, ColumnInfo[]>;

const SNAPSHOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.snapshot.json');

function currentSchema(db: SqliteDatabase): Schema {
  // Shadow tables of FTS5 are its private storage: the virtual tables stand for them.
  const tables = db
    .prepare(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as Array<{ name: string }>;
  const schema: Schema = {};
  for (const { name } of tables) {
    schema[name] = db
      .prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid')
      .all(name) as ColumnInfo[];
  }
  return schema;
}

function migrated(): Schema {
  const db = openDatabase(':memory:');
  try {
    migrate(db, migrations);
    return currentSchema(db);
  } finally {
    db.close();
  }
}

const SQL_TYPE: Record<ColumnStorage, string> = { text: 'TEXT', json: 'TEXT', integer: 'INTEGER', boolean: 'INTEGER' };

describe('schema guard', () => {
  const schema = migrated();

  it('has every synced table with exactly the registry columns, in the registry storage types', () => {
    const problems: string[] = [];
    for (const table of TABLE_NAMES) {
      const columns = schema[table];
      if (!columns) {
        problems.push(`${table}: no such SQL table`);
        continue;
      }
      const sql = new Map(columns.map((column) => [column.name, column.type.toUpperCase()]));
      const expected = new Map<string, string>([
        ['id', 'TEXT'],
        ...(table === 'campaigns' ? [] : [['campaign_id', 'TEXT'] as [string, string]]),
      ]);
      for (const [column, spec] of columnsOf(table)) expected.set(column, SQL_TYPE[spec.storage]);
      for (const [column, type] of expected) {
        if (!sql.has(column)) problems.push(`${table}.${column}: in the registry, not in SQL`);
        else if (sql.get(column) !== type)
          problems.push(`${table}.${column}: SQL type ${sql.get(column)}, registry storage needs ${type}`);
      }
      for (const column of sql.keys())
        if (!expected.has(column)) problems.push(`${table}.${column}: in SQL, not in the registry`);
    }
    expect(problems).toEqual([]);
  });

  it('changes the committed snapshot only by adding tables and columns', () => {
    // One line per column ("name TYPE NOT NULL PK1"), so a diff of the snapshot reads like the schema.
    const spell = (column: ColumnInfo) =>
      `${column.name} ${column.type}${column.notnull ? ' NOT NULL' : ''}${column.pk ? ` PK${column.pk}` : ''}`;
    const current = Object.fromEntries(Object.entries(schema).map(([table, columns]) => [table, columns.map(spell)]));
    if (process.env.VELDWERK_UPDATE_SCHEMA_SNAPSHOT === '1')
      writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 1)}\n`);
    const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, string[]>;
    const problems: string[] = [];
    for (const [table, columns] of Object.entries(snapshot)) {
      const now = current[table];
      if (!now) {
        problems.push(`${table}: table dropped or renamed`);
        continue;
      }
      const byName = new Map(now.map((line) => [line.split(' ')[0], line]));
      for (const line of columns) {
        const name = line.split(' ')[0] as string;
        const found = byName.get(name);
        if (!found) problems.push(`${table}.${name}: column dropped or renamed`);
        else if (found !== line) problems.push(`${table}.${name}: was "${line}", is "${found}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
