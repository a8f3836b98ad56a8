import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { contractKey } from '../data/invalidation';
import { useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import { restoreUndo, undoStorage } from '../input/undo';
import { autosave, draftStorage } from '../input/useAutosave';
import { base64ToBytes } from '../sync/base64';
import { FirstRun } from './FirstRun';
import { KeyMissing, Unlock } from './Unlock';
import { useIdleLock } from './useIdleLock';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import vault from './vault.module.css';

/**
 * Nothing of the profile shows before it is unlocked: the gate asks vault.status and shows the
 * first-run step, the unlock screen or the app. When the profile locks (idle, "lock now"), every
 * cached answer is dropped from memory, and after an unlock the drafts that were waiting are
 * saved before the first screen reads.
 */
export function VaultGate({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useContractQuery('vault.status', {}, { enabled: api.hasCredentials });
  const state = status.data?.state ?? null;
  const [ready, setReady] = useState(false);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (state === 'open' && !wasOpen.current) {
      wasOpen.current = true;
      // The draft journals open with the profile's draft key, then what waited in them is saved.
      void api
        .invoke('drafts.key', {})
        .then((answer) => {
          if (!answer.ok) return;
          const key = base64ToBytes(answer.value.key);
          draftStorage.unlockWith(key);
          undoStorage.unlockWith(key);
          key.fill(0);
          restoreUndo();
        })
        .then(() => autosave.replay())
        .finally(() => setReady(true));
    }
    if (state !== null && state !== 'open' && wasOpen.current) {
      wasOpen.current = false;
      setReady(false);
      draftStorage.forget();
      undoStorage.forget();
      // What the screens had read stays out of memory while locked; only the status is kept.
      const keep = status.data;
      queryClient.clear();
      if (keep) queryClient.setQueryData(contractKey('vault.status', {}), keep);
    }
  }, [state, queryClient, status.data]);

  useIdleLock(state === 'open' ? (status.data?.idleLockMinutes ?? 0) : 0);

  if (!api.hasCredentials) return <>{children}</>;
  if (status.error)
    return (
      <main className={vault.vaultScreen}>
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, status.error.error)}</p>
      </main>
    );
  if (!status.data) return <main className={vault.vaultScreen} aria-busy="true" />;
  const data = status.data;
  if (data.state === 'new' || data.state === 'plaintext') return <FirstRun status={data} />;
  if (data.state === 'locked') return <Unlock status={data} />;
  if (data.state === 'key-missing') return <KeyMissing status={data} />;
  return ready ? <>{children}</> : <main className={vault.vaultScreen} aria-busy="true" />;
}
