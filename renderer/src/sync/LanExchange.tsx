import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { LanOutcomeView, LanView, ServerCheck } from '../../../shared/contract/lan';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';
import { useContractQuery } from '../data/queries';
import { describeError, fieldErrors } from '../errors';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import { cx } from '../components/cx';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './LanExchange.module.css';

/**
 * The duo dialog's network part (services/lan/controller.ts): become visible and search, pair
 * with a laptop found nearby (or at a typed address) by comparing a code, then sync. Listening
 * stops with "Stop" and when the dialog closes; the services end it after a time limit anyway.
 */
export function LanExchange() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const view = useContractQuery('lan.status', {}).data ?? null;
  const [address, setAddress] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const fields = fieldErrors(t, error);

  // Closing the dialog ends listening and announcing.
  useEffect(() => {
    const dialog = sectionRef.current?.closest('dialog');
    if (!dialog) return;
    const onClose = () => void api.invoke('lan.close', {});
    dialog.addEventListener('close', onClose);
    return () => dialog.removeEventListener('close', onClose);
  }, []);

  async function run(action: Promise<{ ok: true } | { ok: false; error: ContractError }>) {
    const result = await action;
    setError(result.ok ? null : result.error);
  }

  function connectTyped(event: FormEvent, mode: 'pair' | 'sync') {
    event.preventDefault();
    void run(api.invoke('lan.connect', { mode, to: { address } }));
  }

  const time = (ms: number) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(ms);
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));
  const busy = view?.session !== null && view?.session !== undefined;

  return (
    <section ref={sectionRef} className={styles.section} aria-labelledby={`${id}-lan`} data-testid="lan-exchange">
      <h3 id={`${id}-lan`}>{t('lan.title')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('lan.explain')}</p>
      {view ? (
        <p className={layout.small} data-testid="lan-own">
          {t('lan.thisLaptop', { fingerprint: view.fingerprintShort })}
        </p>
      ) : null}
      {view?.listening ? (
        <div className={styles.row}>
          <p className={layout.small} data-testid="lan-listening">
            {t('lan.listening', {
              address: `${view.listening.host}:${view.listening.port}`,
              time: time(view.listening.until),
            })}
          </p>
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            onClick={() => void run(api.invoke('lan.close', {}))}
          >
            {t('lan.stop')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonPrimary)}
          onClick={() => void run(api.invoke('lan.open', {}))}
        >
          {t('lan.start')}
        </button>
      )}

      {view?.pairing ? (
        <CodeCheck view={view} onAnswer={(accepted) => void run(api.invoke('lan.confirm', { accepted }))} />
      ) : null}

      {view?.session && !view.pairing ? (
        <div className={styles.progress} role="status" data-testid="lan-progress">
          <progress
            max={Math.max(view.session.total, 1)}
            value={view.session.done}
            aria-label={t(`lan.phase.${view.session.phase}`)}
          />
          <span className={cx(layout.small, layout.muted)}>{t(`lan.phase.${view.session.phase}`)}</span>
        </div>
      ) : null}

      {view?.last && !view.session ? <Outcome t={t} outcome={view.last} /> : null}
      {error && error.code !== 'INVALID_INPUT' ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {describeError(t, error)}
        </p>
      ) : null}

      {view?.open ? (
        <>
          <h4 className={styles.subtitle}>{t('lan.nearbyTitle')}</h4>
          {view.nearby.length === 0 ? (
            <p className={cx(layout.muted, layout.small)}>{t('lan.nearbyEmpty')}</p>
          ) : (
            <ul className={styles.list} aria-label={t('lan.nearbyTitle')}>
              {view.nearby.map((found) => (
                <li key={found.fingerprint} className={styles.item}>
                  <div>
                    <strong>{t('lan.laptop', { fingerprint: found.fingerprintShort })}</strong>{' '}
                    <span className={found.paired ? styles.paired : styles.unpaired}>
                      {found.paired
                        ? found.name
                          ? t('lan.pairedWith', { name: found.name })
                          : t('lan.paired')
                        : t('lan.notPaired')}
                    </span>
                    <ServerLine t={t} check={found.server} />
                  </div>
                  <button
                    type="button"
                    className={cx(buttons.button, found.paired && buttons.buttonPrimary)}
                    disabled={busy}
                    aria-label={t(found.paired ? 'lan.syncWith' : 'lan.pairWith', {
                      fingerprint: found.fingerprintShort,
                    })}
                    onClick={() =>
                      void run(
                        api.invoke('lan.connect', {
                          mode: found.paired ? 'sync' : 'pair',
                          to: { fingerprint: found.fingerprint },
                        }),
                      )
                    }
                  >
                    {t(found.paired ? 'lan.sync' : 'lan.pair')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form className={forms.form} onSubmit={(event) => connectTyped(event, 'sync')} noValidate>
            <div className={forms.field}>
              <label htmlFor={`${id}-address`}>{t('lan.addressLabel')}</label>
              <input
                id={`${id}-address`}
                value={address}
                inputMode="url"
                placeholder="192.168.1.20:45123"
                onChange={(event) => setAddress(event.target.value)}
                aria-invalid={fields['to.address'] ? true : undefined}
                aria-describedby={`${id}-address-hint`}
              />
              <p id={`${id}-address-hint`} className={cx(layout.muted, layout.small)}>
                {t('lan.addressHint')}
              </p>
              {fields['to.address'] ? <p className={forms.fieldError}>{fields['to.address']}</p> : null}
            </div>
            <div className={buttons.buttonRow}>
              <button
                type="button"
                className={buttons.button}
                disabled={busy}
                onClick={(event) => connectTyped(event, 'pair')}
              >
                {t('lan.pair')}
              </button>
              <button type="submit" className={buttons.button} disabled={busy}>
                {t('lan.sync')}
              </button>
            </div>
          </form>
        </>
      ) : null}

      {view && view.partners.length > 0 ? (
        <>
          <h4 className={styles.subtitle}>{t('lan.partnersTitle')}</h4>
          <ul className={styles.list} aria-label={t('lan.partnersTitle')}>
            {view.partners.map((partner) => (
              <li key={partner.fingerprint} className={styles.item}>
                <span className={layout.small}>
                  {partner.name
                    ? t('lan.partnerLineNamed', {
                        name: partner.name,
                        fingerprint: partner.fingerprintShort,
                        date: date(partner.pairedAt),
                      })
                    : t('lan.partnerLine', { fingerprint: partner.fingerprintShort, date: date(partner.pairedAt) })}
                </span>
                <button
                  type="button"
                  className={cx(buttons.button, buttons.buttonSmall)}
                  aria-label={t('lan.forgetLabel', { fingerprint: partner.fingerprintShort })}
                  onClick={() => void run(api.invoke('lan.forget', { fingerprint: partner.fingerprint }))}
                >
                  {t('lan.forget')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ServerLine({ t, check }: { t: TFunction; check: ServerCheck }) {
  if (check.state === 'known') return <p className={layout.small}>{t('lan.server.known', { email: check.email })}</p>;
  if (check.state === 'unknown') return <p className={cx(layout.small, styles.warning)}>{t('lan.server.unknown')}</p>;
  return <p className={cx(layout.muted, layout.small)}>{t('lan.server.notChecked')}</p>;
}

/** The code both screens show; the person compares and answers. */
function CodeCheck({ view, onAnswer }: { view: LanView; onAnswer: (accepted: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const pairing = view.pairing;
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    yes.current?.scrollIntoView?.({ block: 'nearest' });
  }, [pairing?.code]);
  if (!pairing) return null;
  return (
    <div className={styles.code} role="group" aria-labelledby={`${id}-code`} data-testid="lan-code">
      <h4 id={`${id}-code`} className={styles.subtitle}>
        {t('lan.code.title')}
      </h4>
      <p className={styles.digits} aria-live="polite">
        {`${pairing.code.slice(0, 3)} ${pairing.code.slice(3)}`}
      </p>
      <p className={layout.small}>{t('lan.code.question')}</p>
      <p className={cx(layout.muted, layout.small)}>
        {t('lan.code.peer', { fingerprint: pairing.peerFingerprintShort })}
      </p>
      <ServerLine t={t} check={pairing.server} />
      <div className={buttons.buttonRow}>
        <button
          ref={yes}
          type="button"
          className={cx(buttons.button, buttons.buttonPrimary)}
          onClick={() => onAnswer(true)}
        >
          {t('lan.code.yes')}
        </button>
        <button type="button" className={buttons.button} onClick={() => onAnswer(false)}>
          {t('lan.code.no')}
        </button>
      </div>
    </div>
  );
}

function Outcome({ t, outcome }: { t: TFunction; outcome: LanOutcomeView }) {
  if (!outcome.ok)
    return (
      <p className={cx(alerts.alert, alerts.alertError)} role="alert" data-testid="lan-outcome">
        {t('lan.outcome.failed')} {t(`lan.reasons.${outcome.reason}`)}
      </p>
    );
  const parts =
    outcome.mode === 'pair'
      ? [t('lan.outcome.paired', { fingerprint: outcome.peerFingerprintShort })]
      : [
          t('lan.outcome.synced', { fingerprint: outcome.peerFingerprintShort }),
          ...(outcome.received
            ? [t('lan.outcome.received', { count: outcome.received.count, applied: outcome.received.applied })]
            : []),
          ...(outcome.sent
            ? [t('lan.outcome.sent', { count: outcome.sent.count, applied: outcome.sent.applied })]
            : []),
          ...(outcome.received && outcome.received.resumedFrom > 0 ? [t('lan.outcome.resumed')] : []),
        ];
  return (
    <p className={cx(alerts.alert, styles.ok)} role="status" data-testid="lan-outcome">
      {parts.join(' ')}
    </p>
  );
}
