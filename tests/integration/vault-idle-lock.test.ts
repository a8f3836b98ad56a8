import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../shared/contract/events';
import { ProfileSession } from '../../services/vault/session';
import { TEST_PASSPHRASE, TEST_SCRYPT_COST, tempDir } from '../support/profile';

// The idle lock is kept by the services themselves: with no renderer input at all (a closed tab,
// a frozen window), the profile locks after the configured minutes without a contract call, and
// the `vault` event tells whoever is still listening. Timers are faked; nothing here waits.

const folders: Array<ReturnType<typeof tempDir>> = [];
const sessions: ProfileSession[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  vi.useRealTimers();
  for (const session of sessions.splice(0)) await session.close();
  for (const folder of folders.splice(0)) folder.remove();
});

async function openSession(minutes: number): Promise<{ session: ProfileSession; events: AppEvent[] }> {
  const folder = tempDir('veldwerk-vault-idle-');
  folders.push(folder);
  const session = new ProfileSession({
    profileDir: folder.dir,
    transport: 'http',
    scryptCost: TEST_SCRYPT_COST,
    backgroundSync: false,
  });
  sessions.push(session);
  const events: AppEvent[] = [];
  session.events.subscribe((event) => events.push(event));
  expect((await session.dispatch('vault.create', { method: 'passphrase', passphrase: TEST_PASSPHRASE })).ok).toBe(true);
  expect((await session.dispatch('vault.setIdleLock', { minutes })).ok).toBe(true);
  events.length = 0;
  return { session, events };
}

/** Lets the lock that a timer started finish (it closes the services asynchronously). */
async function settle(session: ProfileSession, state: string): Promise<void> {
  for (let round = 0; round < 200 && session.status().state !== state; round += 1)
    await new Promise((resolve) => setImmediate(resolve));
}

describe('the services’ own idle lock', () => {
  it('locks after the idle minutes without a call, and every call starts them again', async () => {
    const { session, events } = await openSession(1);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(session.status().state).toBe('open');
    // A contract call is activity.
    expect((await session.dispatch('campaigns.list', {})).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(session.status().state).toBe('open');
    // A status read is not (a lock screen may ask it at any time).
    await session.dispatch('vault.status', {});
    await vi.advanceTimersByTimeAsync(11_000);
    await settle(session, 'locked');
    expect(session.status().state).toBe('locked');
    expect(events).toContainEqual({ type: 'local', topic: 'vault', campaign: null });
    const refused = await session.dispatch('campaigns.list', {});
    expect(refused.ok ? 'open' : refused.error.issues?.[0]?.key).toBe('vault.errors.locked');
    // Unlocked again, the timer runs again.
    expect((await session.dispatch('vault.unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(61_000);
    await settle(session, 'locked');
    expect(session.status().state).toBe('locked');
  });

  it('never locks by itself with 0 minutes', async () => {
    const { session, events } = await openSession(0);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    await settle(session, 'locked');
    expect(session.status().state).toBe('open');
    expect(events.filter((event) => event.type === 'local' && event.topic === 'vault')).toEqual([]);
  });
});
