import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/profile';
import {
  LEGACY_LAN_IDENTITY_FILE,
  LEGACY_TOKEN_KEY_FILE,
  SECRET_LAN_IDENTITY,
  SECRET_TOKEN_KEY,
  readProfileSecret,
} from '../../db/profile-secrets';
import { loadOrCreateIdentity, type LanIdentity } from '../../services/lan/identity';
import { startServices, type Services } from '../../services/runtime';
import { ProfileSession } from '../../services/vault/session';
import { TEST_PASSPHRASE, TEST_SCRYPT_COST, openTestProfile, tempDir, testProfileKey } from '../support/profile';

// Issue 12: a lost laptop reveals nothing. Canary style (tests/integration/profile-encryption.test.ts):
// after the services start, no file of the profile folder but the encrypted database (and its
// -wal/-shm) holds the LAN private key or the sync tokens' wrapping key, in any usual encoding.

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function folder(prefix: string): string {
  const temp = tempDir(prefix);
  cleanups.push(temp.remove);
  return path.join(temp.dir, 'profile');
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const ENCRYPTED = new Set([DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]);

/** The probes of a secret: its text, and for base64 its raw bytes and hex too. */
function probesOf(identity: LanIdentity, tokenKey: string): Buffer[] {
  const pemBody = identity.key
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');
  const der = Buffer.from(pemBody, 'base64');
  const raw = Buffer.from(tokenKey, 'base64');
  expect(raw.length).toBe(32);
  return [
    Buffer.from(pemBody.slice(0, 40), 'utf8'),
    der.subarray(der.length - 40),
    Buffer.from(tokenKey, 'utf8'),
    raw,
    Buffer.from(raw.toString('hex'), 'utf8'),
  ];
}

function leaks(dir: string, probes: readonly Buffer[]): string[] {
  return filesUnder(dir)
    .filter((file) => !(path.dirname(file) === dir && ENCRYPTED.has(path.basename(file))))
    .filter((file) => {
      const bytes = readFileSync(file);
      return probes.some((probe) => bytes.includes(probe));
    })
    .map((file) => path.relative(dir, file));
}

function start(dir: string): Services {
  const services = startServices({
    profileDir: dir,
    key: testProfileKey(dir),
    transport: 'http',
    backgroundSync: false,
  });
  cleanups.push(() => services.close());
  return services;
}

describe('secrets of the profile at rest', () => {
  it('keeps the LAN private key and the token key inside the encrypted database', async () => {
    const dir = folder('veldwerk-secrets-new-');
    const services = start(dir);
    const identity = await loadOrCreateIdentity(dir);
    const wrapped = services.profile.secrets.wrap('sync:access-token', 'a-token');
    const tokenKey = readProfileSecret(services.profile.db, SECRET_TOKEN_KEY) ?? '';
    expect(tokenKey).not.toBe('');
    expect(leaks(dir, probesOf(identity, tokenKey))).toEqual([]);
    await services.close();
    expect(leaks(dir, probesOf(identity, tokenKey))).toEqual([]);
    expect(readdirSync(dir)).not.toContain(LEGACY_LAN_IDENTITY_FILE);
    expect(readdirSync(dir)).not.toContain(LEGACY_TOKEN_KEY_FILE);

    const again = start(dir);
    expect((await loadOrCreateIdentity(dir)).fingerprint).toBe(identity.fingerprint);
    expect(again.profile.secrets.unwrap('sync:access-token', wrapped)).toBe('a-token');
  });

  it('moves the plain files of an older version inside once, then deletes them', async () => {
    const dir = folder('veldwerk-secrets-old-');
    // The layout an older version left: the token key and the identity in plain 0600 files, and
    // half-written temporary copies of them.
    const profile = openTestProfile(dir);
    const wrapped = profile.secrets.wrap('sync:refresh-token', 'refresh-me');
    const tokenKey = readProfileSecret(profile.db, SECRET_TOKEN_KEY) ?? '';
    profile.db.prepare('DELETE FROM meta WHERE key = ?').run(SECRET_TOKEN_KEY);
    profile.close();
    const old = await loadOrCreateIdentity(folder('veldwerk-secrets-stranger-'));
    const identityJson = JSON.stringify({ version: 1, cert: old.cert, key: old.key });
    writeFileSync(path.join(dir, LEGACY_TOKEN_KEY_FILE), `${tokenKey}\n`, { mode: 0o600 });
    writeFileSync(path.join(dir, LEGACY_LAN_IDENTITY_FILE), identityJson, { mode: 0o600 });
    writeFileSync(path.join(dir, `${LEGACY_LAN_IDENTITY_FILE}.4242.tmp`), identityJson, { mode: 0o600 });
    writeFileSync(path.join(dir, `${LEGACY_TOKEN_KEY_FILE}.abcdef.tmp`), `${tokenKey}\n`, { mode: 0o600 });
    expect(leaks(dir, probesOf(old, tokenKey)).sort()).toHaveLength(4);

    const services = start(dir);
    expect(leaks(dir, probesOf(old, tokenKey))).toEqual([]);
    expect((await loadOrCreateIdentity(dir)).fingerprint).toBe(old.fingerprint);
    expect(services.profile.secrets.unwrap('sync:refresh-token', wrapped)).toBe('refresh-me');
    expect(readProfileSecret(services.profile.db, SECRET_LAN_IDENTITY)).toBe(identityJson);
  });

  it('after a crash between the commit and the delete, the database copy wins and the file goes', async () => {
    const dir = folder('veldwerk-secrets-crash-');
    let services = start(dir);
    const identity = await loadOrCreateIdentity(dir);
    services.profile.secrets.wrap('sync:access-token', 'a-token');
    const tokenKey = readProfileSecret(services.profile.db, SECRET_TOKEN_KEY) ?? '';
    await services.close();
    // The state of a crash after the commit: the secret is inside and the old file still there.
    writeFileSync(
      path.join(dir, LEGACY_LAN_IDENTITY_FILE),
      JSON.stringify({ version: 1, cert: identity.cert, key: identity.key }),
      { mode: 0o600 },
    );
    services = start(dir);
    expect(leaks(dir, probesOf(identity, tokenKey))).toEqual([]);
    expect((await loadOrCreateIdentity(dir)).fingerprint).toBe(identity.fingerprint);
  });

  it('zeroes the keys derived for the open profile when it locks', async () => {
    const session = new ProfileSession({
      profileDir: folder('veldwerk-secrets-zero-'),
      transport: 'http',
      scryptCost: TEST_SCRYPT_COST,
      backgroundSync: false,
    });
    cleanups.push(() => session.close());
    expect((await session.dispatch('vault.create', { method: 'passphrase', passphrase: TEST_PASSPHRASE })).ok).toBe(
      true,
    );
    const profile = session.current?.profile;
    if (!profile) throw new Error('not open');
    profile.secrets.wrap('sync:access-token', 'a-token');
    // The buffers the profile holds (private fields, read here only to look at their bytes).
    const blobKey = (profile.blobs as unknown as { key: Buffer }).key;
    const tokenKey = (profile.secrets as unknown as { key: Buffer | null }).key;
    expect(blobKey.equals(Buffer.alloc(32))).toBe(false);
    expect(tokenKey?.equals(Buffer.alloc(32))).toBe(false);
    await session.dispatch('vault.lock', {});
    expect(blobKey.equals(Buffer.alloc(32))).toBe(true);
    expect(tokenKey?.equals(Buffer.alloc(32))).toBe(true);
  });
});
