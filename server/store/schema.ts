import { normalizeEmail } from '../../shared/domain/email';
import type { Dialect, SqlExecutor } from './sql';

/**
 * The server's own numbered migrations (not the laptops' profile schema). Same rules as
 * db/migrate.ts: applied in order, each in a transaction, and an applied history this build does
 * not know refuses to start rather than being "repaired".
 */
export interface ServerMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: (dialect: Dialect) => string[];
  /** A step over the data after the statements, in the same transaction (may refuse with ServerMigrationError). */
  readonly data?: (tx: SqlExecutor) => Promise<void>;
}

function types(dialect: Dialect): { blob: string; bigint: string } {
  return dialect === 'postgres' ? { blob: 'BYTEA', bigint: 'BIGINT' } : { blob: 'BLOB', bigint: 'INTEGER' };
}

export const serverMigrations: readonly ServerMigration[] = [
  {
    version: 1,
    name: 'accounts-campaigns-changes-blobs',
    statements: (dialect) => {
      const t = types(dialect);
      return [
        `CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
        `CREATE TABLE users (
          id TEXT PRIMARY KEY,
          email TEXT NOT NULL UNIQUE,
          password_hash TEXT,
          is_admin INTEGER NOT NULL DEFAULT 0,
          disabled INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL
        )`,
        `CREATE TABLE campaigns (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          last_seq ${t.bigint} NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL
        )`,
        `CREATE TABLE memberships (
          campaign_id TEXT NOT NULL REFERENCES campaigns(id),
          user_id TEXT NOT NULL REFERENCES users(id),
          role TEXT NOT NULL,
          scope TEXT NOT NULL DEFAULT '',
          revoked_at TEXT,
          PRIMARY KEY (campaign_id, user_id, role, scope)
        )`,
        `CREATE TABLE tokens (
          hash TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id),
          kind TEXT NOT NULL,
          family TEXT NOT NULL,
          expires_at ${t.bigint} NOT NULL,
          used INTEGER NOT NULL DEFAULT 0,
          revoked INTEGER NOT NULL DEFAULT 0,
          created_at ${t.bigint} NOT NULL
        )`,
        `CREATE INDEX tokens_by_family ON tokens (family)`,
        `CREATE INDEX tokens_by_user ON tokens (user_id)`,
        `CREATE TABLE changes (
          campaign_id TEXT NOT NULL REFERENCES campaigns(id),
          seq ${t.bigint} NOT NULL,
          change_id TEXT NOT NULL,
          hlc TEXT NOT NULL,
          node TEXT NOT NULL,
          author TEXT NOT NULL,
          table_name TEXT NOT NULL,
          row_id TEXT NOT NULL,
          column_name TEXT NOT NULL,
          value TEXT NOT NULL,
          prev TEXT,
          schema_version INTEGER NOT NULL,
          pushed_by TEXT NOT NULL,
          received_at ${t.bigint} NOT NULL,
          PRIMARY KEY (campaign_id, seq),
          UNIQUE (campaign_id, change_id)
        )`,
        `CREATE INDEX changes_by_field ON changes (campaign_id, table_name, row_id, column_name, hlc)`,
        `CREATE TABLE held_changes (
          campaign_id TEXT NOT NULL REFERENCES campaigns(id),
          change_id TEXT NOT NULL,
          body TEXT NOT NULL,
          visit_id TEXT NOT NULL,
          reason TEXT NOT NULL,
          state TEXT NOT NULL,
          pushed_by TEXT NOT NULL,
          received_at ${t.bigint} NOT NULL,
          decided_by TEXT,
          decided_at ${t.bigint},
          PRIMARY KEY (campaign_id, change_id)
        )`,
        `CREATE TABLE blobs (
          campaign_id TEXT NOT NULL REFERENCES campaigns(id),
          sha256 TEXT NOT NULL,
          size ${t.bigint} NOT NULL,
          received ${t.bigint} NOT NULL,
          complete INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (campaign_id, sha256)
        )`,
        `CREATE TABLE blob_chunks (
          campaign_id TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          start ${t.bigint} NOT NULL,
          data ${t.blob} NOT NULL,
          PRIMARY KEY (campaign_id, sha256, start)
        )`,
      ];
    },
  },
  {
    version: 2,
    name: 'changes-by-row',
    // Which campaign a row id belongs to (a row id is refused in a second campaign: server/sync-service.ts).
    statements: () => ['CREATE INDEX changes_by_row ON changes (table_name, row_id, campaign_id)'],
  },
  {
    version: 3,
    name: 'node-owners',
    // Each laptop's node id belongs to the account that first pushed as it (server/sync-service.ts).
    statements: () => [
      'CREATE TABLE node_owners (node TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), bound_at TEXT NOT NULL)',
    ],
  },
  {
    version: 4,
    name: 'held-edited-text',
    // A rejected held edit keeps the text its author wrote, for them to copy (server/held-rejection.ts).
    statements: () => [
      'ALTER TABLE held_changes ADD COLUMN edited_text TEXT',
      'CREATE INDEX held_by_pusher ON held_changes (campaign_id, pushed_by)',
    ],
  },
  {
    version: 5,
    name: 'login-backoff',
    // Per-account login backoff survives a restart (server/auth/backoff.ts).
    statements: (dialect) => {
      const t = types(dialect);
      return [
        `CREATE TABLE login_backoff (
          account TEXT PRIMARY KEY,
          failures INTEGER NOT NULL,
          until_ms ${t.bigint} NOT NULL,
          updated_at ${t.bigint} NOT NULL
        )`,
        'CREATE INDEX login_backoff_by_age ON login_backoff (updated_at)',
      ];
    },
  },
  {
    version: 6,
    name: 'normalised-emails',
    // One rule for addresses (shared/domain/email.ts): accounts are stored normalised, so none differ only in case.
    statements: () => [],
    data: normaliseAccountEmails,
  },
  {
    version: 7,
    name: 'lan-fingerprints',
    // Each laptop's LAN certificate fingerprint, per account, for the duo partners to verify
    // a pairing over the local network against it (server/routes/lan.ts).
    statements: (dialect) => {
      const t = types(dialect);
      return [
        `CREATE TABLE lan_fingerprints (
          user_id TEXT NOT NULL REFERENCES users(id),
          fingerprint TEXT NOT NULL,
          updated_at ${t.bigint} NOT NULL,
          PRIMARY KEY (user_id, fingerprint)
        )`,
      ];
    },
  },
];

/**
 * Stores every account's address normalised. Accounts whose addresses differ only in case (or
 * spaces) would become one address: nothing is merged or renamed silently; the server refuses to
 * start and names them, for an administrator to decide which account each person keeps.
 */
async function normaliseAccountEmails(tx: SqlExecutor): Promise<void> {
  const users = await tx.query<{ id: string; email: string }>('SELECT id, email FROM users ORDER BY email, id');
  const byAddress = new Map<string, Array<{ id: string; email: string }>>();
  for (const user of users) {
    const key = normalizeEmail(user.email);
    byAddress.set(key, [...(byAddress.get(key) ?? []), user]);
  }
  const clashes = [...byAddress.values()].filter((group) => group.length > 1);
  if (clashes.length > 0) {
    const named = clashes
      .map((group) => group.map((user) => `${JSON.stringify(user.email)} (account ${user.id})`).join(' and '))
      .join('; ');
    throw new ServerMigrationError(
      `These accounts differ only in the case of their e-mail address, and Veldwerk now treats an address without case as one person: ${named}. ` +
        'Nothing was changed. Decide which account each person keeps, give the other one a different address in the users table ' +
        "(for example UPDATE users SET email = 'old-' || email WHERE id = '<account id>'), and start the server again.",
    );
  }
  for (const user of users) {
    const email = normalizeEmail(user.email);
    if (email !== user.email) await tx.execute('UPDATE users SET email = $1 WHERE id = $2', [email, user.id]);
  }
}

export class ServerMigrationError extends Error {
  override readonly name = 'ServerMigrationError';
}

/** Brings the server database to the newest migration. Returns the versions applied now. */
export async function migrateServer(
  run: (fn: (tx: SqlExecutor) => Promise<void>) => Promise<void>,
  migrations: readonly ServerMigration[] = serverMigrations,
): Promise<number[]> {
  const done: number[] = [];
  await run(async (tx) => {
    if (tx.dialect === 'postgres') {
      // Two server nodes starting at once against one database: one migrates, the other waits.
      await tx.query('SELECT pg_advisory_xact_lock(8787001)');
    }
    await tx.execute(
      'CREATE TABLE IF NOT EXISTS server_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = await tx.query<{ version: number | string; name: string }>(
      'SELECT version, name FROM server_migrations ORDER BY version',
    );
    applied.forEach((row, index) => {
      const known = migrations[index];
      if (Number(row.version) !== index + 1 || !known || known.name !== row.name) {
        throw new ServerMigrationError(
          `The server database has migration ${row.version} "${row.name}", which this Veldwerk server does not know at that position. ` +
            'It was written by another version; run the matching server version or restore a backup.',
        );
      }
    });
    for (const migration of migrations.slice(applied.length)) {
      for (const statement of migration.statements(tx.dialect)) await tx.execute(statement);
      if (migration.data) await migration.data(tx);
      await tx.execute('INSERT INTO server_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      done.push(migration.version);
    }
  });
  return done;
}
