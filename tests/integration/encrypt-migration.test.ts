import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { LEGACY_PROFILE_CIPHER, PROFILE_CIPHER, cipherOf, openDatabase } from '../../db/connection';
import { isPlaintextDatabase } from '../../db/crypto/vault';
import { generateDemo } from '../../db/demo/demo';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { BLOBS_DIR, DATABASE_FILE } from '../../db/profile';
import { LocalStore } from '../../db/store/store';
import { openTestProfile, tempDir, testProfileKey } from '../support/profile';
import { createHash } from 'node:crypto';

/**
 * Issue 12: an older plaintext profile is encrypted on the first start of this version, and
 * nothing is lost wherever that start is killed. Each trial copies the same plaintext profile
 * (a demo campaign and document files), starts a child that encrypts it and kills it with
 * SIGKILL after a random delay between 0 and the time a whole encryption takes; then the profile
 * must open (finishing the encryption if needed), be encrypted, intact, and hold every record
 * and file of the original.
 */
const TRIALS = Math.max(30, Number(process.env.VELDWERK_ENCRYPT_KILL_TRIALS ?? 30));
const ROOT = path.resolve(import.meta.dirname, '../..');

let work: { dir: string; remove: () => void };
let child: string;
let template: string;
let expected: { counts: Record<string, number>; blobs: Map<string, Buffer> };

const COUNTED = ['campaigns', 'visits', 'conversations', 'notes', 'swot_items', 'lemmas', 'changes'];

function countsOf(db: { prepare(sql: string): { pluck(): { get(): unknown } } }): Record<string, number> {
  return Object.fromEntries(
    COUNTED.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]),
  );
}

beforeAll(async () => {
  work = tempDir('veldwerk-encrypt-kill-');
  child = path.join(work.dir, 'child.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'tests/integration/encrypt-migration-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: child,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
  // The plaintext profile of an older version: a demo campaign written through the store, in WAL
  // mode with pages still in the -wal, and document files stored in plain text under their hash.
  template = path.join(work.dir, 'template');
  mkdirSync(template, { recursive: true });
  const db = openDatabase(path.join(template, DATABASE_FILE));
  migrate(db, migrations);
  db.pragma('wal_autocheckpoint = 0');
  generateDemo(new LocalStore(db), { size: 'small' });
  const counts = countsOf(db);
  const blobs = new Map<string, Buffer>();
  for (let i = 0; i < 12; i += 1) {
    const bytes = Buffer.from(`Document ${i}: verslag van bezoek ${i}. `.repeat(2000 + i), 'utf8');
    const hash = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(path.join(template, BLOBS_DIR, hash.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(template, BLOBS_DIR, hash.slice(0, 2), hash), bytes);
    blobs.set(hash, bytes);
  }
  // Copied while open on purpose: the -wal holds committed pages the main file does not.
  cpSync(template, `${template}-copy`, { recursive: true });
  db.close();
  template = `${template}-copy`;
  expected = { counts, blobs };
}, 120_000);

afterAll(() => work.remove());

/** Starts the child on a profile and kills it `afterMs` after it began opening (or lets it finish: -1). */
function runChild(profileDir: string, afterMs: number): Promise<{ killed: boolean; tookMs: number }> {
  return new Promise((resolve, reject) => {
    const started = { at: 0 };
    const proc = spawn(process.execPath, [child, profileDir], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (!started.at && out.includes('start\n')) {
        started.at = performance.now();
        if (afterMs >= 0) setTimeout(() => proc.kill('SIGKILL'), afterMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ killed: signal === 'SIGKILL', tookMs: performance.now() - started.at });
    });
  });
}

describe('encrypting a plaintext profile under SIGKILL', () => {
  it(`loses nothing over ${TRIALS} kills at random points`, async () => {
    // How long a whole encryption takes here: the kills fall within it.
    const calibration = path.join(work.dir, 'calibration');
    cpSync(template, calibration, { recursive: true });
    const { tookMs } = await runChild(calibration, -1);
    const window = Math.max(5, tookMs * 1.2);

    let random = 20261201;
    let killed = 0;
    let midway = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      const dir = path.join(work.dir, `trial-${trial}`);
      cpSync(template, dir, { recursive: true });
      const outcome = await runChild(dir, (random % 1000) * (window / 1000));
      if (outcome.killed) killed += 1;
      if (isPlaintextDatabase(path.join(dir, DATABASE_FILE)) || readdirSync(dir).some((n) => n.includes('.encrypting')))
        midway += 1;

      const profile = openTestProfile(dir);
      try {
        expect(isPlaintextDatabase(path.join(dir, DATABASE_FILE)), `trial ${trial}: still plaintext`).toBe(false);
        expect(profile.db.pragma('integrity_check', { simple: true }), `trial ${trial}`).toBe('ok');
        expect(countsOf(profile.db), `trial ${trial}: records`).toEqual(expected.counts);
        for (const [hash, bytes] of expected.blobs) {
          expect(profile.blobs.get(hash).equals(bytes), `trial ${trial}: blob ${hash}`).toBe(true);
          expect(readFileSync(profile.blobs.pathOf(hash)).equals(bytes), `trial ${trial}: blob ${hash} plain`).toBe(
            false,
          );
        }
        expect(readdirSync(dir).filter((name) => name.includes('.encrypting'))).toEqual([]);
      } finally {
        profile.close();
      }
      expect(cipherOf(path.join(dir, DATABASE_FILE), testProfileKey(dir)), `trial ${trial}`).toBe(PROFILE_CIPHER);
    }
    // The kills did land inside the encryption, not all before or after it.
    expect(killed).toBeGreaterThanOrEqual(TRIALS / 2);
    expect(midway).toBeGreaterThan(0);
  }, 600_000);
});

/**
 * A profile an earlier build encrypted with ChaCha20-Poly1305 is re-keyed to AEGIS on open, by the
 * same crash-safe steps: wherever that start is killed, the profile opens with every record, and
 * ends on the profile cipher.
 */
describe("re-keying an earlier build's profile to the profile cipher under SIGKILL", () => {
  let legacy: string;

  beforeAll(() => {
    // The encrypted template: the plaintext one above, encrypted under the legacy cipher as the
    // earlier build did (out of WAL mode, then rekey); its plain blobs are encrypted by the same
    // start, as above (not what this test is about).
    legacy = path.join(work.dir, 'legacy-template');
    cpSync(template, legacy, { recursive: true });
    const file = path.join(legacy, DATABASE_FILE);
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher = '${LEGACY_PROFILE_CIPHER}'`);
    db.pragma(`rekey = "x'${testProfileKey(legacy).toString('hex')}'"`);
    db.close();
    expect(cipherOf(file, testProfileKey(legacy))).toBe(LEGACY_PROFILE_CIPHER);
  });

  it(`loses nothing over ${TRIALS} kills at random points, and ends on AEGIS`, async () => {
    const calibration = path.join(work.dir, 'legacy-calibration');
    cpSync(legacy, calibration, { recursive: true });
    const { tookMs } = await runChild(calibration, -1);
    expect(cipherOf(path.join(calibration, DATABASE_FILE), testProfileKey(calibration))).toBe(PROFILE_CIPHER);
    const window = Math.max(5, tookMs * 1.2);

    let random = 20261202;
    let killed = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      const dir = path.join(work.dir, `legacy-trial-${trial}`);
      cpSync(legacy, dir, { recursive: true });
      const outcome = await runChild(dir, (random % 1000) * (window / 1000));
      if (outcome.killed) killed += 1;
      const profile = openTestProfile(dir);
      try {
        expect(profile.db.pragma('integrity_check', { simple: true }), `trial ${trial}`).toBe('ok');
        expect(countsOf(profile.db), `trial ${trial}: records`).toEqual(expected.counts);
        expect(readdirSync(dir).filter((name) => name.includes('.encrypting'))).toEqual([]);
      } finally {
        profile.close();
      }
      expect(cipherOf(path.join(dir, DATABASE_FILE), testProfileKey(dir)), `trial ${trial}`).toBe(PROFILE_CIPHER);
    }
    expect(killed).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 600_000);
});
