import type { Membership, Role } from './memberships';
import { toNumber, type SqlDriver } from './sql';
import type { UserRecord } from './users';

/** Access and refresh tokens, stored hashed; a refresh token's family is revoked as one. */

export interface TokenRecord {
  readonly hash: string;
  readonly userId: string;
  readonly kind: 'access' | 'refresh';
  readonly family: string;
  readonly expiresAt: number;
  readonly used: boolean;
  readonly revoked: boolean;
}

/** A token with its account (null: the account is gone) and the account's active memberships, read at once. */
export interface TokenSession {
  readonly token: TokenRecord;
  readonly user: UserRecord | null;
  readonly memberships: readonly Membership[];
}

/**
 * One query per authenticated request: the token, its account and the account's active
 * memberships (a row per membership; one row with NULL membership columns when it has none).
 */
const SESSION_SQL = `SELECT t.hash, t.user_id, t.kind, t.family, t.expires_at, t.used, t.revoked,
       u.id AS account_id, u.email, u.password_hash, u.is_admin, u.disabled,
       m.campaign_id, m.role, m.scope
  FROM tokens t
  LEFT JOIN users u ON u.id = t.user_id
  LEFT JOIN memberships m ON m.user_id = t.user_id AND m.revoked_at IS NULL
  WHERE t.hash = $1
  ORDER BY m.campaign_id, m.role, m.scope`;

interface TokenRow {
  [key: string]: unknown;
  hash: string;
  user_id: string;
  kind: string;
  family: string;
  expires_at: unknown;
  used: unknown;
  revoked: unknown;
}

function toTokenRecord(row: TokenRow): TokenRecord {
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

export class TokenRepository {
  constructor(private readonly driver: SqlDriver) {}

  async insert(token: Omit<TokenRecord, 'used' | 'revoked'>): Promise<void> {
    await this.driver.execute(
      'INSERT INTO tokens (hash, user_id, kind, family, expires_at, used, revoked, created_at) VALUES ($1, $2, $3, $4, $5, 0, 0, $6)',
      [token.hash, token.userId, token.kind, token.family, token.expiresAt, Date.now()],
    );
  }

  async find(hash: string): Promise<TokenRecord | null> {
    const rows = await this.driver.query<TokenRow>(
      'SELECT hash, user_id, kind, family, expires_at, used, revoked FROM tokens WHERE hash = $1',
      [hash],
    );
    return rows[0] ? toTokenRecord(rows[0]) : null;
  }

  /** The token with its account and active memberships in one query (authentication of every request). */
  async findSession(hash: string): Promise<TokenSession | null> {
    const rows = await this.driver.query<
      TokenRow & {
        account_id: string | null;
        email: string | null;
        password_hash: string | null;
        is_admin: unknown;
        disabled: unknown;
        campaign_id: string | null;
        role: string | null;
        scope: string | null;
      }
    >(SESSION_SQL, [hash]);
    const first = rows[0];
    if (!first) return null;
    const user: UserRecord | null =
      first.account_id !== null && first.email !== null
        ? {
            id: first.account_id,
            email: first.email,
            passwordHash: first.password_hash,
            isAdmin: toNumber(first.is_admin) === 1,
            disabled: toNumber(first.disabled) === 1,
          }
        : null;
    const memberships: Membership[] = [];
    for (const row of rows)
      if (row.campaign_id !== null && row.role !== null)
        memberships.push({ campaign: row.campaign_id, role: row.role as Role, scope: row.scope ?? '' });
    return { token: toTokenRecord(first), user, memberships };
  }

  /** Marks a refresh token used; false when it already was (a replayed, possibly stolen, token). */
  async consume(hash: string): Promise<boolean> {
    return (
      (await this.driver.execute('UPDATE tokens SET used = 1 WHERE hash = $1 AND used = 0 AND revoked = 0', [hash])) ===
      1
    );
  }

  async revokeFamily(family: string): Promise<number> {
    return this.driver.execute('UPDATE tokens SET revoked = 1 WHERE family = $1 AND revoked = 0', [family]);
  }

  async revokeUser(userId: string): Promise<number> {
    return this.driver.execute('UPDATE tokens SET revoked = 1 WHERE user_id = $1 AND revoked = 0', [userId]);
  }

  /** Forgets tokens that expired more than a day ago (housekeeping). */
  async purgeExpired(now = Date.now()): Promise<number> {
    return this.driver.execute('DELETE FROM tokens WHERE expires_at < $1', [now - 24 * 60 * 60 * 1000]);
  }
}
