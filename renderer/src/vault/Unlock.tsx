import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../shared/contract/vault';
import { describeError, fieldErrors } from '../errors';
import { useVaultCall } from './vault-calls';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import vault from './vault.module.css';
import styles from './Unlock.module.css';

/** After too many wrong passphrases: how long until the next try (rounded up to whole minutes). */
export function UnlockWait({ seconds }: { readonly seconds: number }) {
  const { t } = useTranslation();
  if (seconds <= 0) return null;
  return (
    <p className={cx(alerts.alert, alerts.alertWarning)} role="status" data-testid="vault-wait">
      {t('vault.unlock.wait', { count: Math.ceil(seconds / 60) })}
    </p>
  );
}

/** The lock screen: the passphrase (or the OS login), and the honest way out for a forgotten passphrase. */
export function Unlock({ status }: { readonly status: VaultStatus }) {
  const { t } = useTranslation();
  const id = useId();
  const unlock = useVaultCall('vault.unlock');
  const [passphrase, setPassphrase] = useState('');
  const [forgot, setForgot] = useState(false);
  const fields = fieldErrors(t, unlock.error);
  const keyring = status.backend === 'os-keyring';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const opened = await unlock.run(keyring ? {} : { passphrase });
    if (!opened) setPassphrase('');
  }

  if (forgot) return <Forgot status={status} onBack={() => setForgot(false)} />;
  return (
    <main className={vault.vaultScreen} aria-labelledby={`${id}-title`}>
      <form
        className={cx(vault.vaultCard, styles.vaultCardNarrow)}
        onSubmit={(event) => void submit(event)}
        data-testid="vault-unlock"
      >
        <h1 id={`${id}-title`}>{t('vault.unlock.title')}</h1>
        <p>{keyring ? t('vault.unlock.explainKeyring') : t('vault.unlock.explainPassphrase')}</p>
        {keyring ? null : (
          <div className={forms.formGrid}>
            <label htmlFor={`${id}-passphrase`}>{t('vault.unlock.passphraseLabel')}</label>
            <input
              id={`${id}-passphrase`}
              type="password"
              autoComplete="current-password"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
              aria-invalid={Boolean(fields.passphrase)}
              autoFocus
            />
          </div>
        )}
        {unlock.error ? (
          <p className={cx(alerts.alert, alerts.alertError)} role="alert">
            {fields.passphrase ?? describeError(t, unlock.error)}
          </p>
        ) : null}
        <UnlockWait seconds={status.unlockWaitSeconds} />
        <div className={buttons.buttonRow}>
          <button type="submit" className={cx(buttons.button, buttons.buttonPrimary)} disabled={unlock.busy}>
            {unlock.busy
              ? t('vault.unlock.working')
              : keyring
                ? t('vault.unlock.keyringSubmit')
                : t('vault.unlock.submit')}
          </button>
          {keyring ? null : (
            <button type="button" className={cx(buttons.button, buttons.buttonLink)} onClick={() => setForgot(true)}>
              {t('vault.unlock.forgot')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}

/** "I forgot it": what is true, and the one thing that helps: a fresh profile synced from the server. */
function Forgot({ status, onBack }: { readonly status: VaultStatus; readonly onBack?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const fresh = useVaultCall('vault.startFresh');
  return (
    <main className={vault.vaultScreen} aria-labelledby={`${id}-title`}>
      <section className={cx(vault.vaultCard, styles.vaultCardNarrow)} data-testid="vault-forgot">
        <h1 id={`${id}-title`}>{t('vault.forgot.title')}</h1>
        <p>{t('vault.forgot.explain')}</p>
        <p>{t('vault.forgot.answer')}</p>
        <p className={cx(layout.muted, layout.small)}>{t('vault.forgot.kept', { dir: status.profileDir })}</p>
        {fresh.error ? (
          <p className={cx(alerts.alert, alerts.alertError)} role="alert">
            {describeError(t, fresh.error)}
          </p>
        ) : null}
        <div className={buttons.buttonRow}>
          <button
            type="button"
            className={buttons.button}
            disabled={fresh.busy}
            onClick={() => void fresh.run({ confirm: true })}
          >
            {t('vault.forgot.confirm')}
          </button>
          {onBack ? (
            <button type="button" className={buttons.button} onClick={onBack}>
              {t('vault.forgot.cancel')}
            </button>
          ) : null}
        </div>
      </section>
    </main>
  );
}

/** An encrypted profile without its key file: only a fresh profile helps. */
export function KeyMissing({ status }: { readonly status: VaultStatus }) {
  const { t } = useTranslation();
  return (
    <>
      <p className={cx(alerts.alert, alerts.alertError, styles.vaultBanner)}>
        <strong>{t('vault.keyMissing.title')}. </strong>
        {t('vault.keyMissing.explain', { dir: status.profileDir })}
      </p>
      <Forgot status={status} />
    </>
  );
}
