import { z } from 'zod';
import { channel, empty } from './define';

/**
 * The profile's lock (issue 12): the profile is encrypted; before it opens its key must be
 * unwrapped by the OS keyring (desktop app) or a passphrase. These channels answer while the
 * profile is locked; every other channel refuses until it is open.
 *
 * - `new`: no profile yet; `plaintext`: a profile of an older version, not encrypted yet. Both
 *   need the first-run choice (vault.create), after which the profile is made or encrypted.
 * - `locked`: unlock with the passphrase or the OS keyring (vault.unlock).
 * - `open`: in use; vault.lock closes it and forgets the key.
 * - `key-missing`: encrypted, but its key file is gone: only a fresh profile helps.
 */
export const VAULT_STATES = ['new', 'plaintext', 'locked', 'open', 'key-missing'] as const;
export type VaultState = (typeof VAULT_STATES)[number];
export type VaultBackend = 'passphrase' | 'os-keyring';

export const MIN_PASSPHRASE_CHARS = 8;
export const MAX_IDLE_LOCK_MINUTES = 480;
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export interface VaultStatus {
  readonly state: VaultState;
  /** How the key is wrapped (null while there is no key yet). */
  readonly backend: VaultBackend | null;
  /** Whether this app can keep the key in the OS keyring (desktop app with a real keyring). */
  readonly keyringAvailable: boolean;
  /** Lock after this many minutes without input; 0 = never. */
  readonly idleLockMinutes: number;
  /** After too many wrong passphrases in a row: seconds until the next try is taken (0: now). */
  readonly unlockWaitSeconds: number;
  readonly profileDir: string;
}

const newPassphrase = z
  .string()
  .max(1024)
  .refine((value) => [...value].length >= MIN_PASSPHRASE_CHARS, { message: 'vault.errors.tooShort' });

export const vaultChannels = {
  'vault.status': channel<VaultStatus>()(empty),
  'vault.create': channel<VaultStatus>()(
    z.discriminatedUnion('method', [
      z.object({ method: z.literal('passphrase'), passphrase: newPassphrase }).strict(),
      z.object({ method: z.literal('os-keyring') }).strict(),
    ]),
  ),
  'vault.unlock': channel<VaultStatus>()(z.object({ passphrase: z.string().max(1024).optional() }).strict()),
  'vault.lock': channel<VaultStatus>()(empty),
  /** From a passphrase to another, or from the OS keyring to a passphrase (`current` is then not needed). */
  'vault.changePassphrase': channel<VaultStatus>()(
    z.object({ current: z.string().max(1024).optional(), next: newPassphrase }).strict(),
  ),
  'vault.setIdleLock': channel<VaultStatus>()(
    z.object({ minutes: z.number().int().min(0).max(MAX_IDLE_LOCK_MINUTES) }).strict(),
  ),
  /**
   * "I forgot it": the profile cannot be opened without its key, so it is set aside (renamed,
   * never deleted: a remembered passphrase still opens it) and a new empty one takes its place,
   * to be synced from the server.
   */
  'vault.startFresh': channel<VaultStatus>()(z.object({ confirm: z.literal(true) }).strict()),
} as const;
