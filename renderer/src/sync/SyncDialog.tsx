import { forwardRef, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';
import { indicatorState } from '../../../shared/sync/indicator';
import { describeError, fieldErrors, reasonText } from '../errors';
import { DuoExchange } from './DuoExchange';
import { LanExchange } from './LanExchange';
import { SetAsideNotice } from './SetAsideNotice';
import { useSyncStatus } from '../data/sync';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import dialogs from '../components/dialog.module.css';
import sync from './sync.module.css';
import styles from './SyncDialog.module.css';

/** Synchronisation settings: the central server (connect, status, sync now), the duo over the local network, and the duo exchange by file. */
export const SyncDialog = forwardRef<HTMLDialogElement>(function SyncDialog(_props, ref) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <dialog ref={ref} className={dialogs.dialog} aria-labelledby={`${id}-title`}>
      <div className={dialogs.dialogHeader}>
        <h2 id={`${id}-title`}>{t('sync.dialog.title')}</h2>
        <form method="dialog">
          <button type="submit" className={cx(buttons.button, buttons.buttonSmall)} aria-label={t('sync.dialog.close')}>
            ×
          </button>
        </form>
      </div>
      <SetAsideNotice />
      <ServerSection />
      <LanExchange />
      <DuoExchange />
    </dialog>
  );
});

function ServerSection() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { status, show } = useSyncStatus();
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(t, error);

  async function run(
    action: Promise<{ ok: true; value: NonNullable<typeof status> } | { ok: false; error: ContractError }>,
  ) {
    setBusy(true);
    const result = await action;
    setBusy(false);
    if (result.ok) {
      show(result.value);
      setError(null);
      setPassword('');
    } else setError(result.error);
  }

  function connect(event: FormEvent) {
    event.preventDefault();
    void run(api.invoke('sync.connect', { serverUrl, email, password }));
  }

  const connected = status !== null && status.state !== 'not-configured';
  const formatTime = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(ms);

  return (
    <section className={dialogs.dialogSection} aria-labelledby={`${id}-server`}>
      <h3 id={`${id}-server`}>{t('sync.server.title')}</h3>
      {connected && status ? (
        <div className={styles.syncDetails} data-testid="sync-details">
          <p>{t('sync.server.connectedAs', { email: status.email ?? '', url: status.serverUrl ?? '' })}</p>
          <p className={sync[`sync-${status.state}`]}>
            <span className={sync.syncDot} aria-hidden="true" /> {t(`sync.indicator.${indicatorState(status)}`)}
            {status.reason || status.reasonCode
              ? ` ${t('sync.server.reason', { reason: reasonText(t, status.reasonCode, status.reason) })}`
              : ''}
          </p>
          {status.state === 'syncing' && status.progress ? (
            <progress
              max={status.progress.total ?? undefined}
              value={status.progress.done}
              aria-label={t(`sync.phase.${status.progress.phase}`)}
            />
          ) : null}
          {status.lastSyncAt ? (
            <p className={cx(layout.muted, layout.small)}>
              {t('sync.server.lastSync', { time: formatTime(status.lastSyncAt) })}
            </p>
          ) : null}
          {status.nextAttemptAt ? (
            <p className={cx(layout.muted, layout.small)}>
              {t('sync.server.nextAttempt', { time: formatTime(status.nextAttemptAt) })}
            </p>
          ) : null}
          <p className={cx(layout.muted, layout.small)}>
            {t('sync.indicator.pending', { count: status.pendingChanges })}
          </p>
          <div className={buttons.buttonRow}>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonPrimary)}
              disabled={busy}
              onClick={() => void run(api.invoke('sync.now', {}))}
            >
              {t('sync.server.syncNow')}
            </button>
            <button
              type="button"
              className={buttons.button}
              disabled={busy}
              onClick={() => void run(api.invoke('sync.disconnect', {}))}
            >
              {t('sync.server.disconnect')}
            </button>
          </div>
        </div>
      ) : (
        <form className={forms.form} onSubmit={connect} noValidate>
          <p className={cx(layout.muted, layout.small)}>{t('sync.server.explain')}</p>
          <div className={forms.field}>
            <label htmlFor={`${id}-url`}>{t('sync.server.url')}</label>
            <input
              id={`${id}-url`}
              value={serverUrl}
              onChange={(event) => setServerUrl(event.target.value)}
              placeholder="https://veldwerk.example.be"
              aria-invalid={fields.serverUrl ? true : undefined}
            />
            {fields.serverUrl ? <p className={forms.fieldError}>{fields.serverUrl}</p> : null}
          </div>
          <div className={forms.field}>
            <label htmlFor={`${id}-email`}>{t('sync.server.email')}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={fields.email ? true : undefined}
            />
            {fields.email ? <p className={forms.fieldError}>{fields.email}</p> : null}
          </div>
          <div className={forms.field}>
            <label htmlFor={`${id}-password`}>{t('sync.server.password')}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={fields.password ? true : undefined}
            />
            {fields.password ? <p className={forms.fieldError}>{fields.password}</p> : null}
          </div>
          {error && error.code !== 'INVALID_INPUT' ? (
            <p className={cx(alerts.alert, alerts.alertError)} role="alert">
              {t('sync.server.connectFailed')} {describeError(t, error)}
            </p>
          ) : null}
          <button type="submit" className={cx(buttons.button, buttons.buttonPrimary)} disabled={busy}>
            {busy ? t('sync.server.connecting') : t('sync.server.connect')}
          </button>
        </form>
      )}
      {error && connected ? <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, error)}</p> : null}
    </section>
  );
}
