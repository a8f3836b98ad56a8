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
import styles from './FirstRun.module.css';

/** The first start (or the first start of this version on an unencrypted profile): what is protected, and how. */
export function FirstRun({ status }: { readonly status: VaultStatus }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useVaultCall('vault.create');
  const [method, setMethod] = useState<'os-keyring' | 'passphrase'>(
    status.keyringAvailable ? 'os-keyring' : 'passphrase',
  );
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const fields = fieldErrors(t, create.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (method === 'passphrase' && passphrase !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await create.run(method === 'os-keyring' ? { method } : { method, passphrase });
  }

  return (
    <main className={vault.vaultScreen} aria-labelledby={`${id}-title`}>
      <form className={vault.vaultCard} onSubmit={(event) => void submit(event)} data-testid="vault-first-run">
        <h1 id={`${id}-title`}>{t('vault.firstRun.title')}</h1>
        <p>{t('vault.firstRun.intro')}</p>
        {status.state === 'plaintext' ? (
          <p className={cx(alerts.alert, alerts.alertWarning)}>{t('vault.firstRun.plaintext')}</p>
        ) : null}
        <h2>{t('vault.firstRun.whatTitle')}</h2>
        <ul>
          <li>{t('vault.firstRun.what.database')}</li>
          <li>{t('vault.firstRun.what.files')}</li>
          <li>{t('vault.firstRun.what.duo')}</li>
        </ul>
        <h2>{t('vault.firstRun.howTitle')}</h2>
        <p>{t('vault.firstRun.how')}</p>
        <p className={cx(layout.muted, layout.small)}>
          <strong>{t('vault.firstRun.notTitle')}: </strong>
          {t('vault.firstRun.not')}
        </p>
        <fieldset className={styles.vaultChoice}>
          <legend>{t('vault.firstRun.choose')}</legend>
          {status.keyringAvailable ? (
            <label className={styles.vaultOption}>
              <input
                type="radio"
                name={`${id}-method`}
                checked={method === 'os-keyring'}
                onChange={() => setMethod('os-keyring')}
              />
              <span>
                {t('vault.firstRun.keyring')}
                <span className={cx(layout.muted, layout.small, styles.block)}>{t('vault.firstRun.keyringHint')}</span>
              </span>
            </label>
          ) : (
            <p className={cx(layout.muted, layout.small)} data-testid="vault-no-keyring">
              {t('vault.firstRun.noKeyring')}
            </p>
          )}
          <label className={styles.vaultOption}>
            <input
              type="radio"
              name={`${id}-method`}
              checked={method === 'passphrase'}
              onChange={() => setMethod('passphrase')}
            />
            <span>
              {t('vault.firstRun.passphrase')}
              <span className={cx(layout.muted, layout.small, styles.block)}>{t('vault.firstRun.passphraseHint')}</span>
            </span>
          </label>
        </fieldset>
        {method === 'passphrase' ? (
          <div className={forms.formGrid}>
            <label htmlFor={`${id}-passphrase`}>{t('vault.firstRun.passphraseLabel')}</label>
            <input
              id={`${id}-passphrase`}
              type="password"
              autoComplete="new-password"
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
              aria-invalid={Boolean(fields.passphrase)}
              autoFocus
            />
            <label htmlFor={`${id}-repeat`}>{t('vault.firstRun.repeatLabel')}</label>
            <input
              id={`${id}-repeat`}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(event) => setRepeat(event.target.value)}
              aria-invalid={mismatch}
            />
          </div>
        ) : null}
        {mismatch ? <p className={cx(alerts.alert, alerts.alertError)}>{t('vault.firstRun.mismatch')}</p> : null}
        {create.error ? (
          <p className={cx(alerts.alert, alerts.alertError)} role="alert">
            {fields.passphrase ?? fields.method ?? describeError(t, create.error)}
          </p>
        ) : null}
        <div className={buttons.buttonRow}>
          <button type="submit" className={cx(buttons.button, buttons.buttonPrimary)} disabled={create.busy}>
            {create.busy ? t('vault.firstRun.working') : t('vault.firstRun.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
