import { afterEach, describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, waitAfter } from '../../services/vault/attempts';
import { ProfileSession } from '../../services/vault/session';
import { TEST_PASSPHRASE, TEST_SCRYPT_COST, tempDir } from '../support/profile';

// Wrong passphrases at the unlock screen: a few free tries, then a growing wait, which a
// restart of the app does not reset; the right passphrase after the wait opens and clears it.

const folders: Array<ReturnType<typeof tempDir>> = [];
const sessions: ProfileSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  for (const folder of folders.splice(0)) folder.remove();
});

describe('unlock attempts', () => {
  it('doubles the wait after the free tries, up to a cap', () => {
    expect(waitAfter(FREE_ATTEMPTS - 1)).toBe(0);
    expect(waitAfter(FREE_ATTEMPTS + 1)).toBe(2 * waitAfter(FREE_ATTEMPTS));
    expect(waitAfter(100)).toBe(waitAfter(101));
  });

  it('refuses tries during the wait, also after a restart, and clears on the right passphrase', async () => {
    const folder = tempDir('veldwerk-vault-attempts-');
    folders.push(folder);
    let now = 1_000_000;
    const session = () => {
      const made = new ProfileSession({
        profileDir: folder.dir,
        transport: 'http',
        scryptCost: TEST_SCRYPT_COST,
        backgroundSync: false,
        now: () => now,
      });
      sessions.push(made);
      return made;
    };
    const first = session();
    expect((await first.dispatch('vault.create', { method: 'passphrase', passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    await first.dispatch('vault.lock', {});
    const unlock = async (on: ProfileSession, passphrase: string) => {
      const result = await on.dispatch('vault.unlock', { passphrase });
      return result.ok ? 'open' : (result.error.issues?.[0]?.key ?? result.error.code);
    };
    for (let index = 0; index < FREE_ATTEMPTS; index += 1)
      expect(await unlock(first, 'niet de wachtzin')).toBe('vault.errors.wrongPassphrase');
    // Now even the right passphrase waits, and the status says how long (the lock screen shows it).
    expect(first.status().unlockWaitSeconds).toBe(waitAfter(FREE_ATTEMPTS) / 1000);
    expect(await unlock(first, TEST_PASSPHRASE)).toBe('vault.errors.tooManyAttempts');
    const restarted = session();
    expect(await unlock(restarted, TEST_PASSPHRASE)).toBe('vault.errors.tooManyAttempts');
    now += waitAfter(FREE_ATTEMPTS);
    expect(await unlock(restarted, 'nog altijd fout')).toBe('vault.errors.wrongPassphrase');
    expect(await unlock(restarted, TEST_PASSPHRASE)).toBe('vault.errors.tooManyAttempts');
    now += waitAfter(FREE_ATTEMPTS + 1);
    expect(restarted.status().unlockWaitSeconds).toBe(0);
    expect(await unlock(restarted, TEST_PASSPHRASE)).toBe('open');
    await restarted.dispatch('vault.lock', {});
    expect(await unlock(restarted, 'fout')).toBe('vault.errors.wrongPassphrase');
  });
});

describe('change-passphrase attempts', () => {
  it('counts a wrong current passphrase like a wrong unlock, waits, and keeps the count across a restart', async () => {
    const folder = tempDir('veldwerk-vault-change-attempts-');
    folders.push(folder);
    let now = 5_000_000;
    const session = () => {
      const made = new ProfileSession({
        profileDir: folder.dir,
        transport: 'http',
        scryptCost: TEST_SCRYPT_COST,
        backgroundSync: false,
        now: () => now,
      });
      sessions.push(made);
      return made;
    };
    const first = session();
    expect((await first.dispatch('vault.create', { method: 'passphrase', passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    const change = async (on: ProfileSession, current: string) => {
      const result = await on.dispatch('vault.changePassphrase', { current, next: 'een nieuwe lange wachtzin' });
      return result.ok ? 'changed' : (result.error.issues?.[0]?.key ?? result.error.code);
    };
    for (let index = 0; index < FREE_ATTEMPTS; index += 1)
      expect(await change(first, 'niet de wachtzin')).toBe('vault.errors.wrongPassphrase');
    // During the wait even the right current passphrase is refused, and the lock screen waits too.
    expect(await change(first, TEST_PASSPHRASE)).toBe('vault.errors.tooManyAttempts');
    await first.dispatch('vault.lock', {});
    const restarted = session();
    const unlock = await restarted.dispatch('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(unlock.ok ? 'open' : unlock.error.issues?.[0]?.key).toBe('vault.errors.tooManyAttempts');
    now += waitAfter(FREE_ATTEMPTS);
    expect((await restarted.dispatch('vault.unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    // The right passphrase cleared the count: a wrong one is free again, then the change goes through.
    expect(await change(restarted, 'fout')).toBe('vault.errors.wrongPassphrase');
    expect(await change(restarted, TEST_PASSPHRASE)).toBe('changed');
  });
});
