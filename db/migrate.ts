import type { SqliteDatabase } from './connection';

export interface Migration {
  /** 1, 2, 3, … without gaps. */
  readonly version: number;
  /** Stable name; part of the identity of the migration. */
  readonly name: string;
  readonly up: (db: SqliteDatabase) => void;
}

export class MigrationHistoryError extends Error {
  override readonly name = 'MigrationHistoryError';
}

interface AppliedRow {
  readonly version: number;
  readonly name: string;
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

/** Checks that a list of migrations is numbered 1..n in order; a programming error otherwise. */
export function assertWellFormed(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration list is malformed: position ${index + 1} holds version ${migration.version}`);
    }
  });
}

/**
 * Brings the database up to the newest migration, each migration in its own transaction.
 * An applied history that is not a prefix of the known list (an unknown version, a gap,
 * a different name at a version) refuses to open: we never "repair" a profile silently.
 * Returns the versions applied by this call.
 */
export function migrate(
  db: SqliteDatabase,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): number[] {
  assertWellFormed(migrations);
  db.exec(HISTORY_TABLE);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  applied.forEach((row, index) => {
    const known = migrations[index];
    if (row.version !== index + 1) {
      throw new MigrationHistoryError(
        `The profile's migration history is out of order: expected version ${index + 1}, found ${row.version}. ` +
          'The database was changed outside Veldwerk; restore it from a backup.',
      );
    }
    if (!known) {
      throw new MigrationHistoryError(
        `The profile was written by a newer Veldwerk (migration ${row.version} "${row.name}" is unknown to this version). ` +
          'Update Veldwerk to open it.',
      );
    }
    if (known.name !== row.name) {
      throw new MigrationHistoryError(
        `The profile's migration ${row.version} is "${row.name}", but this Veldwerk knows it as "${known.name}". ` +
          'The database comes from an incompatible build; restore it from a backup.',
      );
    }
  });
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of migrations.slice(applied.length)) {
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, now().toISOString());
    }).immediate();
    done.push(migration.version);
  }
  return done;
}

export function schemaVersion(db: SqliteDatabase): number {
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as
    { version: number | null } | undefined;
  return row?.version ?? 0;
}
