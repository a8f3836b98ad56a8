import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PlainDatabase from 'better-sqlite3';
import CipherDatabase from 'better-sqlite3-multiple-ciphers';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { openDuoFile } from '../../db/crypto/duo-file';
import { openDatabase, WrongKeyError } from '../../db/connection';
import { readKeyFile } from '../../db/crypto/key-file';
import { WrongPassphraseError } from '../../db/crypto/passphrase';
import { newProfileKey } from '../../db/crypto/profile-key';
import { obtainProfileKey, profileKeyState } from '../../db/crypto/vault';
import { passphraseWrapper } from '../../db/crypto/wrappers';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { BLOBS_DIR, DATABASE_FILE, openProfile } from '../../db/profile';
import { bindNodeToProfile } from '../../db/profile-identity';
import { LocalStore } from '../../db/store/store';
import { openSignedBundle } from '../../services/duo/signed-file';
import { capturingIo } from '../support/cli';
import { TEST_PASSPHRASE, TEST_SCRYPT_COST, openTestProfile, tempDir } from '../support/profile';

// Issue 12, encrypted at rest: what a lost laptop's profile folder reveals.

export const CANARY = 'De kanarie zingt: directeur Verhaegen twijfelt aan de fusie met Zorgnet Oost.';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function folder(prefix: string): string {
  const temp = tempDir(prefix);
  cleanups.push(temp.remove);
  return path.join(temp.dir, 'profile');
}

function seedNote(store: LocalStore, text: string): string {
  const campaign = store.insert('campaigns', 'c-canary', { name: 'Werkjaar 2025-2026', working_year: '2025-2026' });
  store.insert(
    'notes',
    campaign,
    { visit_id: 'v1', conversation_id: 'k1', guiding_question_id: null, author_id: 'm1', text },
    { id: 'n-canary' },
  );
  return campaign;
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Whether a piece of the canary (a few words, in UTF-8 or UTF-16) is anywhere in a file. */
export function containsCanary(file: string, canary = CANARY): boolean {
  const bytes = readFileSync(file);
  const probes = [canary, canary.slice(0, 24), 'Verhaegen', 'kanarie zingt'];
  return probes.some(
    (probe) => bytes.includes(Buffer.from(probe, 'utf8')) || bytes.includes(Buffer.from(probe, 'utf16le')),
  );
}

describe('the profile at rest is encrypted', () => {
  it('has no SQLite header, and plain better-sqlite3, no key or a wrong key get SQLITE_NOTADB', () => {
    const dir = folder('veldwerk-enc-header-');
    const profile = openTestProfile(dir);
    seedNote(profile.store, CANARY);
    profile.close();
    const file = path.join(dir, DATABASE_FILE);

    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(readFileSync(file).includes(Buffer.from('SQLite format 3'))).toBe(false);

    const plain = new PlainDatabase(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM notes').get()).toThrow(
      expect.objectContaining({ code: 'SQLITE_NOTADB' }),
    );
    plain.close();

    const unkeyed = new CipherDatabase(file, { readonly: true });
    expect(() => unkeyed.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(
      expect.objectContaining({ code: 'SQLITE_NOTADB' }),
    );
    unkeyed.close();

    expect(() => openDatabase(file, { key: newProfileKey() })).toThrow(WrongKeyError);
    expect(() => openDatabase(file, { key: newProfileKey() })).toThrow(
      expect.objectContaining({ code: 'SQLITE_NOTADB' }),
    );
    expect(() => openProfile(dir, { key: newProfileKey() })).toThrow(WrongKeyError);

    // The right key opens it, with temp_store in memory.
    const again = openTestProfile(dir);
    expect(again.store.get('notes', 'n-canary')?.text).toBe(CANARY);
    expect(again.db.pragma('temp_store', { simple: true })).toBe(2);
    again.close();
  });

  it('keeps a canary sentence out of the database, its -wal and -shm, and the blobs', () => {
    const dir = folder('veldwerk-enc-canary-');
    const profile = openTestProfile(dir);
    seedNote(profile.store, CANARY);
    const hash = profile.blobs.put(Buffer.from(`Verslag van het gesprek.\n${CANARY}\n`, 'utf8'));
    // While open: the -wal and -shm exist and hold the latest pages.
    const live = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].map((name) => path.join(dir, name));
    for (const file of live) expect(existsSync(file), file).toBe(true);
    expect(statSync(live[1] as string).size).toBeGreaterThan(0);
    for (const file of [...live, ...filesUnder(path.join(dir, BLOBS_DIR))])
      expect(containsCanary(file), `${path.relative(dir, file)} holds the canary`).toBe(false);
    expect(profile.blobs.get(hash).toString('utf8')).toContain(CANARY);
    profile.close();
    for (const file of filesUnder(dir)) expect(containsCanary(file), path.relative(dir, file)).toBe(false);
  });

  it('wraps the key with scrypt and AES-GCM and records the backend; a wrong passphrase opens nothing', async () => {
    const dir = folder('veldwerk-enc-key-');
    expect(profileKeyState(dir)).toEqual({ kind: 'new' });
    const key = await obtainProfileKey(dir, passphraseWrapper(TEST_PASSPHRASE, TEST_SCRYPT_COST));
    openProfile(dir, { key }).close();
    const keyFile = readKeyFile(dir);
    expect(keyFile?.wrapped).toMatchObject({ backend: 'passphrase', kdf: { name: 'scrypt', N: TEST_SCRYPT_COST.N } });
    expect(profileKeyState(dir)).toEqual({ kind: 'locked', backend: 'passphrase' });
    expect(readFileSync(path.join(dir, 'veldwerk.key')).includes(key.toString('base64'))).toBe(false);
    await expect(obtainProfileKey(dir, passphraseWrapper('not the passphrase'))).rejects.toThrow(WrongPassphraseError);
    expect((await obtainProfileKey(dir, passphraseWrapper(TEST_PASSPHRASE))).equals(key)).toBe(true);
  });

  it('encrypts a plaintext profile of an older version on first open, with every record and blob', () => {
    const dir = folder('veldwerk-enc-legacy-');
    mkdirSync(dir, { recursive: true });
    const old = openDatabase(path.join(dir, DATABASE_FILE));
    migrate(old, migrations);
    const store = new LocalStore(old);
    seedNote(store, CANARY);
    for (let i = 0; i < 200; i += 1)
      store.insert('swot_items', 'c-canary', { text: `Item ${i}`, quadrant: 'strengths' }, { id: `item-${i}` });
    const changes = old.prepare('SELECT count(*) FROM changes').pluck().get() as number;
    // The node is bound to the database file (db/profile-identity.ts): the encrypted copy that
    // replaces it is the same laptop, not a clone.
    const node = bindNodeToProfile(old, path.join(dir, DATABASE_FILE)).node;
    old.close();
    // A blob as an older version wrote it: plaintext under its hash.
    const document = Buffer.from(`Bijlage: ${CANARY}`, 'utf8');
    const legacy = openTestProfile(folder('veldwerk-enc-blobref-'));
    const hash = legacy.blobs.put(document);
    legacy.close();
    const blobFile = path.join(dir, BLOBS_DIR, hash.slice(0, 2), hash);
    mkdirSync(path.dirname(blobFile), { recursive: true });
    writeFileSync(blobFile, document);
    expect(profileKeyState(dir)).toEqual({ kind: 'plaintext' });
    expect(containsCanary(path.join(dir, DATABASE_FILE))).toBe(true);

    const profile = openTestProfile(dir);
    expect(profile.store.get('notes', 'n-canary')?.text).toBe(CANARY);
    expect(profile.store.list('swot_items')).toHaveLength(200);
    expect(profile.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(changes);
    expect(profile.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(profile.blobs.get(hash).equals(document)).toBe(true);
    expect(profile.store.node).toBe(node);
    expect(profile.clonedFrom).toBeNull();
    profile.close();
    expect(readdirSync(dir).filter((name) => name.includes('.encrypting'))).toEqual([]);
    for (const file of filesUnder(dir)) expect(containsCanary(file), path.relative(dir, file)).toBe(false);
  });

  it('keeps the canary out of a duo file, the partner’s profile and every log line', async () => {
    const dir = folder('veldwerk-enc-duo-');
    const profile = openTestProfile(dir);
    seedNote(profile.store, CANARY);
    profile.close();
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    cleanups.push(() => spies.forEach((spy) => spy.mockRestore()));
    const io = capturingIo();
    const file = path.join(path.dirname(dir), 'duo.vwb');
    expect(await main(['bundle', 'export', '--profile', dir, '--out', file], io)).toBe(0);
    expect(containsCanary(file)).toBe(false);
    // Not vacuous: with the duo passphrase the file opens to the bundle (the partner below reads the note from it).
    // Inside: the signed envelope (services/duo/signed-file.ts) around the bundle.
    const { bundle } = openSignedBundle(await openDuoFile(readFileSync(file), TEST_PASSPHRASE));
    const inside = gunzipSync(bundle).toString('utf8');
    expect(inside.startsWith('{"format":"veldwerk-bundle"')).toBe(true);

    const partner = folder('veldwerk-enc-duo-partner-');
    const maker = /fingerprint ([0-9a-f]{64})/.exec(io.out)?.[1] ?? '';
    expect(
      await main(['bundle', 'import', '--profile', partner, file, '--allow-new-campaign', '--trust-signer', maker], io),
    ).toBe(0);
    expect(await main(['report', 'list', '--profile', partner], io)).toBe(0);
    const reopened = openTestProfile(partner);
    expect(reopened.store.get('notes', 'n-canary')?.text).toBe(CANARY);
    reopened.close();
    for (const written of filesUnder(partner))
      expect(containsCanary(written), path.relative(partner, written)).toBe(false);
    const everything = [io.out, io.err, ...logged].join('\n');
    expect(everything).not.toContain('Verhaegen');
    expect(everything).not.toContain('kanarie');
  });
});
