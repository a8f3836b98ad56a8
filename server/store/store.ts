import { randomBytes } from 'node:crypto';
import type { Change, JsonValue } from '../../shared/sync/change';
import { migrateServer } from './schema';
import { placeholders, toNumber, type SqlDriver, type SqlExecutor, type SqlParam } from './sql';

/**
 * Everything the sync server keeps: accounts, campaigns and memberships, tokens, the append-only
 * change log per campaign (with its server sequence number, the pull cursor), changes held for a
 * coordinator, and blobs. One implementation over SqlDriver serves both embedded SQLite and
 * PostgreSQL, so both stores behave the same by construction and are tested by one suite.
 */
export type Role = 'inspector' | 'region-coordinator' | 'sector-lead' | 'team-lead';
export const ROLES: readonly Role[] = ['inspector', 'region-coordinator', 'sector-lead', 'team-lead'];

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string | null;
  readonly isAdmin: boolean;
  readonly disabled: boolean;
}

export interface Membership {
  readonly campaign: string;
  readonly role: Role;
  /** Region id for a region coordinator, sector id for a sector lead, '' otherwise. */
  readonly scope: string;
}

export interface TokenRecord {
  readonly hash: string;
  readonly userId: string;
  readonly kind: 'access' | 'refresh';
  readonly family: string;
  readonly expiresAt: number;
  readonly used: boolean;
  readonly revoked: boolean;
}

export interface LoggedServerChange {
  readonly seq: number;
  readonly change: Change;
}

export type HeldState = 'pending' | 'accepted' | 'rejected';

export interface HeldChange {
  readonly change: Change;
  readonly visitId: string;
  readonly reason: string;
  readonly state: HeldState;
  readonly pushedBy: string;
  readonly receivedAt: number;
  readonly decidedBy: string | null;
}

export interface BlobRecord {
  readonly sha256: string;
  readonly size: number;
  readonly received: number;
  readonly complete: boolean;
}

export class CampaignExistsError extends Error {
  override readonly name = 'CampaignExistsError';
}
export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}

const CHANGE_COLUMNS = 'change_id, hlc, node, author, table_name, row_id, column_name, value, prev, schema_version';

interface ChangeRow {
  [key: string]: unknown;
  seq?: unknown;
  change_id: string;
  hlc: string;
  node: string;
  author: string;
  table_name: string;
  row_id: string;
  column_name: string;
  value: string;
  prev: string | null;
  schema_version: unknown;
}

function rowToChange(campaign: string, row: ChangeRow): Change {
  return {
    id: row.change_id,
    hlc: row.hlc,
    node: row.node,
    author: row.author,
    campaign,
    table: row.table_name,
    rowId: row.row_id,
    column: row.column_name,
    value: JSON.parse(row.value) as JsonValue,
    prev: row.prev,
    schema: toNumber(row.schema_version),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

export class ServerStore {
  private constructor(
    readonly driver: SqlDriver,
    /** Identity of this server database; clients key their cursors by it. */
    readonly serverId: string,
  ) {}

  static async open(driver: SqlDriver): Promise<ServerStore> {
    await migrateServer((fn) => driver.transaction(fn));
    const candidate = `srv${randomBytes(8).toString('hex')}`;
    await driver.execute('INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', ['server_id', candidate]);
    const rows = await driver.query<{ value: string }>('SELECT value FROM server_meta WHERE key = $1', ['server_id']);
    return new ServerStore(driver, rows[0]?.value ?? candidate);
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.driver.transaction(fn);
  }

  // ---- accounts -------------------------------------------------------------------------

  async createUser(input: { email: string; passwordHash: string | null; isAdmin: boolean }): Promise<UserRecord> {
    const id = `u${randomBytes(8).toString('hex')}`;
    const inserted = await this.driver.execute(
      'INSERT INTO users (id, email, password_hash, is_admin, disabled, created_at) VALUES ($1, $2, $3, $4, 0, $5) ON CONFLICT (email) DO NOTHING',
      [id, input.email, input.passwordHash, input.isAdmin ? 1 : 0, new Date().toISOString()],
    );
    if (inserted === 0) throw new UserExistsError(`A user with email ${input.email} already exists.`);
    return { id, email: input.email, passwordHash: input.passwordHash, isAdmin: input.isAdmin, disabled: false };
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    return this.userWhere('email', email);
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    return this.userWhere('id', id);
  }

  private async userWhere(column: 'email' | 'id', value: string): Promise<UserRecord | null> {
    const rows = await this.driver.query<{ id: string; email: string; password_hash: string | null; is_admin: unknown; disabled: unknown }>(
      `SELECT id, email, password_hash, is_admin, disabled FROM users WHERE ${column} = $1`,
      [value],
    );
    const row = rows[0];
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, isAdmin: toNumber(row.is_admin) === 1, disabled: toNumber(row.disabled) === 1 } : null;
  }

  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.driver.execute('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
  }

  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.driver.execute('UPDATE users SET disabled = $1 WHERE id = $2', [disabled ? 1 : 0, userId]);
  }

  // ---- campaigns and memberships --------------------------------------------------------

  async createCampaign(id: string, name: string): Promise<void> {
    const inserted = await this.driver.execute('INSERT INTO campaigns (id, name, last_seq, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT (id) DO NOTHING', [
      id,
      name,
      new Date().toISOString(),
    ]);
    if (inserted === 0) throw new CampaignExistsError(`Campaign ${id} already exists.`);
  }

  async campaignExists(id: string): Promise<boolean> {
    return (await this.driver.query('SELECT 1 AS one FROM campaigns WHERE id = $1', [id])).length > 0;
  }

  async addMembership(campaign: string, userId: string, role: Role, scope: string): Promise<void> {
    await this.driver.execute(
      `INSERT INTO memberships (campaign_id, user_id, role, scope, revoked_at) VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (campaign_id, user_id, role, scope) DO UPDATE SET revoked_at = NULL`,
      [campaign, userId, role, scope],
    );
  }

  /** Revokes a user's roles in a campaign (all of them, or one role). Returns how many were active. */
  async revokeMemberships(campaign: string, userId: string, role?: Role): Promise<number> {
    const params: SqlParam[] = [new Date().toISOString(), campaign, userId];
    let sql = 'UPDATE memberships SET revoked_at = $1 WHERE campaign_id = $2 AND user_id = $3 AND revoked_at IS NULL';
    if (role) {
      sql += ' AND role = $4';
      params.push(role);
    }
    return this.driver.execute(sql, params);
  }

  async activeMemberships(userId: string, campaign?: string): Promise<Membership[]> {
    const params: SqlParam[] = [userId];
    let sql = 'SELECT campaign_id, role, scope FROM memberships WHERE user_id = $1 AND revoked_at IS NULL';
    if (campaign !== undefined) {
      sql += ' AND campaign_id = $2';
      params.push(campaign);
    }
    const rows = await this.driver.query<{ campaign_id: string; role: string; scope: string }>(`${sql} ORDER BY campaign_id, role, scope`, params);
    return rows.map((row) => ({ campaign: row.campaign_id, role: row.role as Role, scope: row.scope }));
  }

  // ---- tokens ---------------------------------------------------------------------------

  async insertToken(token: Omit<TokenRecord, 'used' | 'revoked'>): Promise<void> {
    await this.driver.execute('INSERT INTO tokens (hash, user_id, kind, family, expires_at, used, revoked, created_at) VALUES ($1, $2, $3, $4, $5, 0, 0, $6)', [
      token.hash,
      token.userId,
      token.kind,
      token.family,
      token.expiresAt,
      Date.now(),
    ]);
  }

  async findToken(hash: string): Promise<TokenRecord | null> {
    const rows = await this.driver.query<{ hash: string; user_id: string; kind: string; family: string; expires_at: unknown; used: unknown; revoked: unknown }>(
      'SELECT hash, user_id, kind, family, expires_at, used, revoked FROM tokens WHERE hash = $1',
      [hash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      hash: row.hash,
      userId: row.user_id,
      kind: row.kind === 'refresh' ? 'refresh' : 'access',
      family: row.family,
      expiresAt: toNumber(row.expires_at),
      used: toNumber(row.used) === 1,
      revoked: toNumber(row.revoked) === 1,
    };
  }

  /** Marks a refresh token used; false when it already was (a replayed, possibly stolen, token). */
  async consumeToken(hash: string): Promise<boolean> {
    return (await this.driver.execute('UPDATE tokens SET used = 1 WHERE hash = $1 AND used = 0 AND revoked = 0', [hash])) === 1;
  }

  async revokeTokenFamily(family: string): Promise<number> {
    return this.driver.execute('UPDATE tokens SET revoked = 1 WHERE family = $1 AND revoked = 0', [family]);
  }

  async revokeUserTokens(userId: string): Promise<number> {
    return this.driver.execute('UPDATE tokens SET revoked = 1 WHERE user_id = $1 AND revoked = 0', [userId]);
  }

  /** Forgets tokens that expired more than a day ago (housekeeping). */
  async purgeExpiredTokens(now = Date.now()): Promise<number> {
    return this.driver.execute('DELETE FROM tokens WHERE expires_at < $1', [now - 24 * 60 * 60 * 1000]);
  }

  // ---- change log -----------------------------------------------------------------------

  /** Takes the campaign's write lock for the rest of the transaction; returns its last sequence number (null: no such campaign). */
  async lockCampaign(tx: SqlExecutor, campaign: string): Promise<number | null> {
    const rows = await tx.query<{ last_seq: unknown }>('UPDATE campaigns SET last_seq = last_seq WHERE id = $1 RETURNING last_seq', [campaign]);
    return rows[0] ? toNumber(rows[0].last_seq) : null;
  }

  /** The changes with these ids that the campaign already has, in its log or held aside (to tell a replay from a different change under a used id). */
  async knownChanges(tx: SqlExecutor, campaign: string, ids: readonly string[]): Promise<Map<string, Change>> {
    const known = new Map<string, Change>();
    for (const part of chunks(ids, 500)) {
      const list = placeholders(part.length, 2);
      const logged = await tx.query<ChangeRow>(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE campaign_id = $1 AND change_id IN (${list})`, [campaign, ...part]);
      for (const row of logged) known.set(row.change_id, rowToChange(campaign, row));
      const held = await tx.query<{ change_id: string; body: string }>(`SELECT change_id, body FROM held_changes WHERE campaign_id = $1 AND change_id IN (${list})`, [
        campaign,
        ...part,
      ]);
      for (const row of held) if (!known.has(row.change_id)) known.set(row.change_id, JSON.parse(row.body) as Change);
    }
    return known;
  }

  /** Appends changes to the campaign's log after lastSeq (the caller holds the campaign lock). Returns the new last sequence number. */
  async appendChanges(tx: SqlExecutor, campaign: string, lastSeq: number, changes: readonly Change[], pushedBy: string): Promise<number> {
    let seq = lastSeq;
    const now = Date.now();
    for (const part of chunks(changes, 200)) {
      const params: SqlParam[] = [];
      const rows: string[] = [];
      for (const change of part) {
        seq += 1;
        const base = params.length;
        rows.push(`(${placeholders(14, base + 1)})`);
        params.push(campaign, seq, change.id, change.hlc, change.node, change.author, change.table, change.rowId, change.column, JSON.stringify(change.value), change.prev, change.schema, pushedBy, now);
      }
      await tx.execute(`INSERT INTO changes (campaign_id, seq, ${CHANGE_COLUMNS}, pushed_by, received_at) VALUES ${rows.join(', ')}`, params);
    }
    if (seq !== lastSeq) await tx.execute('UPDATE campaigns SET last_seq = $1 WHERE id = $2', [seq, campaign]);
    return seq;
  }

  async changesAfter(campaign: string, afterSeq: number, limit: number): Promise<LoggedServerChange[]> {
    const rows = await this.driver.query<ChangeRow>(
      `SELECT seq, ${CHANGE_COLUMNS} FROM changes WHERE campaign_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [campaign, afterSeq, limit],
    );
    return rows.map((row) => ({ seq: toNumber(row.seq), change: rowToChange(campaign, row) }));
  }

  async lastSeq(campaign: string): Promise<number> {
    const rows = await this.driver.query<{ last_seq: unknown }>('SELECT last_seq FROM campaigns WHERE id = $1', [campaign]);
    return rows[0] ? toNumber(rows[0].last_seq) : 0;
  }

  /** The newest timestamp in any log: the server clock starts after it. */
  async newestHlc(): Promise<string | null> {
    const rows = await this.driver.query<{ hlc: string | null }>('SELECT max(hlc) AS hlc FROM changes');
    return rows[0]?.hlc ?? null;
  }

  /**
   * The current value and timestamp of one column for many rows of a table: the change with the
   * greatest timestamp in the log (held and rejected changes are not in the log).
   */
  async latestValues(tx: SqlExecutor, campaign: string, table: string, column: string, rowIds: readonly string[]): Promise<Map<string, { value: JsonValue; hlc: string }>> {
    const found = new Map<string, { value: JsonValue; hlc: string }>();
    for (const part of chunks([...new Set(rowIds)], 400)) {
      const rows = await tx.query<{ row_id: string; value: string; hlc: string }>(
        `SELECT c.row_id, c.value, c.hlc FROM changes c
         WHERE c.campaign_id = $1 AND c.table_name = $2 AND c.column_name = $3 AND c.row_id IN (${placeholders(part.length, 4)})
           AND c.hlc = (SELECT max(m.hlc) FROM changes m WHERE m.campaign_id = c.campaign_id AND m.table_name = c.table_name AND m.row_id = c.row_id AND m.column_name = c.column_name)`,
        [campaign, table, column, ...part],
      );
      for (const row of rows) found.set(row.row_id, { value: JSON.parse(row.value) as JsonValue, hlc: row.hlc });
    }
    return found;
  }

  // ---- held changes (edits of approved visits) ------------------------------------------

  async holdChanges(tx: SqlExecutor, campaign: string, held: readonly { change: Change; visitId: string; reason: string }[], pushedBy: string): Promise<void> {
    const now = Date.now();
    for (const item of held) {
      await tx.execute(
        `INSERT INTO held_changes (campaign_id, change_id, body, visit_id, reason, state, pushed_by, received_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)
         ON CONFLICT (campaign_id, change_id) DO NOTHING`,
        [campaign, item.change.id, JSON.stringify(item.change), item.visitId, item.reason, pushedBy, now],
      );
    }
  }

  async listHeld(campaign: string, state?: HeldState): Promise<HeldChange[]> {
    const params: SqlParam[] = [campaign];
    let sql = 'SELECT body, visit_id, reason, state, pushed_by, received_at, decided_by FROM held_changes WHERE campaign_id = $1';
    if (state) {
      sql += ' AND state = $2';
      params.push(state);
    }
    const rows = await this.driver.query<{ body: string; visit_id: string; reason: string; state: string; pushed_by: string; received_at: unknown; decided_by: string | null }>(
      `${sql} ORDER BY received_at, change_id`,
      params,
    );
    return rows.map((row) => ({
      change: JSON.parse(row.body) as Change,
      visitId: row.visit_id,
      reason: row.reason,
      state: row.state as HeldState,
      pushedBy: row.pushed_by,
      receivedAt: toNumber(row.received_at),
      decidedBy: row.decided_by,
    }));
  }

  async findHeld(tx: SqlExecutor, campaign: string, changeId: string): Promise<HeldChange | null> {
    const rows = await tx.query<{ body: string; visit_id: string; reason: string; state: string; pushed_by: string; received_at: unknown; decided_by: string | null }>(
      'SELECT body, visit_id, reason, state, pushed_by, received_at, decided_by FROM held_changes WHERE campaign_id = $1 AND change_id = $2',
      [campaign, changeId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      change: JSON.parse(row.body) as Change,
      visitId: row.visit_id,
      reason: row.reason,
      state: row.state as HeldState,
      pushedBy: row.pushed_by,
      receivedAt: toNumber(row.received_at),
      decidedBy: row.decided_by,
    };
  }

  async decideHeld(tx: SqlExecutor, campaign: string, changeId: string, state: 'accepted' | 'rejected', decidedBy: string): Promise<void> {
    await tx.execute('UPDATE held_changes SET state = $1, decided_by = $2, decided_at = $3 WHERE campaign_id = $4 AND change_id = $5', [
      state,
      decidedBy,
      Date.now(),
      campaign,
      changeId,
    ]);
  }

  // ---- blobs ----------------------------------------------------------------------------

  async findBlob(campaign: string, sha256: string): Promise<BlobRecord | null> {
    const rows = await this.driver.query<{ size: unknown; received: unknown; complete: unknown }>(
      'SELECT size, received, complete FROM blobs WHERE campaign_id = $1 AND sha256 = $2',
      [campaign, sha256],
    );
    const row = rows[0];
    return row ? { sha256, size: toNumber(row.size), received: toNumber(row.received), complete: toNumber(row.complete) === 1 } : null;
  }

  /** Stores bytes at offset start of a blob being uploaded; the caller checked start against what was received. */
  async appendBlobChunk(campaign: string, sha256: string, size: number, start: number, data: Buffer): Promise<BlobRecord> {
    return this.driver.transaction(async (tx) => {
      await tx.execute('INSERT INTO blobs (campaign_id, sha256, size, received, complete) VALUES ($1, $2, $3, 0, 0) ON CONFLICT (campaign_id, sha256) DO NOTHING', [campaign, sha256, size]);
      const rows = await tx.query<{ size: unknown; received: unknown; complete: unknown }>(
        'UPDATE blobs SET received = received WHERE campaign_id = $1 AND sha256 = $2 RETURNING size, received, complete',
        [campaign, sha256],
      );
      const row = rows[0];
      if (!row) throw new Error('blob row vanished');
      const current = { sha256, size: toNumber(row.size), received: toNumber(row.received), complete: toNumber(row.complete) === 1 };
      if (current.complete || current.received !== start || current.size !== size) return current;
      await tx.execute('INSERT INTO blob_chunks (campaign_id, sha256, start, data) VALUES ($1, $2, $3, $4)', [campaign, sha256, start, data]);
      await tx.execute('UPDATE blobs SET received = $1 WHERE campaign_id = $2 AND sha256 = $3', [start + data.length, campaign, sha256]);
      return { ...current, received: start + data.length };
    });
  }

  async readBlobChunks(campaign: string, sha256: string): Promise<Buffer[]> {
    const rows = await this.driver.query<{ data: Buffer }>('SELECT data FROM blob_chunks WHERE campaign_id = $1 AND sha256 = $2 ORDER BY start', [campaign, sha256]);
    return rows.map((row) => row.data);
  }

  async markBlobComplete(campaign: string, sha256: string): Promise<void> {
    await this.driver.execute('UPDATE blobs SET complete = 1 WHERE campaign_id = $1 AND sha256 = $2', [campaign, sha256]);
  }

  async discardBlob(campaign: string, sha256: string): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.execute('DELETE FROM blob_chunks WHERE campaign_id = $1 AND sha256 = $2', [campaign, sha256]);
      await tx.execute('DELETE FROM blobs WHERE campaign_id = $1 AND sha256 = $2', [campaign, sha256]);
    });
  }
}
