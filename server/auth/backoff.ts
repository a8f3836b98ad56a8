/**
 * Per-account login backoff: after FREE_FAILURES wrong passwords in a row for one email address
 * (known or not, so the answer does not tell which accounts exist), each further attempt must
 * wait twice as long as the one before (1 s, 2 s, 4 s ... up to 15 min) and is refused without
 * checking the password until then; a correct login clears it. With the per-address limit this
 * bounds guessing of one account from any number of addresses, and unlike a lock-out, the owner
 * is kept waiting for minutes, not locked out. Kept in memory: each server process counts its
 * own attempts (a restart forgets them), which bounds guessing per process.
 */
export const FREE_FAILURES = 5;
const BASE_MS = 1000;
const MAX_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  failures: number;
  until: number;
}

export class LoginBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until this account may try again, or 0. */
  waitMs(account: string): number {
    const entry = this.entries.get(account);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  failed(account: string): void {
    const entry = this.entries.get(account) ?? { failures: 0, until: 0 };
    entry.failures += 1;
    if (entry.failures > FREE_FAILURES)
      entry.until = this.now() + Math.min(MAX_MS, BASE_MS * 2 ** (entry.failures - FREE_FAILURES - 1));
    this.entries.delete(account);
    this.entries.set(account, entry);
    // Forget the oldest entries beyond the cap, so random addresses cannot grow the map without bound.
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  succeeded(account: string): void {
    this.entries.delete(account);
  }
}
