import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../../shared/contract/vault';
import { useContractQuery } from '../data/queries';
import { describeError, fieldErrors } from '../errors';
import { UnlockWait } from './Unlock';
import { useVaultCall } from './vault-calls';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import dialogs from '../components/dialog.module.css';
import styles from './SecurityDialog.module.css';

const IDLE_CHOICES = [5, 15, 30, 60, 120, 0] as const;

/** The top bar's "Beveiliging": lock now, the idle lock's time, change (or set) the passphrase. */
export function SecurityButton() {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className={cx(buttons.button, buttons.buttonSmall)}
        data-testid="security-open"
        onClick={() => dialog.current?.showModal()}
      >
        {t('vault.security.open')}
      </button>
      <dialog
        ref={dialog}
        className={dialogs.dialog}
        aria-label={t('vault.security.title')}
        data-testid="security-dialog"
      >
        <SecurityPanel />
      </dialog>
    </>
  );
}

function SecurityPanel() {
  const { t } = useTranslation();
  const id = useId();
  const status = useContractQuery('vault.status', {}).data ?? null;
  const lock = useVaultCall('vault.lock');
  const idle = useVaultCall('vault.setIdleLock');
  const change = useVaultCall('vault.changePassphrase');
  const [idleSaved, setIdleSaved] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [changed, setChanged] = useState(false);
  const fields = fieldErrors(t, change.error);
  const keyring = status?.backend === 'os-keyring';
  const minutes = status?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChanged(false);
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const done = await change.run(keyring ? { next } : { current, next });
    if (done) {
      setCurrent('');
      setNext('');
      setRepeat('');
      setChanged(true);
    }
  }

  return (
    <>
      <div className={dialogs.dialogHeader}>
        <h2 id={`${id}-title`}>{t('vault.security.title')}</h2>
        <form method="dialog">
          <button
            type="submit"
            className={cx(buttons.button, buttons.buttonSmall)}
            aria-label={t('vault.security.close')}
          >
            ×
          </button>
        </form>
      </div>
      {status?.backend ? (
        <p>{t('vault.security.protectedBy', { method: t(`vault.security.methods.${status.backend}`) })}</p>
      ) : null}
      <section className={styles.securitySection}>
        <div className={forms.formGrid}>
          <label htmlFor={`${id}-idle`}>{t('vault.security.idleLabel')}</label>
          <select
            id={`${id}-idle`}
            value={minutes}
            disabled={idle.busy}
            onChange={(event) => {
              setIdleSaved(false);
              void idle.run({ minutes: Number(event.target.value) }).then((done) => setIdleSaved(Boolean(done)));
            }}
          >
            {IDLE_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice === 0 ? t('vault.security.idleNever') : t('vault.security.idleMinutes', { count: choice })}
              </option>
            ))}
          </select>
        </div>
        {idleSaved ? (
          <p className={cx(layout.small, layout.muted)} role="status">
            {t('vault.security.idleSaved')}
          </p>
        ) : null}
        <div className={buttons.buttonRow}>
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonPrimary)}
            data-testid="security-lock-now"
            disabled={lock.busy}
            onClick={() => void lock.run({})}
          >
            {t('vault.security.lockNow')}
          </button>
        </div>
      </section>
      <section className={styles.securitySection}>
        <form onSubmit={(event) => void submit(event)} data-testid="security-change">
          <h3>{keyring ? t('vault.security.setTitle') : t('vault.security.changeTitle')}</h3>
          {keyring ? <p className={cx(layout.muted, layout.small)}>{t('vault.security.setExplain')}</p> : null}
          <div className={forms.formGrid}>
            {keyring ? null : (
              <>
                <label htmlFor={`${id}-current`}>{t('vault.security.currentLabel')}</label>
                <input
                  id={`${id}-current`}
                  type="password"
                  autoComplete="current-password"
                  value={current}
                  onChange={(event) => setCurrent(event.target.value)}
                  aria-invalid={Boolean(fields.current)}
                />
              </>
            )}
            <label htmlFor={`${id}-next`}>{t('vault.security.newLabel')}</label>
            <input
              id={`${id}-next`}
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(event) => setNext(event.target.value)}
              aria-invalid={Boolean(fields.next)}
            />
            <label htmlFor={`${id}-repeat`}>{t('vault.security.repeatLabel')}</label>
            <input
              id={`${id}-repeat`}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
              aria-invalid={mismatch}
            />
          </div>
          {mismatch ? <p className={cx(alerts.alert, alerts.alertError)}>{t('vault.firstRun.mismatch')}</p> : null}
          {change.error ? (
            <p className={cx(alerts.alert, alerts.alertError)} role="alert">
              {fields.current ?? fields.next ?? describeError(t, change.error)}
            </p>
          ) : null}
          <UnlockWait seconds={status?.unlockWaitSeconds ?? 0} />
          {changed ? (
            <p className={cx(alerts.alert, alerts.alertOk)} role="status">
              {t('vault.security.changed')}
            </p>
          ) : null}
          <div className={buttons.buttonRow}>
            <button type="submit" className={buttons.button} disabled={change.busy}>
              {t('vault.security.change')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
