import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { readKeyFile } from '../../db/crypto/key-file';
import { readAttempts, recordFailure, resetAttempts } from './attempts';
import { DEFAULT_SCRYPT_COST, WrongPassphraseError, type ScryptCost } from '../../db/crypto/passphrase';
import { obtainProfileKey, profileKeyState, rewrapProfileKey } from '../../db/crypto/vault';
import { passphraseWrapper, WrongBackendError, type KeyWrapper } from '../../db/crypto/wrappers';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract/channels';
import type { AppEvent } from '../../shared/contract/events';
import type { VaultStatus } from '../../shared/contract/vault';
import { createDispatch, type Dispatch } from '../dispatch';
import { ServiceError } from '../errors';
import type { Handler, Handlers } from '../handler';
import { startServices, type Services, type StartServicesOptions } from '../runtime';
import { APP_VERSION } from '../version';
import type { VaultHandlers } from './handlers';
import { readIdleLockMinutes, writeIdleLockMinutes } from './settings';

export interface ProfileSessionOptions extends Omit<StartServicesOptions, 'key'> {
  /** The OS keyring (the desktop app's safeStorage, electron/keyring.ts), or null where there is none. */
  readonly keyring?: KeyWrapper | null;
  /** scrypt's cost for passphrases set in this session (tests lower it; the cost is kept in the key file). */
  readonly scryptCost?: ScryptCost;
  /** The clock of the unlock back-off (tests move it). */
  readonly now?: () => number;
}

type Listener = (event: AppEvent) => void;

function tooManyAttempts(path: string): ServiceError {
  return new ServiceError('FORBIDDEN', 'Too many wrong passphrases: wait a little, then try again.', [
    { path, message: 'Too many wrong passphrases', key: 'vault.errors.tooManyAttempts' },
  ]);
}

function wrongPassphrase(error: WrongPassphraseError): ServiceError {
  return new ServiceError('INVALID_INPUT', error.message, [
    { path: 'passphrase', message: error.message, key: 'vault.errors.wrongPassphrase' },
  ]);
}

/**
 * The desktop app's and browser mode's hold on a profile: locked until its key is unwrapped
 * (first run: made), open with its services while unlocked, locked again on request (the UI's
 * idle lock), which closes the database and forgets the key. The transports talk to `dispatch`
 * and `events`, which outlive every lock and unlock. Vault calls run one at a time.
 */
export class ProfileSession {
  private services: Services | null = null;
  private detach: (() => void) | null = null;
  private readonly listeners = new Set<Listener>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The services' own idle lock (below): its timer, its minutes while open, and calls in flight. */
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private idleMinutes = 0;
  private inFlight = 0;
  readonly dispatch: Dispatch;
  readonly profileDir: string;

  constructor(private readonly options: ProfileSessionOptions) {
    this.profileDir = path.resolve(options.profileDir);
    const locked = createDispatch(this.lockedHandlers(), {
      ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
    });
    const route: Dispatch = async (channel, payload) => {
      if (typeof channel === 'string' && channel.startsWith('vault.')) return locked(channel, payload);
      return this.services ? this.services.dispatch(channel, payload) : locked(channel, payload);
    };
    this.dispatch = async (channel, payload) => {
      // Every call but a status read is activity: a renderer that is gone or frozen makes none.
      const counts = channel !== 'vault.status' && channel !== 'app.info';
      if (counts) this.activity(1);
      try {
        return await route(channel, payload);
      } finally {
        if (counts) this.activity(-1);
      }
    };
  }

  /**
   * The idle lock kept by the services themselves, so that it holds when the renderer's own
   * (renderer/src/vault/useIdleLock.ts, which counts input) cannot: a closed browser tab, a
   * frozen window. It fires `idleLockMinutes` after the last contract call ended (none may be in
   * flight), locks, and the `vault` event tells a renderer that is still there to show the lock.
   */
  private activity(delta: 1 | -1): void {
    this.inFlight = Math.max(0, this.inFlight + delta);
    this.armIdleLock();
  }

  private armIdleLock(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.services || this.idleMinutes <= 0 || this.inFlight > 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.inFlight === 0) void this.lock().catch((error: unknown) => console.error('idle lock failed:', error));
    }, this.idleMinutes * 60_000);
    this.idleTimer.unref?.();
  }

  /** The open services, or null while locked. */
  get current(): Services | null {
    return this.services;
  }

  readonly events = {
    subscribe: (listener: Listener): (() => void) => {
      this.listeners.add(listener);
      return () => void this.listeners.delete(listener);
    },
  };

  private emit(event: AppEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('event listener failed:', error);
      }
    }
  }

  status(): VaultStatus {
    const state = this.services ? { kind: 'open' as const } : profileKeyState(this.profileDir);
    const backend = readKeyFile(this.profileDir)?.wrapped.backend ?? null;
    return {
      state: state.kind,
      backend,
      keyringAvailable: Boolean(this.options.keyring),
      idleLockMinutes: readIdleLockMinutes(this.profileDir),
      unlockWaitSeconds: Math.max(
        0,
        Math.ceil((readAttempts(this.profileDir).until - (this.options.now?.() ?? Date.now())) / 1000),
      ),
      profileDir: this.profileDir,
    };
  }

  /** Runs vault operations one after the other (two unlocks never open the profile twice). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private changed(): VaultStatus {
    this.emit({ type: 'local', topic: 'vault', campaign: null });
    return this.status();
  }

  /** One more wrong passphrase; the status's wait may have changed, so the screens hear of it. */
  private countFailure(now: number): void {
    recordFailure(this.profileDir, now);
    this.emit({ type: 'local', topic: 'vault', campaign: null });
  }

  private refusedForNow(path: string): ServiceError {
    this.emit({ type: 'local', topic: 'vault', campaign: null });
    return tooManyAttempts(path);
  }

  private passphrase(passphrase: string): KeyWrapper {
    return passphraseWrapper(passphrase, this.options.scryptCost ?? DEFAULT_SCRYPT_COST);
  }

  private keyring(): KeyWrapper {
    if (!this.options.keyring)
      throw new ServiceError('FORBIDDEN', 'This app has no OS keyring here; choose a passphrase.', [
        { path: 'method', message: 'No OS keyring', key: 'vault.errors.noKeyring' },
      ]);
    return this.options.keyring;
  }

  /** Unwraps (or, for a new or plaintext profile, makes) the key and opens the profile's services. */
  unlockWith(wrapper: KeyWrapper): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.services) return this.status();
      const now = this.options.now?.() ?? Date.now();
      // Too many wrong passphrases in a row: wait first (services/vault/attempts.ts), also after a restart.
      if (readAttempts(this.profileDir).until > now) throw this.refusedForNow('passphrase');
      let key: Buffer;
      try {
        key = await obtainProfileKey(this.profileDir, wrapper);
        resetAttempts(this.profileDir);
      } catch (error) {
        if (error instanceof WrongPassphraseError) {
          this.countFailure(now);
          throw wrongPassphrase(error);
        }
        if (error instanceof WrongBackendError) throw new ServiceError('INVALID_INPUT', error.message);
        throw error;
      }
      const { keyring: _keyring, scryptCost: _cost, now: _now, ...start } = this.options;
      let services: Services;
      try {
        services = startServices({ ...start, profileDir: this.profileDir, key });
      } finally {
        key.fill(0);
      }
      this.services = services;
      this.detach = services.events.subscribe((event) => this.emit(event));
      this.idleMinutes = readIdleLockMinutes(this.profileDir);
      this.armIdleLock();
      return this.changed();
    });
  }

  lock(): Promise<VaultStatus> {
    return this.serial(async () => {
      const open = this.services;
      if (!open) return this.status();
      this.services = null;
      this.armIdleLock();
      this.detach?.();
      this.detach = null;
      await open.close();
      return this.changed();
    });
  }

  async close(): Promise<void> {
    await this.lock();
    this.listeners.clear();
  }

  private requireState(allowed: readonly VaultStatus['state'][]): VaultStatus {
    const status = this.status();
    if (!allowed.includes(status.state))
      throw new ServiceError('CONFLICT', `The profile is ${status.state}; this needs ${allowed.join(' or ')}.`);
    return status;
  }

  private vaultHandlers(): VaultHandlers {
    return {
      'vault.status': () => this.status(),
      'vault.create': (input) => {
        this.requireState(['new', 'plaintext']);
        return this.unlockWith(input.method === 'os-keyring' ? this.keyring() : this.passphrase(input.passphrase));
      },
      'vault.unlock': (input) => {
        const status = this.requireState(['locked', 'open']);
        if (status.state === 'open') return status;
        if (status.backend === 'os-keyring') return this.unlockWith(this.keyring());
        if (input.passphrase === undefined)
          throw new ServiceError('INVALID_INPUT', 'Give the passphrase.', [
            { path: 'passphrase', message: 'Give the passphrase.', key: 'vault.errors.passphraseNeeded' },
          ]);
        return this.unlockWith(this.passphrase(input.passphrase));
      },
      'vault.lock': () => this.lock(),
      'vault.changePassphrase': (input) =>
        this.serial(async () => {
          const status = this.requireState(['open']);
          const keyFile = readKeyFile(this.profileDir);
          if (!keyFile) throw new ServiceError('CONFLICT', 'The profile has no key file.');
          let key: Buffer;
          const now = this.options.now?.() ?? Date.now();
          // The same limit as the unlock screen, one count for both: an unlocked laptop is no
          // place to guess the passphrase either (it may open other things, or a copy of the disk).
          if (status.backend !== 'os-keyring' && readAttempts(this.profileDir).until > now)
            throw this.refusedForNow('current');
          try {
            // Asked again even while open: whoever sits at an unlocked laptop cannot change it alone.
            if (status.backend === 'os-keyring') key = await this.keyring().unwrap(keyFile.wrapped);
            else {
              key = await this.passphrase(input.current ?? '').unwrap(keyFile.wrapped);
              resetAttempts(this.profileDir);
            }
          } catch (error) {
            if (error instanceof WrongPassphraseError) {
              this.countFailure(now);
              const refused = wrongPassphrase(error);
              throw new ServiceError(refused.code, refused.message, [
                { path: 'current', message: error.message, key: 'vault.errors.wrongPassphrase' },
              ]);
            }
            throw error;
          }
          try {
            await rewrapProfileKey(this.profileDir, key, this.passphrase(input.next));
          } finally {
            key.fill(0);
          }
          return this.changed();
        }),
      'vault.setIdleLock': (input) => {
        writeIdleLockMinutes(this.profileDir, input.minutes);
        this.idleMinutes = input.minutes;
        this.armIdleLock();
        return this.changed();
      },
      'vault.startFresh': () =>
        this.serial(async () => {
          this.requireState(['locked', 'key-missing']);
          const stamp = new Date().toISOString().replace(/[:.]/g, '-');
          const aside = `${this.profileDir}.forgotten-${stamp}`;
          if (existsSync(this.profileDir)) renameSync(this.profileDir, aside);
          return this.changed();
        }),
    };
  }

  private lockedHandlers(): Handlers {
    const refuse = (): never => {
      throw new ServiceError('FORBIDDEN', 'The profile is locked: unlock it first.', [
        { path: '', message: 'The profile is locked', key: 'vault.errors.locked' },
      ]);
    };
    const all = Object.fromEntries(CHANNEL_NAMES.map((name) => [name, refuse])) as unknown as Record<
      ChannelName,
      Handler<ChannelName>
    >;
    return {
      ...all,
      'app.info': () => ({
        version: APP_VERSION,
        profileDir: this.profileDir,
        transport: this.options.transport,
      }),
      ...this.vaultHandlers(),
    } as Handlers;
  }
}
