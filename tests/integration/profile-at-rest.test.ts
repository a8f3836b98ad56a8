import { chmodSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/profile';
import { SECRETS_KEY_FILE } from '../../db/secrets';
import { SyncHttpClient } from '../../services/sync/client/http';
import { openTestProfile, tempDir, testProfileKey } from '../support/profile';
import { call, refusal, until, useLaptopsWithServer } from '../support/services';
import { TEST_PASSWORD, seed } from './server-support';

// Issue 10, at rest on the laptop: the profile is private to its user, the sync tokens are not in
// the database in plain text, and the password never travels over plain http to another machine.

const mode = (file: string) => statSync(file).mode & 0o777;

function tokensIn(file: string): Record<string, string> {
  const db = openDatabase(file, { readonly: true, key: testProfileKey(path.dirname(file)) });
  try {
    const rows = db.prepare("SELECT key, value FROM sync_state WHERE key LIKE 'sync:%token'").all() as {
      key: string;
      value: string;
    }[];
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  } finally {
    db.close();
  }
}

describe('the profile at rest', () => {
  const env = useLaptopsWithServer('veldwerk-at-rest-');

  it('keeps the folder 0700 and the database, its journal and the files 0600, and tightens an old profile', () => {
    const folder = tempDir('veldwerk-modes-');
    try {
      const dir = path.join(folder.dir, 'profile');
      const profile = openTestProfile(dir);
      profile.store.insert('campaigns', 'c1', { name: 'Modes', working_year: '2025-2026' }, { id: 'c1' });
      const hash = profile.blobs.put(Buffer.from('verslag'));
      expect(mode(dir)).toBe(0o700);
      for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`])
        expect(mode(path.join(dir, name)), name).toBe(0o600);
      expect(mode(profile.blobs.dir)).toBe(0o700);
      expect(mode(path.dirname(profile.blobs.pathOf(hash)))).toBe(0o700);
      expect(mode(profile.blobs.pathOf(hash))).toBe(0o600);
      profile.close();

      // A profile made by an older version (0755 / 0644) is tightened on open.
      chmodSync(dir, 0o755);
      chmodSync(path.join(dir, DATABASE_FILE), 0o644);
      chmodSync(profile.blobs.pathOf(hash), 0o644);
      chmodSync(path.dirname(profile.blobs.pathOf(hash)), 0o755);
      const reopened = openTestProfile(dir);
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, DATABASE_FILE))).toBe(0o600);
      expect(mode(reopened.blobs.pathOf(hash))).toBe(0o600);
      expect(mode(path.dirname(reopened.blobs.pathOf(hash)))).toBe(0o700);
      reopened.close();
    } finally {
      folder.remove();
    }
  });

  it('keeps the tokens wrapped: a copy of the database alone holds no working token', async () => {
    const folder = tempDir('veldwerk-tokens-');
    const laptop = env.laptop(folder);
    const campaign = await call(laptop, 'campaigns.create', { name: 'Tokens', workingYear: '2025-2026' });
    await seed(env.server.store, [campaign.id], [{ email: 'tom@inspectie.be', roles: [{ role: 'inspector' }] }]);
    await call(laptop, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'tom@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      () => call(laptop, 'sync.status', {}),
      (status) => status.state === 'up-to-date',
      'the first round',
    );

    const stored = tokensIn(path.join(folder.dir, DATABASE_FILE));
    expect(Object.keys(stored).sort()).toEqual(['sync:access-token', 'sync:refresh-token']);
    for (const value of Object.values(stored)) {
      expect(value).toMatch(/^wrapped:v1:/);
      // What the database holds is refused by the server as a token.
      const thief = new SyncHttpClient({
        baseUrl: env.server.url,
        credentials: { accessToken: value, refreshToken: value },
      });
      await expect(thief.me()).rejects.toMatchObject({ status: 401 });
    }
    // The wrapping key is inside the encrypted database (db/profile-secrets.ts), not in a file beside it.
    expect(readdirSync(folder.dir)).not.toContain(SECRETS_KEY_FILE);

    // The laptop itself still syncs after a restart with its wrapped tokens.
    await laptop.close();
    const again = env.laptop(folder);
    await call(again, 'sync.now', {});
    await until(
      () => call(again, 'sync.status', {}),
      (status) => status.state === 'up-to-date',
      'a round after restart',
    );
  });

  it('wraps plain tokens left by an older version when it resumes', async () => {
    const folder = tempDir('veldwerk-old-tokens-');
    const first = env.laptop(folder);
    const campaign = await call(first, 'campaigns.create', { name: 'Oud', workingYear: '2025-2026' });
    await seed(env.server.store, [campaign.id], [{ email: 'olga@inspectie.be', roles: [{ role: 'inspector' }] }]);
    const login = await new SyncHttpClient({ baseUrl: env.server.url }).login('olga@inspectie.be', TEST_PASSWORD);
    const me = await new SyncHttpClient({
      baseUrl: env.server.url,
      credentials: { accessToken: login.accessToken, refreshToken: null },
    }).me();
    // What an older version wrote: the connection with plain tokens.
    for (const [key, value] of [
      ['sync:server-url', env.server.url],
      ['sync:email', 'olga@inspectie.be'],
      ['sync:access-token', login.accessToken],
      ['sync:refresh-token', login.refreshToken],
      ['sync:server-id', me.serverId],
    ])
      first.profile.store.setSyncState(key ?? '', value ?? '');
    await first.close();

    const resumed = env.laptop(folder);
    await until(
      () => call(resumed, 'sync.status', {}),
      (status) => status.state === 'up-to-date',
      'a round with the old tokens',
    );
    for (const value of Object.values(tokensIn(path.join(folder.dir, DATABASE_FILE))))
      expect(value).toMatch(/^wrapped:v1:/);
  });

  it('refuses a plain http:// address of another machine, and says why in the user’s language', async () => {
    const laptop = env.laptop();
    const refused = await refusal(laptop, 'sync.connect', {
      serverUrl: 'http://veldwerk.example.be',
      email: 'tom@inspectie.be',
      password: TEST_PASSWORD,
    });
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'serverUrl', key: 'sync.errors.insecureUrl' }],
    });
    expect(() => new SyncHttpClient({ baseUrl: 'http://192.168.1.20:4000' })).toThrow(/https/);

    // An http:// connection to another machine saved by an older version is not used any more.
    const folder = tempDir('veldwerk-old-http-');
    const old = env.laptop(folder);
    old.profile.store.setSyncState('sync:server-url', 'http://192.168.1.20:4000');
    await old.close();
    const resumed = env.laptop(folder);
    expect(await call(resumed, 'sync.status', {})).toMatchObject({
      state: 'error',
      serverUrl: 'http://192.168.1.20:4000',
    });
  });
});
