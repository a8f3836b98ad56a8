import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FrameReader, LanError, MAX_FRAME_BYTES, encodeChunk, encodeMessage } from './frames';
import { newProfileKey } from '../../db/crypto/profile-key';
import { openProfile } from '../../db/profile';
import { IDENTITY_FILE, loadOrCreateIdentity, shortFingerprint } from './identity';
import { pairKey, pairKeyId } from './pair-key';
import { PEERS_FILE, PeerList } from './peers';
import { pairingCode } from './session';

const dir = mkdtempSync(path.join(tmpdir(), 'veldwerk-lan-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('network identity', () => {
  it('is made once, kept inside the encrypted profile, names nobody, and keeps its fingerprint', async () => {
    const profileDir = path.join(dir, 'profile');
    const key = newProfileKey();
    let profile = openProfile(profileDir, { key });
    const first = await loadOrCreateIdentity(profileDir);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(path.join(profileDir, IDENTITY_FILE))).toBe(false);
    expect((await loadOrCreateIdentity(profile)).fingerprint).toBe(first.fingerprint);
    profile.close();
    // Closed, the folder is not read for it: the key is inside the database.
    await expect(loadOrCreateIdentity(profileDir)).rejects.toThrow(/not open/);
    profile = openProfile(profileDir, { key });
    const again = await loadOrCreateIdentity(profileDir);
    expect(again.fingerprint).toBe(first.fingerprint);
    profile.close();
    const certificate = new X509Certificate(first.cert);
    expect(certificate.subject).toBe('CN=veldwerk-laptop');
    expect(shortFingerprint(first.fingerprint).split(' ')).toHaveLength(8);
  });

  it('is one identity when first asked for from several places at once', async () => {
    // The sync dialog asks for the fingerprint while the LAN controller makes the identity: both
    // must get the one that is kept, or the exchange is signed by a key the partner never saw.
    const fresh = mkdtempSync(path.join(tmpdir(), 'veldwerk-lan-race-'));
    try {
      const all = await Promise.all(Array.from({ length: 4 }, () => loadOrCreateIdentity(fresh)));
      const kept = await loadOrCreateIdentity(fresh);
      expect(new Set(all.map((identity) => identity.fingerprint))).toEqual(new Set([kept.fingerprint]));
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('is one identity inside a profile too when several callers make it at once', async () => {
    const profileDir = path.join(dir, 'race-profile');
    const profile = openProfile(profileDir, { key: newProfileKey() });
    try {
      const all = await Promise.all(Array.from({ length: 4 }, () => loadOrCreateIdentity(profileDir)));
      const kept = await loadOrCreateIdentity(profile);
      expect(new Set(all.map((identity) => identity.fingerprint))).toEqual(new Set([kept.fingerprint]));
    } finally {
      profile.close();
    }
  });

  it('gives a folder without a profile an identity of this process only, written nowhere', async () => {
    const bare = mkdtempSync(path.join(dir, 'bare-'));
    const first = await loadOrCreateIdentity(bare);
    expect((await loadOrCreateIdentity(bare)).fingerprint).toBe(first.fingerprint);
    expect(readdirSync(bare)).toEqual([]);
  });

  it('pins partners in an owner-only file and refuses a bad fingerprint', () => {
    const peers = new PeerList(dir);
    const fingerprint = 'a'.repeat(64);
    peers.add({ fingerprint, node: 'n1', pairedAt: '2026-12-01T10:00:00.000Z' });
    peers.add({ fingerprint, node: 'n2', pairedAt: '2026-12-01T11:00:00.000Z' });
    expect(peers.list()).toEqual([{ fingerprint, node: 'n2', pairedAt: '2026-12-01T11:00:00.000Z' }]);
    expect(statSync(path.join(dir, PEERS_FILE)).mode & 0o777).toBe(0o600);
    expect(() => peers.add({ fingerprint: 'not-hex', node: 'n', pairedAt: 'x' })).toThrow();
    peers.remove(fingerprint);
    expect(peers.find(fingerprint)).toBeUndefined();
  });
});

describe('pairing key', () => {
  it('is the same on both laptops, differs per pair, and is named without being revealed', async () => {
    const [a, b, c] = await Promise.all(
      ['a', 'b', 'c'].map((name) => loadOrCreateIdentity(mkdtempSync(path.join(dir, `pair-${name}-`)))),
    );
    const ab = pairKey(a!, b!.cert);
    expect(ab).toHaveLength(32);
    expect(pairKey(b!, a!.cert).equals(ab)).toBe(true);
    expect(pairKey(a!, c!.cert).equals(ab)).toBe(false);
    expect(pairKeyId(ab)).toBe(pairKeyId(pairKey(b!, a!.cert)));
    expect(pairKeyId(ab)).not.toContain(ab.toString('base64').slice(0, 8));
    expect(() => pairKey(a!, a!.cert)).toThrow(/itself/);
  });

  it('keeps the partner certificate pinned with its fingerprint, and refuses another one', async () => {
    const peers = new PeerList(mkdtempSync(path.join(dir, 'pair-list-')));
    const [a, b] = await Promise.all(
      ['x', 'y'].map((name) => loadOrCreateIdentity(mkdtempSync(path.join(dir, `pair-${name}-`)))),
    );
    const pairedAt = '2026-12-02T10:00:00.000Z';
    expect(() => peers.add({ fingerprint: a!.fingerprint, node: 'n1', pairedAt, cert: b!.cert })).toThrow();
    peers.add({ fingerprint: a!.fingerprint, node: 'n1', pairedAt, cert: a!.cert });
    expect(peers.withCertificateOf('n1')?.cert).toBe(a!.cert);
    expect(peers.withCertificateOf('n2')).toBeUndefined();
  });
});

describe('pairing code', () => {
  it('is six digits that depend on both certificates and both nonces', () => {
    const [a, b, n1, n2] = ['1', '2', '3', '4'].map((digit) => digit.repeat(64)) as [string, string, string, string];
    const code = pairingCode(a, b, n1, n2);
    expect(code).toMatch(/^\d{6}$/);
    expect(pairingCode(a, b, n1, n2)).toBe(code);
    expect(new Set([pairingCode(b, a, n1, n2), pairingCode(a, b, n2, n1), pairingCode(a, a, n1, n2)]).has(code)).toBe(
      false,
    );
  });
});

describe('frames', () => {
  const reader = () => {
    const stream = new PassThrough();
    return { stream, frames: new FrameReader(stream) };
  };

  it('reads messages and chunks split anywhere across packets', async () => {
    const { stream, frames } = reader();
    const bytes = Buffer.concat([
      encodeMessage({ t: 'offer', size: 3, sha256: 'f'.repeat(64) }),
      encodeChunk(Buffer.from('abc')),
      encodeMessage({ t: 'end' }),
    ]);
    for (let at = 0; at < bytes.length; at += 3) stream.write(bytes.subarray(at, at + 3));
    expect(await frames.expect('offer', 1000)).toEqual({ t: 'offer', size: 3, sha256: 'f'.repeat(64) });
    expect(await frames.next(1000)).toEqual({ kind: 'chunk', bytes: Buffer.from('abc') });
    expect(await frames.expect('end', 1000)).toEqual({ t: 'end' });
  });

  it('refuses an oversized frame, bad JSON, a wrong shape and an unknown kind', async () => {
    const cases: Buffer[] = [];
    const oversized = Buffer.alloc(5);
    oversized.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
    cases.push(oversized);
    const json = Buffer.from('{nope');
    cases.push(Buffer.concat([Buffer.from([0, 0, 0, json.length + 1, 0]), json]));
    const shape = Buffer.from(JSON.stringify({ t: 'offer', size: -1, sha256: 'x' }));
    cases.push(Buffer.concat([Buffer.from([0, 0, 0, shape.length + 1, 0]), shape]));
    cases.push(Buffer.from([0, 0, 0, 2, 9, 0]));
    for (const bytes of cases) {
      const { stream, frames } = reader();
      stream.write(bytes);
      const error = await frames.next(1000).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(LanError);
      expect((error as LanError).reason).toBe('bad-message');
    }
  });

  it('passes a refusal from the peer on as its reason, and times out a silent peer', async () => {
    const { stream, frames } = reader();
    stream.write(encodeMessage({ t: 'refused', reason: 'unknown-peer', message: 'not paired' }));
    await expect(frames.expect('hello', 1000)).rejects.toMatchObject({ reason: 'unknown-peer', message: 'not paired' });
    await expect(reader().frames.next(20)).rejects.toMatchObject({ reason: 'timeout' });
  });
});
