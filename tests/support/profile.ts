import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readKeyFile, writeKeyFile } from '../../db/crypto/key-file';
import { unwrapWithPassphraseSync, wrapWithPassphraseSync, type ScryptCost } from '../../db/crypto/passphrase';
import { newProfileKey } from '../../db/crypto/profile-key';
import { profileKeyState } from '../../db/crypto/vault';
import { ensurePrivateDir } from '../../db/private-files';
import { openProfile, type OpenProfileOptions, type Profile } from '../../db/profile';

/** A fresh temporary profile folder; remove() deletes it. */
export function tempDir(prefix = 'veldwerk-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Profiles in tests are encrypted like every profile: their key is wrapped with a passphrase, at a
 * small scrypt cost (the cost is recorded in the key file, so the CLI in a child process opens
 * them too). CI has no OS keyring; this is the injected key provider of the tests.
 */
export const TEST_PASSPHRASE = 'correct horse battery staple';
export const TEST_SCRYPT_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

/** The key of a test profile folder: unwrapped from its key file, or made and wrapped there on first use. */
export function testProfileKey(dir: string): Buffer {
  const existing = readKeyFile(path.resolve(dir));
  if (existing) {
    if (existing.wrapped.backend !== 'passphrase') throw new Error(`${dir}: not a passphrase-wrapped test profile`);
    return unwrapWithPassphraseSync(existing.wrapped, TEST_PASSPHRASE);
  }
  const state = profileKeyState(path.resolve(dir));
  if (state.kind === 'key-missing') throw new Error(`${dir}: encrypted but without its key file`);
  ensurePrivateDir(path.resolve(dir));
  const key = newProfileKey();
  writeKeyFile(path.resolve(dir), wrapWithPassphraseSync(key, TEST_PASSPHRASE, TEST_SCRYPT_COST));
  return key;
}

/** openProfile, the one function every caller opens a profile with, with the test profile's key. */
export function openTestProfile(dir: string, options: Omit<OpenProfileOptions, 'key'> = {}): Profile {
  return openProfile(dir, { ...options, key: testProfileKey(dir) });
}

let passphraseFile: string | null = null;

/** A file holding TEST_PASSPHRASE, for VELDWERK_PASSPHRASE_FILE of a CLI under test. */
export function testPassphraseFile(): string {
  if (passphraseFile) return passphraseFile;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-passphrase-'));
  passphraseFile = path.join(dir, 'passphrase');
  writeFileSync(passphraseFile, `${TEST_PASSPHRASE}\n`, { mode: 0o600 });
  return passphraseFile;
}

/** The environment a CLI child process needs to open test profiles (and to encrypt and open duo files). */
export function testPassphraseEnv(): { VELDWERK_PASSPHRASE_FILE: string; VELDWERK_DUO_PASSPHRASE_FILE: string } {
  return { VELDWERK_PASSPHRASE_FILE: testPassphraseFile(), VELDWERK_DUO_PASSPHRASE_FILE: testPassphraseFile() };
}
