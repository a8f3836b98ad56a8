import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { PRIVATE_FILE_MODE } from '../../db/private-files';

/*
 * A limit on wrong passphrases at the unlock screen: a few free tries, then a wait that doubles
 * with every further wrong one (capped), kept in `<profile>/unlock-attempts.json` so that a
 * restart of the app does not hand out fresh tries. It slows down guessing at the keyboard of a
 * found laptop; whoever copies the disk attacks the scrypt-wrapped key file offline instead,
 * which the passphrase's strength and scrypt's cost (db/crypto/passphrase.ts) must resist.
 */

export const ATTEMPTS_FILE = 'unlock-attempts.json';
export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;

const schema = z.object({ failures: z.number().int().nonnegative(), until: z.number() });
export type Attempts = z.output<typeof schema>;

/** How long to wait after this many wrong passphrases in a row (0 while tries are free). */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export function readAttempts(dir: string): Attempts {
  const file = path.join(dir, ATTEMPTS_FILE);
  if (!existsSync(file)) return { failures: 0, until: 0 };
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    // A damaged file counts as the longest wait: deleting a byte must not reset the count.
    return parsed.success ? parsed.data : { failures: FREE_ATTEMPTS + 10, until: Date.now() + MAX_WAIT_MS };
  } catch {
    return { failures: FREE_ATTEMPTS + 10, until: Date.now() + MAX_WAIT_MS };
  }
}

/** Counts one more wrong passphrase; answers the new state. */
export function recordFailure(dir: string, now: number): Attempts {
  const failures = readAttempts(dir).failures + 1;
  const next = { failures, until: now + waitAfter(failures) };
  const file = path.join(dir, ATTEMPTS_FILE);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next)}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temporary, file);
  return next;
}

export function resetAttempts(dir: string): void {
  rmSync(path.join(dir, ATTEMPTS_FILE), { force: true });
}
