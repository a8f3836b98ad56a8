import { readKeyFile } from '../../db/crypto/key-file';
import type { Profile } from '../../db/profile';
import type { vaultChannels } from '../../shared/contract/vault';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';

export type VaultHandlers = HandlersOf<typeof vaultChannels>;

/**
 * The vault channels of services started with a key by their caller (startServices in tests and
 * tools): the profile is open and stays so; locking and changing the key are the session's
 * (services/vault/session.ts), which the desktop app and browser mode run.
 */
export function openProfileVaultHandlers(profile: Profile): VaultHandlers {
  const refuse = (): never => {
    throw new ServiceError(
      'FORBIDDEN',
      'This profile was opened with its key by the caller; it cannot be locked here.',
    );
  };
  const status = () => ({
    state: 'open' as const,
    backend: readKeyFile(profile.dir)?.wrapped.backend ?? null,
    keyringAvailable: false,
    idleLockMinutes: 0,
    unlockWaitSeconds: 0,
    profileDir: profile.dir,
  });
  return {
    'vault.status': status,
    'vault.create': refuse,
    'vault.unlock': status,
    'vault.lock': refuse,
    'vault.changePassphrase': refuse,
    'vault.setIdleLock': refuse,
    'vault.startFresh': refuse,
  };
}
