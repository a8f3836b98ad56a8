import { toNumber, type SqlDriver } from './sql';

/**
 * The per-account login backoff's counts (server/auth/backoff.ts decides the policy), kept in
 * the server database so a restart does not hand an attacker a fresh set of free guesses, and
 * shared by every server process on one PostgreSQL database.
 */
export interface BackoffEntry {
  readonly failures: number;
  readonly untilMs: number;
}

export class LoginBackoffRepository {
  constructor(private readonly driver: SqlDriver) {}

  async find(account: string): Promise<(BackoffEntry & { readonly updatedAt: number }) | null> {
    const rows = await this.driver.query<{ failures: unknown; until_ms: unknown; updated_at: unknown }>(
      'SELECT failures, until_ms, updated_at FROM login_backoff WHERE account = $1',
      [account],
    );
    const row = rows[0];
    return row
      ? { failures: toNumber(row.failures), untilMs: toNumber(row.until_ms), updatedAt: toNumber(row.updated_at) }
      : null;
  }

  /**
   * Counts one more failure in one statement (concurrent attempts each count), starting again
   * from one when the last failure is older than `forgetBefore`. Answers the new count.
   */
  async addFailure(account: string, now: number, forgetBefore: number): Promise<number> {
    const rows = await this.driver.query<{ failures: unknown }>(
      `INSERT INTO login_backoff (account, failures, until_ms, updated_at) VALUES ($1, 1, 0, $2)
       ON CONFLICT (account) DO UPDATE SET
         failures = CASE WHEN login_backoff.updated_at < $3 THEN 1 ELSE login_backoff.failures + 1 END,
         until_ms = CASE WHEN login_backoff.updated_at < $3 THEN 0 ELSE login_backoff.until_ms END,
         updated_at = $2
       RETURNING failures`,
      [account, now, forgetBefore],
    );
    return toNumber(rows[0]?.failures ?? 1);
  }

  /** Moves the account's earliest next attempt to `untilMs` (never earlier than it already is). */
  async waitUntil(account: string, untilMs: number): Promise<void> {
    await this.driver.execute(
      'UPDATE login_backoff SET until_ms = CASE WHEN until_ms > $2 THEN until_ms ELSE $2 END WHERE account = $1',
      [account, untilMs],
    );
  }

  async clear(account: string): Promise<void> {
    await this.driver.execute('DELETE FROM login_backoff WHERE account = $1', [account]);
  }

  /** Forgets failures older than `before` (addresses tried once and never again). */
  async prune(before: number): Promise<void> {
    await this.driver.execute('DELETE FROM login_backoff WHERE updated_at < $1', [before]);
  }
}
