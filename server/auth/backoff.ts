import type { LoginBackoffRepository } from '../store/login-backoff';

/**
 * Per-account login backoff: after FREE_FAILURES wrong passwords in a row for one email address
 * (known or not, so the answer does not tell which accounts exist), each further attempt must
 * wait twice as long as the one before (1 s, 2 s, 4 s ... up to 15 min) and is refused without
 * checking the password until then; a correct login clears it. With the per-address limit this
 * bounds guessing of one account from any number of addresses, and unlike a lock-out, the owner
 * is kept waiting for minutes, not locked out. The counts live in the server database
 * (server/store/login-backoff.ts, server migration 5), so a restart forgets nothing and every
 * server process on one database counts together; failures a day old are forgotten.
 */
export const FREE_FAILURES = 5;
const BASE_MS = 1000;
const MAX_MS = 15 * 60 * 1000;
/** A run of failures this old starts again from zero (and its row is pruned). */
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
/** Pruning runs at most this often per process. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** How long the account must wait after its n-th failure in a row (0 for the free ones). */
export function backoffDelayMs(failures: number): number {
  return failures > FREE_FAILURES ? Math.min(MAX_MS, BASE_MS * 2 ** (failures - FREE_FAILURES - 1)) : 0;
}

export class LoginBackoff {
  private lastPrune = 0;

  constructor(
    private readonly repository: LoginBackoffRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this account may try again, or 0. */
  async waitMs(account: string): Promise<number> {
    const entry = await this.repository.find(account);
    if (!entry || entry.updatedAt < this.now() - FORGET_AFTER_MS) return 0;
    return Math.max(0, entry.untilMs - this.now());
  }

  async failed(account: string): Promise<void> {
    const now = this.now();
    const failures = await this.repository.addFailure(account, now, now - FORGET_AFTER_MS);
    const delay = backoffDelayMs(failures);
    if (delay > 0) await this.repository.waitUntil(account, now + delay);
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.repository.prune(now - FORGET_AFTER_MS);
    }
  }

  async succeeded(account: string): Promise<void> {
    await this.repository.clear(account);
  }
}
