import { toNumber, type SqlDriver } from './sql';

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

export class TokenRepository {
  constructor(private readonly driver: SqlDriver) {}

  async insert(token: Omit<TokenRecord, 'used' | 'revoked'>): Promise<void> {
    await this.driver.execute(
      'INSERT INTO tokens (hash, user_id, kind, family, expires_at, used, revoked, created_at) VALUES ($1, $2, $3, $4, $5, 0, 0, $6)',
      [token.hash, token.userId, token.kind, token.family, token.expiresAt, Date.now()],
    );
  }

  async find(hash: string): Promise<TokenRecord | null> {
    const rows = await this.driver.query<{
      hash: string;
      user_id: string;
      kind: string;
      family: string;
      expires_at: unknown;
      used: unknown;
      revoked: unknown;
    }>('SELECT hash, user_id, kind, family, expires_at, used, revoked FROM tokens WHERE hash = $1', [hash]);
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
