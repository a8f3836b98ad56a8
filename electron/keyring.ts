// The OS keyring for the profile key: Electron's safeStorage, its asynchronous API (the
// synchronous one is going away). Thin on purpose: the wrapping rules live in db/crypto/.
import { safeStorage, systemPreferences } from 'electron';
import type { WrappedKey } from '../db/crypto/key-file';
import { WrongBackendError, type KeyWrapper } from '../db/crypto/wrappers';

/** Which keyring safeStorage uses here: the Linux backend's name, else the platform's. */
function keyringName(): string {
  return process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform;
}

/**
 * The OS keyring as a key wrapper, or null where the OS has none worth the name: on Linux without
 * a secret service safeStorage falls back to `basic_text`, a hard-coded password, which protects
 * nothing; there the user chooses a passphrase instead. On macOS an unlock first asks for Touch ID
 * where the Mac has it (the lock's "OS login").
 */
export async function osKeyring(): Promise<KeyWrapper | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  if (process.platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend()))
    return null;
  return {
    backend: 'os-keyring',
    wrap: async (key): Promise<WrappedKey> => ({
      backend: 'os-keyring',
      keyring: keyringName(),
      data: (await safeStorage.encryptStringAsync(key.toString('base64'))).toString('base64'),
    }),
    unwrap: async (wrapped) => {
      if (wrapped.backend !== 'os-keyring') throw new WrongBackendError(wrapped.backend, 'os-keyring');
      if (process.platform === 'darwin' && systemPreferences.canPromptTouchID())
        await systemPreferences.promptTouchID('open your Veldwerk profile');
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(wrapped.data, 'base64'));
      return Buffer.from(result, 'base64');
    },
  };
}
