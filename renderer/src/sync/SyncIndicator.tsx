import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SyncDialog } from './SyncDialog';
import { useSyncStatus } from '../data/sync';
import { indicatorState } from '../../../shared/sync/indicator';
import { reasonText } from '../errors';
import sync from './sync.module.css';
import styles from './SyncIndicator.module.css';
import { cx } from '../components/cx';

/**
 * The sync indicator of the top bar: offline / syncing with progress / up to date / error with
 * the reason. Nothing on any screen waits for it; it only tells where the laptop stands.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  // Told of every change of state (no polling): see useSyncStatus.
  const { status } = useSyncStatus();
  const dialog = useRef<HTMLDialogElement>(null);

  const state = status?.state ?? 'not-configured';
  const time = status?.lastSyncAt
    ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(status.lastSyncAt)
    : null;
  const label =
    state === 'syncing' && status?.progress
      ? t('sync.indicator.syncingProgress', {
          phase: t(`sync.phase.${status.progress.phase}`),
          done: status.progress.done,
          total: status.progress.total ?? '?',
        })
      : indicatorState(status) === 'waiting'
        ? t('sync.indicator.waiting')
        : state === 'up-to-date' && time
          ? t('sync.indicator.upToDateAt', { time })
          : t(`sync.indicator.${state}`);

  return (
    <>
      <button
        type="button"
        className={cx(styles.syncIndicator, sync[`sync-${state}`])}
        data-testid="sync-indicator"
        onClick={() => dialog.current?.showModal()}
        title={status?.reason || status?.reasonCode ? reasonText(t, status.reasonCode, status.reason) : undefined}
      >
        <span className={sync.syncDot} aria-hidden="true" />
        <span>{label}</span>
        {status && status.pendingChanges > 0 && state !== 'not-configured' ? (
          <span className={styles.syncPending}>{t('sync.indicator.pending', { count: status.pendingChanges })}</span>
        ) : null}
      </button>
      <SyncDialog ref={dialog} />
    </>
  );
}
