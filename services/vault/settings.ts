import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { PRIVATE_FILE_MODE } from '../../db/private-files';
import { DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES } from '../../shared/contract/vault';

/** The lock's settings, readable before the profile opens (nothing secret): `<profile>/lock.json`. */
export const LOCK_SETTINGS_FILE = 'lock.json';

const schema = z.object({ idleLockMinutes: z.number().int().min(0).max(MAX_IDLE_LOCK_MINUTES) });

export function readIdleLockMinutes(dir: string): number {
  const file = path.join(dir, LOCK_SETTINGS_FILE);
  if (!existsSync(file)) return DEFAULT_IDLE_LOCK_MINUTES;
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.idleLockMinutes : DEFAULT_IDLE_LOCK_MINUTES;
  } catch {
    return DEFAULT_IDLE_LOCK_MINUTES;
  }
}

export function writeIdleLockMinutes(dir: string, minutes: number): void {
  const file = path.join(dir, LOCK_SETTINGS_FILE);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ idleLockMinutes: minutes })}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temporary, file);
}
