import { randomBytes } from 'node:crypto';
import { normalizeEmail } from '../../shared/domain/email';
import { toNumber, type SqlDriver, type SqlExecutor } from './sql';

/** Accounts: email (stored normalised, shared/domain/email.ts), password hash, admin flag, disabled flag. */

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string | null;
  readonly isAdmin: boolean;
  readonly disabled: boolean;
}

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}

export class UserRepository {
  constructor(private readonly driver: SqlDriver) {}

  async create(input: { email: string; passwordHash: string | null; isAdmin: boolean }): Promise<UserRecord> {
    const id = `u${randomBytes(8).toString('hex')}`;
    const email = normalizeEmail(input.email);
    const inserted = await this.driver.execute(
      'INSERT INTO users (id, email, password_hash, is_admin, disabled, created_at) VALUES ($1, $2, $3, $4, 0, $5) ON CONFLICT (email) DO NOTHING',
      [id, email, input.passwordHash, input.isAdmin ? 1 : 0, new Date().toISOString()],
    );
    if (inserted === 0) throw new UserExistsError(`A user with email ${email} already exists.`);
    return { id, email, passwordHash: input.passwordHash, isAdmin: input.isAdmin, disabled: false };
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    return this.where('email', normalizeEmail(email));
  }

  /** The account with this address, read inside a transaction (a push's authorship check); its id, or null. */
  async idOfEmailIn(tx: SqlExecutor, email: string): Promise<string | null> {
    const rows = await tx.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [normalizeEmail(email)]);
    return rows[0]?.id ?? null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    return this.where('id', id);
  }

  private async where(column: 'email' | 'id', value: string): Promise<UserRecord | null> {
    const rows = await this.driver.query<{
      id: string;
      email: string;
      password_hash: string | null;
      is_admin: unknown;
      disabled: unknown;
    }>(`SELECT id, email, password_hash, is_admin, disabled FROM users WHERE ${column} = $1`, [value]);
    const row = rows[0];
    return row
      ? {
          id: row.id,
          email: row.email,
          passwordHash: row.password_hash,
          isAdmin: toNumber(row.is_admin) === 1,
          disabled: toNumber(row.disabled) === 1,
        }
      : null;
  }

  async setPasswordHash(userId: string, hash: string): Promise<void> {
    await this.driver.execute('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, userId]);
  }

  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.driver.execute('UPDATE users SET disabled = $1 WHERE id = $2', [disabled ? 1 : 0, userId]);
  }
}
