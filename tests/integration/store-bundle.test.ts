import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/io';
import { exportBundle, importBundle, type BundleProgress } from '../../db/store/bundle';
import { createCampaign } from '../../db/store/campaigns';
import { openDuoFile, sealDuoFile } from '../../db/crypto/duo-file';
import { openSignedBundle, signBundle } from '../../services/duo/signed-file';
import { loadOrCreateIdentity } from '../../services/lan/identity';
import { tempDir, openTestProfile, testPassphraseEnv, TEST_PASSPHRASE } from '../support/profile';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readStdin: async () => '',
    env: testPassphraseEnv(),
    untilInterrupted: async () => undefined,
  };
}

function fingerprint(dir: string): string {
  const profile = openTestProfile(dir);
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

/** The maker laptop's fingerprint that `bundle export` printed: what the partner compares before trusting it. */
function makerOf(io: { out: string[] }): string[] {
  return ['--trust-signer', /fingerprint ([0-9a-f]{64})/.exec(io.out.join(''))?.[1] ?? ''];
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
  const profile = openTestProfile(a);
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
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('a.vwb'), ...makerOf(io)], io)).toBe(0);
    const once = fingerprint(w.b);
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('a.vwb')], io)).toBe(0);
    expect(io.out.at(-1)).toMatch(/: 0 new changes/);
    expect(fingerprint(w.b)).toBe(once);
    const b = openTestProfile(w.b);
    expect(b.store.list('swot_items').map((item) => item.text)).toEqual(['Goed netwerk']);
    expect(b.store.list('guiding_questions', { campaign_id: w.campaign.id }).length).toBeGreaterThan(10);
    b.close();
  });

  it('exports for a peer only what that peer lacks, and reports progress', async () => {
    const w = workspace();
    const a = openTestProfile(w.a);
    const b = openTestProfile(w.b);
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
    const trust = makerOf(io);
    const bytes = readFileSync(w.file('a.vwb'));
    writeFileSync(w.file('truncated.vwb'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const corrupted = Buffer.from(bytes);
    const middle = Math.floor(corrupted.length / 2);
    corrupted[middle] = (corrupted[middle] ?? 0) ^ 0xff;
    writeFileSync(w.file('corrupted.vwb'), corrupted);
    const text = gzipSync(Buffer.from('hello\n'));
    writeFileSync(w.file('text.vwb'), text);
    // A bundle whose body was edited but whose header was not: the checksum catches it.
    // The file is encrypted for the duo (db/crypto/duo-file.ts); inside is the bundle.
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('VWDUOSE1');
    // Inside that, the signed envelope (services/duo/signed-file.ts), and in it the bundle.
    const plain = gunzipSync(openSignedBundle(await openDuoFile(bytes, TEST_PASSPHRASE)).bundle).toString('utf8');
    writeFileSync(w.file('edited.vwb'), gzipSync(Buffer.from(plain.replace('Goed netwerk', 'Slecht netwerk'))));

    // b takes part in another campaign already.
    const b = openTestProfile(w.b);
    createCampaign(b.store, { name: 'Ander werkjaar', workingYear: '2015-2016' });
    b.close();
    const before = fingerprint(w.b);
    const cases: Array<[string, string[], RegExp]> = [
      ['truncated.vwb', trust, /damaged or truncated/],
      ['corrupted.vwb', trust, /damaged/],
      // A plain bundle, edited or not, is no duo file: it names no maker.
      ['text.vwb', [], /not signed/],
      ['edited.vwb', [], /not signed/],
      ['a.vwb', [], /does not know yet|compare the fingerprint/],
      ['a.vwb', trust, /campaign this profile does not take part in/],
      ['a.vwb', ['--campaign', 'Ander werkjaar', ...trust], /holds another campaign/],
    ];
    for (const [file, extra, message] of cases) {
      const failing = captureIo();
      expect(await main(['bundle', 'import', '--profile', w.b, w.file(file), ...extra], failing)).toBe(1);
      expect(failing.err.join('')).toMatch(message);
    }
    expect(fingerprint(w.b)).toBe(before);
    expect(
      await main(['bundle', 'import', '--profile', w.b, w.file('a.vwb'), '--allow-new-campaign', ...trust], io),
    ).toBe(0);
    expect(fingerprint(w.b)).not.toBe(before);
  });

  it('carries the files of documents along, verified by their hash', async () => {
    const w = workspace();
    const a = openTestProfile(w.a);
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
    const trust = makerOf(io);
    const signed = openSignedBundle(await openDuoFile(readFileSync(w.file('docs.vwb')), TEST_PASSPHRASE));
    const plain = gunzipSync(signed.bundle).toString('utf8');
    const [headerLine, ...rest] = plain.split('\n');
    const forged = rest.join('\n').replace(file.toString('base64'), Buffer.from('iets anders').toString('base64'));
    const header = { ...JSON.parse(headerLine!), sha256: createHash('sha256').update(forged).digest('hex') };
    const forgedBundle = gzipSync(Buffer.from(`${JSON.stringify(header)}\n${forged}`));
    // Signed again by someone's own key: the signature holds, the bundle's checks catch the swapped file.
    mkdirSync(path.join(w.dir, 'someone'));
    const someone = await loadOrCreateIdentity(path.join(w.dir, 'someone'));
    writeFileSync(
      w.file('forged.vwb'),
      await sealDuoFile(signBundle(forgedBundle, someone, signed.header.maker), TEST_PASSPHRASE),
    );
    const failing = captureIo();
    expect(
      await main(
        ['bundle', 'import', '--profile', w.b, w.file('forged.vwb'), '--trust-signer', someone.fingerprint],
        failing,
      ),
    ).toBe(1);
    expect(failing.err.join('')).toMatch(/File 1 of the bundle is damaged/);
    expect(await main(['bundle', 'import', '--profile', w.b, w.file('docs.vwb'), ...trust], io)).toBe(0);
    const b = openTestProfile(w.b);
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
    expect(failing.err.join('')).toMatch(/made on this laptop/);
    expect(await main(['bundle', 'export', '--profile', w.a], failing)).toBe(2);
    expect(await main(['bundle', 'send'], failing)).toBe(2);
    expect(
      await main(['bundle', 'export', '--profile', w.a, '--out', w.file('x.vwb'), '--for', 'NOT A NODE'], failing),
    ).toBe(1);
    expect(failing.err.join('')).toMatch(/not a node id/);
  });
});
