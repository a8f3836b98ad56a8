import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../db/store/campaigns';
import { openTestProfile, tempDir } from '../support/profile';

/**
 * Issue 13: a duo file streams both ways. A profile of 200,000 changes (about 6.5 seasons of one
 * inspector's log) is exported and imported by the real CLI in a child process, and each
 * operation's peak memory stays bounded: well below what holding the file as one string (and its
 * lines as an array) took before. No time is asserted.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHANGES = 200_000;
/** The bound: node, the SQLite driver and the duo passphrase's scrypt (128 MiB) included. */
const MAX_RSS_BYTES = 450 * 1024 * 1024;
/** What 199,000 more changes may add to it. */
const MAX_GROWTH_BYTES = 100 * 1024 * 1024;

const CHILD = path.join(ROOT, 'tests/integration/duo-scale-child.ts');

let work: { dir: string; remove: () => void };

beforeAll(() => {
  work = tempDir('veldwerk-duo-scale-');
});

afterAll(() => work.remove());

function runChild(...args: string[]): Promise<{ code: number; maxRssBytes: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('exit', () => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as { code: number; maxRssBytes: number; stdout: string; stderr: string });
      } catch {
        reject(new Error(`child printed no result: ${out}\n${err}`));
      }
    });
  });
}

/** A profile whose log holds `count` changes: SWOT items of five fields each, written directly (the store would take minutes). */
function seed(dir: string, count: number): string {
  const profile = openTestProfile(dir);
  try {
    const campaign = createCampaign(profile.store, { name: 'Werkjaar 2025-2026', workingYear: '2025-2026' }).id;
    const node = profile.store.node;
    profile.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @count - 1)
         INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
         SELECT printf('%015d-%04x-%s', 1700000000000 + i, 0, @node), @node, @node, @campaign, 'swot_items',
                printf('item%06d', i / 5),
                CASE i % 5 WHEN 0 THEN 'visit_id' WHEN 1 THEN 'quadrant' WHEN 2 THEN 'text' WHEN 3 THEN 'author_id' ELSE 'deleted' END,
                CASE i % 5 WHEN 0 THEN '"visit-1"' WHEN 1 THEN '"strengths"'
                  WHEN 2 THEN json_quote(printf('De school overlegt wekelijks over dossier %d en verdeelt de taken in onderling overleg met het team.', i))
                  WHEN 3 THEN '"member-1"' ELSE 'false' END,
                NULL, 1, 'local'
         FROM n`,
      )
      .run({ count, node, campaign });
    return campaign;
  } finally {
    profile.close();
  }
}

/** Exports a seeded profile and imports the file into a new one, each in its own child process. */
async function exchange(name: string, count: number) {
  const source = path.join(work.dir, `${name}-source`);
  const target = path.join(work.dir, `${name}-target`);
  const file = path.join(work.dir, `${name}.vwb`);
  const campaign = seed(source, count);
  const exported = await runChild('export', source, file);
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
  expect(exported.stdout).toMatch(/Exported \d+ changes/);
  openTestProfile(target).close();
  // The file is signed: the new partner trusts the maker's laptop by the fingerprint export printed.
  const fingerprint = /fingerprint ([0-9a-f]{64})/.exec(exported.stdout)?.[1] ?? '';
  const imported = await runChild('import', target, file, fingerprint);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const opened = openTestProfile(target);
  try {
    expect(opened.db.prepare('SELECT count(*) FROM changes WHERE campaign = ?').pluck().get(campaign)).toBeGreaterThan(
      count,
    );
    expect(opened.db.prepare('SELECT count(*) FROM swot_items').pluck().get()).toBe(count / 5);
    const last = `item${String(count / 5 - 1).padStart(6, '0')}`;
    expect(opened.store.get('swot_items', last)?.text).toMatch(new RegExp(`dossier ${count - 3} `));
  } finally {
    opened.close();
  }
  return { exportRss: exported.maxRssBytes, importRss: imported.maxRssBytes, fileBytes: statSync(file).size };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

describe('duo files of a large profile', () => {
  it(`exports and imports ${CHANGES.toLocaleString('en')} changes within bounded memory`, async () => {
    // The same two commands on a profile 200 times smaller, in the same run: what the process
    // costs whatever the file (node, the driver, the duo passphrase's scrypt of 128 MiB).
    const small = await exchange('small', 1_000);
    const big = await exchange('big', CHANGES);
    // Reported for the table (the bounds are the assertion, not these figures).
    console.info(
      `duo file of ${CHANGES} changes (${mb(big.fileBytes)} MB): peak RSS export ${mb(big.exportRss)} MB, import ${mb(big.importRss)} MB; ` +
        `of 1,000 changes: export ${mb(small.exportRss)} MB, import ${mb(small.importRss)} MB`,
    );
    expect(big.exportRss).toBeLessThan(MAX_RSS_BYTES);
    expect(big.importRss).toBeLessThan(MAX_RSS_BYTES);
    // 200 times the changes cost less than 100 MB more: a page and a batch, not the file.
    expect(big.exportRss - small.exportRss).toBeLessThan(MAX_GROWTH_BYTES);
    expect(big.importRss - small.importRss).toBeLessThan(MAX_GROWTH_BYTES);
  }, 900_000);
});
