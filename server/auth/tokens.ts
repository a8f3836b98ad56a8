import { createHash, randomBytes } from 'node:crypto';
import { normalizeEmail } from '../../shared/domain/email';
import type { ReasonCode } from '../../shared/sync/reasons';
import type { Membership, ServerStore, UserRecord } from '../store/store';
import { LoginBackoff } from './backoff';
import { hashPassword, needsRehash, verifyPassword } from './passwords';

/**
 * Opaque bearer tokens: random, stored only as their SHA-256 hash, so a leaked database does not
 * leak usable tokens and every token can be revoked. A short-lived access token authenticates
 * requests; a refresh token (single use, rotated on every refresh) obtains the next pair. A
 * refresh token presented twice means it was copied: the whole family (session) is revoked.
 */
export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Milliseconds since the epoch when the access token stops working. */
  readonly accessExpiresAt: number;
  readonly refreshExpiresAt: number;
}

export interface AuthOptions {
  readonly now?: () => number;
  readonly accessTtlMs?: number;
  readonly refreshTtlMs?: number;
}

export interface Principal {
  readonly user: UserRecord;
  readonly family: string;
  readonly memberships: readonly Membership[];
  /** When the access token that authenticated this principal stops working (ms since the epoch). */
  readonly expiresAt: number;
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    message: string,
    readonly code: ReasonCode = 'UNAUTHORIZED',
  ) {
    super(message);
  }
}

/** Too many wrong passwords for this account in a row: try again after retryAfterMs. */
export class LoginBackoffError extends Error {
  override readonly name = 'LoginBackoffError';
  constructor(readonly retryAfterMs: number) {
    super(`Too many wrong passwords for this account; try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`);
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export class Authenticator {
  private readonly now: () => number;
  private readonly accessTtl: number;
  private readonly refreshTtl: number;
  private readonly backoff: LoginBackoff;

  constructor(
    private readonly store: ServerStore,
    options: AuthOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.accessTtl = options.accessTtlMs ?? ACCESS_TOKEN_TTL_MS;
    this.refreshTtl = options.refreshTtlMs ?? REFRESH_TOKEN_TTL_MS;
    this.backoff = new LoginBackoff(store.loginBackoff, this.now);
  }

  async login(email: string, password: string): Promise<TokenPair> {
    const account = normalizeEmail(email);
    const wait = await this.backoff.waitMs(account);
    if (wait > 0) throw new LoginBackoffError(wait);
    const user = await this.store.findUserByEmail(account);
    const valid = await verifyPassword(password, user?.passwordHash ?? null);
    if (!user || !valid) {
      await this.backoff.failed(account);
      throw new AuthError('Wrong email or password.', 'WRONG_CREDENTIALS');
    }
    await this.backoff.succeeded(account);
    if (user.disabled) throw new AuthError('This account has been revoked; ask the team lead.', 'ACCOUNT_REVOKED');
    // A hash made with weaker parameters is replaced now that the password is at hand.
    if (user.passwordHash && needsRehash(user.passwordHash))
      await this.store.setPasswordHash(user.id, await hashPassword(password));
    return this.issue(user.id, randomBytes(16).toString('hex'));
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const record = await this.store.findToken(hashToken(refreshToken));
    if (!record || record.kind !== 'refresh') throw new AuthError('Unknown refresh token; log in again.');
    if (record.revoked) throw new AuthError('This session was revoked; log in again.');
    if (record.expiresAt <= this.now()) throw new AuthError('The session expired; log in again.');
    if (!(await this.store.consumeToken(record.hash))) {
      await this.store.revokeTokenFamily(record.family);
      throw new AuthError('This refresh token was already used, so the session was revoked to be safe; log in again.');
    }
    const user = await this.store.findUserById(record.userId);
    if (!user || user.disabled)
      throw new AuthError('This account has been revoked; ask the team lead.', 'ACCOUNT_REVOKED');
    return this.issue(user.id, record.family);
  }

  async logout(accessToken: string): Promise<void> {
    const record = await this.store.findToken(hashToken(accessToken));
    if (record) await this.store.revokeTokenFamily(record.family);
  }

  /**
   * The principal behind an access token, or AuthError with the reason it is refused. One query
   * (the token, its account and memberships together), read on every request and never cached: a
   * token revoked (logout, refresh replay, `veldwerk admin`, by any process on the database) or an
   * account disabled stops working with the next request.
   */
  async authenticate(accessToken: string): Promise<Principal> {
    const session = await this.store.findTokenSession(hashToken(accessToken));
    const record = session?.token;
    if (!session || !record || record.kind !== 'access') throw new AuthError('Unknown access token; log in again.');
    if (record.revoked) throw new AuthError('This access token was revoked; log in again.');
    if (record.expiresAt <= this.now()) throw new AuthError('The access token expired; refresh it or log in again.');
    const user = session.user;
    if (!user || user.disabled)
      throw new AuthError('This account has been revoked; ask the team lead.', 'ACCOUNT_REVOKED');
    return { user, family: record.family, memberships: session.memberships, expiresAt: record.expiresAt };
  }

  private async issue(userId: string, family: string): Promise<TokenPair> {
    const now = this.now();
    const pair: TokenPair = {
      accessToken: newToken('vwa_'),
      refreshToken: newToken('vwr_'),
      accessExpiresAt: now + this.accessTtl,
      refreshExpiresAt: now + this.refreshTtl,
    };
    await this.store.insertToken({
      hash: hashToken(pair.accessToken),
      userId,
      kind: 'access',
      family,
      expiresAt: pair.accessExpiresAt,
    });
    await this.store.insertToken({
      hash: hashToken(pair.refreshToken),
      userId,
      kind: 'refresh',
      family,
      expiresAt: pair.refreshExpiresAt,
    });
    return pair;
  }
}
