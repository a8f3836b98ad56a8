import type { KeyBackend, WrappedKey } from './key-file';
import { DEFAULT_SCRYPT_COST, unwrapWithPassphrase, wrapWithPassphrase, type ScryptCost } from './passphrase';

/**
 * Who wraps and unwraps the profile key. Injected: the desktop app passes the OS keyring
 * (electron/keyring.ts) or a passphrase, the CLI and browser mode a passphrase, tests a
 * passphrase with a small scrypt cost (CI has no keyring).
 */
export interface KeyWrapper {
  readonly backend: KeyBackend;
  wrap(key: Buffer): Promise<WrappedKey>;
  /** The profile key; throws WrongPassphraseError (or the keyring's error) when it cannot. */
  unwrap(wrapped: WrappedKey): Promise<Buffer>;
}

export class WrongBackendError extends Error {
  override readonly name = 'WrongBackendError';
  constructor(
    readonly expected: KeyBackend,
    readonly given: KeyBackend,
  ) {
    super(
      expected === 'os-keyring'
        ? "This profile's key is kept by the operating system's keyring of the desktop app; open it in the desktop app (or set a passphrase there)."
        : "This profile's key is locked with a passphrase; give the passphrase.",
    );
  }
}

export function passphraseWrapper(passphrase: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): KeyWrapper {
  return {
    backend: 'passphrase',
    wrap: (key) => wrapWithPassphrase(key, passphrase, cost),
    unwrap: async (wrapped) => {
      if (wrapped.backend !== 'passphrase') throw new WrongBackendError(wrapped.backend, 'passphrase');
      return unwrapWithPassphrase(wrapped, passphrase);
    },
  };
}
