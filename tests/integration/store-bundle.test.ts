import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/io';
import { openProfile } from '../../db/profile';
import { exportBundle, importBundle, type BundleProgress } from '../../db/store/bundle';
import { createCampaign } from '../../db/store/campaigns';
import { tempDir } from '../support/profile';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readStdin: async () => '',
    env: {},
    untilInterrupted: async () => undefined,
  };
}

function fingerprint(dir: string): string {
  const profile = openProfile(dir);
  try {
    const db = profile.db;
    return JSON.stringify([
      db.prepare('SELECT id, value FROM changes ORDER BY id').all(),
      db.prepare('SELECT * FROM swot_items ORDER BY id').all(),
      db.prepare('SELECT * FROM campaigns ORDER BY id').all(),
      db.prepare('SELECT * FROM sync_state ORDER BY key').all(),
    ]);
  } finally {
    profile.close();
  }
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function workspace() {
  const temp = tempDir('veldwerk-bundle-');
  cleanups.push(temp.remove);
  const a = path.join(temp.dir, 'a');
  const b = path.join(temp.dir, 'b');
  const profile = openProfile(a);
  const campaign = createCampaign(profile.store, { name: 'Werkjaar 2014-2015', workingYear: '2014-2015' });
  const visit = profile.store.insert('visits', campaign.id, {
    organisation_id: 'org-1',
    date: '2015-01-12',
    status: 'planned',
  });
  profile.store.insert('swot_items', campaign.id, {
    visit_id: visit,
    conversation_id: 'cv-1',
    quadrant: 'strengths',
    text: 'Goed netwerk',
    author_id: 'm1',
  });
  profile.close();
  return { dir: temp.dir, a, b, campaign, file: (name: string) => path.join(temp.dir, name) };
}

describe('veldwerk bundle', () => {
  it('exports and imports through the CLI; a second import changes nothing', async () => {
    const w = workspace();
    const io = captureIo();
    expect(await main(['bundle', 'export', '--profile', w.a, '--out', w.file('a.vwb')], io)).toBe(0);
    expect(io.out.join('')).toMatch(/Exported \d+ changes and 0 document file\(s\) of 1 campaign/);
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('a.vwb')], io)).toBe(0);
    const once = fingerprint(w.b);
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('a.vwb')], io)).toBe(0);
    expect(io.out.at(-1)).toMatch(/: 0 new changes/);
    expect(fingerprint(w.b)).toBe(once);
    const b = openProfile(w.b);
    expect(b.store.list('swot_items').map((item) => item.text)).toEqual(['Goed netwerk']);
    expect(b.store.list('guiding_questions', { campaign_id: w.campaign.id }).length).toBeGreaterThan(10);
    b.close();
  });

  it('exports for a peer only what that peer lacks, and reports progress', async () => {
    const w = workspace();
    const a = openProfile(w.a);
    const b = openProfile(w.b);
    const phases = new Set<string>();
    const onProgress = (progress: BundleProgress) => void phases.add(progress.phase);
    const first = await exportBundle(a.store, w.file('1.vwb'), { onProgress });
    await importBundle(b.store, w.file('1.vwb'), { onProgress });
    expect([...phases].sort()).toEqual(['apply', 'collect', 'read', 'verify', 'write']);
    const item = b.store.list('swot_items')[0]!;
    b.store.update('swot_items', item.id, { quadrant: 'opportunities' });
    const back = await exportBundle(b.store, w.file('2.vwb'), { forPeer: a.store.node });
    expect(back.count).toBe(1);
    await importBundle(a.store, w.file('2.vwb'));
    expect(a.store.get('swot_items', item.id)?.quadrant).toBe('opportunities');
    const again = await exportBundle(a.store, w.file('3.vwb'), { forPeer: b.store.node });
    expect(again.count).toBe(0);
    expect(first.count).toBeGreaterThan(again.count);
    a.close();
    b.close();
  });

  it('refuses truncated, corrupted, foreign and unreadable bundles and changes nothing', async () => {
    const w = workspace();
    const io = captureIo();
    expect(await main(['bundle', 'export', '--profile', w.a, '--out', w.file('a.vwb')], io)).toBe(0);
    const bytes = readFileSync(w.file('a.vwb'));
    writeFileSync(w.file('truncated.vwb'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const corrupted = Buffer.from(bytes);
    const middle = Math.floor(corrupted.length / 2);
    corrupted[middle] = (corrupted[middle] ?? 0) ^ 0xff;
    writeFileSync(w.file('corrupted.vwb'), corrupted);
    const text = gzipSync(Buffer.from('hello\n'));
    writeFileSync(w.file('text.vwb'), text);
    // A bundle whose body was edited but whose header was not: the checksum catches it.
    const plain = gunzipSync(bytes).toString('utf8');
    writeFileSync(w.file('edited.vwb'), gzipSync(Buffer.from(plain.replace('Goed netwerk', 'Slecht netwerk'))));

    // b takes part in another campaign already.
    const b = openProfile(w.b);
    createCampaign(b.store, { name: 'Ander werkjaar', workingYear: '2015-2016' });
    b.close();
    const before = fingerprint(w.b);
    const cases: Array<[string, string[], RegExp]> = [
      ['truncated.vwb', [], /damaged or truncated/],
      ['corrupted.vwb', [], /damaged/],
      ['text.vwb', [], /not a Veldwerk bundle/],
      ['edited.vwb', [], /checksum/],
      ['a.vwb', [], /campaign this profile does not take part in/],
      ['a.vwb', ['--campaign', 'Ander werkjaar'], /holds another campaign/],
    ];
    for (const [file, extra, message] of cases) {
      const failing = captureIo();
      expect(await main(['bundle', 'import', '--profile', w.b, w.file(file), ...extra], failing)).toBe(1);
      expect(failing.err.join('')).toMatch(message);
    }
    expect(fingerprint(w.b)).toBe(before);
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('a.vwb'), '--allow-new-campaign'], io)).toBe(0);
    expect(fingerprint(w.b)).not.toBe(before);
  });

  it('carries the files of documents along, verified by their hash', async () => {
    const w = workspace();
    const a = openProfile(w.a);
    const file = Buffer.from('%PDF-1.4 jaarverslag 2013');
    const hash = a.blobs.put(file);
    a.store.insert('documents', w.campaign.id, {
      visit_id: 'visit-x',
      title: 'Jaarverslag',
      kind: 'application/pdf',
      date: '2014-06-30',
      blob_hash: hash,
    });
    a.close();
    const io = captureIo();
    expect(await main(['bundle', 'export', '--profile', w.a, '--out', w.file('docs.vwb')], io)).toBe(0);
    expect(io.out.join('')).toMatch(/and 1 document file/);
    // A bundle whose file was swapped (and checksum recomputed) is refused as damaged.
    const plain = gunzipSync(readFileSync(w.file('docs.vwb'))).toString('utf8');
    const [headerLine, ...rest] = plain.split('\n');
    const forged = rest.join('\n').replace(file.toString('base64'), Buffer.from('iets anders').toString('base64'));
    const header = { ...JSON.parse(headerLine!), sha256: createHash('sha256').update(forged).digest('hex') };
    writeFileSync(w.file('forged.vwb'), gzipSync(Buffer.from(`${JSON.stringify(header)}\n${forged}`)));
    const failing = captureIo();
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('forged.vwb')], failing)).toBe(1);
    expect(failing.err.join('')).toMatch(/File 1 of the bundle is damaged/);
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('docs.vwb')], io)).toBe(0);
    const b = openProfile(w.b);
    expect(b.blobs.get(hash).equals(file)).toBe(true);
    expect(b.store.list('documents')[0]?.blob_hash).toBe(hash);
    b.close();
  });

  it('refuses a bundle from its own profile and explains bad usage', async () => {
    const w = workspace();
    const io = captureIo();
    expect(await main(['bundle', 'export', '--profile', w.a, '--out', w.file('a.vwb')], io)).toBe(0);
    const failing = captureIo();
    expect(await main(['bundle', 'import', '--profile', w.a, w.file('a.vwb')], failing)).toBe(1);
    expect(failing.err.join('')).toMatch(/this same profile/);
    expect(await main(['bundle', 'export', '--profile', w.a], failing)).toBe(2);
    expect(await main(['bundle', 'send'], failing)).toBe(2);
    expect(
      await main(['bundle', 'export', '--profile', w.a, '--out', w.file('x.vwb'), '--for', 'NOT A NODE'], failing),
    ).toBe(1);
    expect(failing.err.join('')).toMatch(/not a node id/);
  });
});
