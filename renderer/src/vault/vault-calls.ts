import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { InputOf } from '../../../shared/contract/channels';
import type { ContractError } from '../../../shared/contract/result';
import type { VaultStatus } from '../../../shared/contract/vault';
import { api } from '../api';
import { contractKey } from '../data/invalidation';

type VaultCall =
  'vault.create' | 'vault.unlock' | 'vault.lock' | 'vault.changePassphrase' | 'vault.setIdleLock' | 'vault.startFresh';

/**
 * One vault call with its busy flag and refusal; on success the vault's status query is set to
 * the answer at once (the `vault` event refreshes it too).
 */
export function useVaultCall<C extends VaultCall>(channel: C) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const run = async (payload: InputOf<C>): Promise<VaultStatus | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.invoke(channel, payload);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      const status = result.value as VaultStatus;
      queryClient.setQueryData(contractKey('vault.status', {}), status);
      return status;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clear: () => setError(null) };
}
