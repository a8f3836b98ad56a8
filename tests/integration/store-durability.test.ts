import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, openTestProfile } from '../support/profile';

/**
 * Durability: a child process saves edits in a loop and is killed with SIGKILL at a random
 * moment, again and again on the same profile. After each kill the profile must open, pass
 * PRAGMA integrity_check, and hold every edit the child had reported as saved.
 * The writer is bundled once with esbuild so that each trial starts in about 0.1 s.
 */
const TRIALS = Number(process.env.VELDWERK_DURABILITY_TRIALS ?? 50);
const ROOT = path.resolve(import.meta.dirname, '../..');

let work: { dir: string; remove: () => void };
let writer: string;

beforeAll(async () => {
  work = tempDir('veldwerk-durability-');
  writer = path.join(work.dir, 'writer.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'tests/integration/store-durability-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: writer,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
});

afterAll(() => work.remove());

function runAndKill(profileDir: string, trial: number, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, profileDir, String(trial)], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      // Arm the kill once the first edit is reported, so every trial saves something even on a busy machine.
      if (!armed && out.includes('\nitem ')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed: ${err}`));
      // Only complete lines were reported; a line cut by the kill does not count.
      else resolve(out.split('\n').slice(0, -1));
    });
  });
}

describe('durability under SIGKILL', () => {
  it(`keeps every reported edit and an intact database over ${TRIALS} kills`, async () => {
    const profileDir = path.join(work.dir, 'profile');
    const items = new Set<string>();
    const notes = new Map<string, number>();
    let random = 12345;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      const lines = await runAndKill(profileDir, trial, 5 + (random % 120));
      for (const line of lines) {
        const [kind, id, length] = line.split(' ');
        if (kind === 'item' && id) items.add(id);
        if (kind === 'note' && id) notes.set(id, Number(length));
      }
      const profile = openTestProfile(profileDir);
      try {
        expect(profile.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        const present = new Set(profile.store.list('swot_items').map((item) => item.id));
        for (const id of items)
          expect(present.has(id), `reported item ${id} is missing after trial ${trial}`).toBe(true);
        for (const [id, length] of notes) {
          const text = profile.store.get('notes', id)?.text ?? '';
          expect(text.length, `note ${id} lost text after trial ${trial}`).toBeGreaterThanOrEqual(length);
        }
        const logged = profile.db
          .prepare("SELECT count(*) AS n FROM changes WHERE tbl = 'swot_items' AND col = 'text'")
          .get() as { n: number };
        expect(logged.n).toBeGreaterThanOrEqual(items.size);
      } finally {
        profile.close();
      }
    }
    expect(items.size).toBeGreaterThanOrEqual(TRIALS);
  }, 180_000);
});
