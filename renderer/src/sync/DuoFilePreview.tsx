import type { TFunction } from 'i18next';
import { forwardRef, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuoFileCampaign, DuoFileView } from '../../../shared/contract/sync';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './DuoExchange.module.css';

/**
 * A new campaign of the file that the services would refuse as foreign without the person's
 * explicit consent (services/duo/duo-files.ts previewDuoBundle): new here, its team does not have
 * this person, and this laptop holds other campaigns.
 */
export function needsConsent(view: DuoFileView, campaign: DuoFileCampaign): boolean {
  return view.needsNewCampaignConsent && campaign.isNew && !campaign.teamHasYou;
}

/**
 * The consent each new campaign starts with: given for one the services take in anyway (its team
 * has this person, or the laptop holds no campaign yet), not for one that needs consent.
 */
export function initialConsent(view: DuoFileView): Record<string, boolean> {
  const consent: Record<string, boolean> = {};
  for (const campaign of view.campaigns) if (campaign.isNew) consent[campaign.id] = !needsConsent(view, campaign);
  return consent;
}

/** The campaign as people know it: its name, else its id. */
export function campaignLabel(t: TFunction, campaign: DuoFileCampaign): string {
  return campaign.name ?? t('sync.duo.preview.unnamedCampaign', { id: campaign.id });
}

interface PreviewProps {
  readonly view: DuoFileView;
  readonly fileName: string;
  readonly consent: Record<string, boolean>;
  readonly onConsent: (campaignId: string, given: boolean) => void;
  readonly onImport: () => void;
  readonly onCancel: () => void;
}

/**
 * What a chosen duo file brings, before anything is imported (duo.inspect): who made it and
 * whether its signature checked out, its campaigns (new ones each with a consent box) and how many
 * changes it carries. The file is taken in as a whole, so it imports only when every new campaign
 * is consented to; declining one means importing nothing of the file.
 */
export const DuoFilePreview = forwardRef<HTMLDivElement, PreviewProps>(function DuoFilePreview(
  { view, fileName, consent, onConsent, onImport, onCancel },
  ref,
) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const declined = view.campaigns.filter((campaign) => campaign.isNew && !consent[campaign.id]);
  return (
    <div
      className={
        view.trust === 'known'
          ? cx(alerts.alert, styles.duoMaker)
          : cx(alerts.alert, styles.duoMaker, styles.duoMakerUnknown)
      }
      role="group"
      aria-labelledby={`${id}-maker`}
      data-testid="duo-maker"
      ref={ref}
    >
      <h4 id={`${id}-maker`}>{t('sync.duo.maker.title')}</h4>
      <p className={styles.previewFile}>
        <span className={cx(layout.badge, styles.verified)} data-testid="duo-verified">
          {t('sync.duo.preview.verified')}
        </span>{' '}
        <span className={cx(layout.small, layout.muted)}>{fileName}</span>
      </p>
      <p>
        <strong>
          {view.maker.name ? t('sync.duo.maker.who', { name: view.maker.name }) : t('sync.duo.maker.unnamed')}
        </strong>
        <br />
        {t('sync.duo.maker.laptop', { node: view.maker.node })}
        <br />
        {t('sync.duo.maker.fingerprint', { fingerprint: view.maker.fingerprintShort })}
        <br />
        {t('sync.duo.maker.date', {
          date: new Date(view.maker.createdAt).toLocaleString(i18n.language, {
            dateStyle: 'long',
            timeStyle: 'short',
          }),
        })}
      </p>
      <p className={layout.small}>{t(`sync.duo.maker.${view.trust}`)}</p>

      <h5 className={styles.previewHeading} id={`${id}-contents`}>
        {t('sync.duo.preview.contents')}
      </h5>
      <p data-testid="duo-change-count">
        {t('sync.duo.preview.changes', {
          count: view.changeCount,
          campaigns: t('sync.duo.preview.campaigns', { count: view.campaigns.length }),
        })}
      </p>
      <ul className={styles.previewCampaigns} aria-labelledby={`${id}-contents`} data-testid="duo-campaigns">
        {view.campaigns.map((campaign) => {
          const label = campaignLabel(t, campaign);
          const foreign = needsConsent(view, campaign);
          return (
            <li key={campaign.id} className={styles.previewCampaign} data-testid="duo-campaign">
              <div className={styles.previewCampaignHead}>
                <strong>{label}</strong>
                <span className={cx(layout.badge, campaign.isNew ? styles.isNew : styles.isKnown)}>
                  {campaign.isNew ? t('sync.duo.preview.new') : t('sync.duo.preview.known')}
                </span>
                <span className={cx(layout.small, layout.muted)}>
                  {t('sync.duo.preview.campaignChanges', { count: campaign.changes })}
                </span>
              </div>
              {campaign.isNew ? (
                <>
                  <p className={cx(layout.small, foreign ? styles.foreignNote : layout.muted)}>
                    {foreign
                      ? t('sync.duo.preview.notOnTeam')
                      : campaign.teamHasYou
                        ? t('sync.duo.preview.onTeam')
                        : t('sync.duo.preview.firstCampaign')}
                  </p>
                  <label className={forms.checkbox}>
                    <input
                      type="checkbox"
                      checked={consent[campaign.id] ?? false}
                      onChange={(event) => onConsent(campaign.id, event.target.checked)}
                    />
                    {t('sync.duo.preview.consent', { name: label })}
                  </label>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      {view.unverifiedRelayed > 0 ? (
        <p className={layout.small} data-testid="duo-unverified-relayed">
          {t('sync.duo.preview.unverifiedRelayed', { count: view.unverifiedRelayed })}
        </p>
      ) : null}
      {declined.length > 0 ? (
        <p
          className={cx(layout.small, styles.foreignNote)}
          role="note"
          id={`${id}-declined`}
          data-testid="duo-declined"
        >
          {t('sync.duo.preview.declined', {
            count: declined.length,
            names: declined.map((campaign) => campaignLabel(t, campaign)).join(', '),
          })}
        </p>
      ) : null}
      <div className={buttons.buttonRow}>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonPrimary)}
          disabled={declined.length > 0}
          aria-describedby={declined.length > 0 ? `${id}-declined` : undefined}
          onClick={onImport}
        >
          {view.trust === 'known' ? t('sync.duo.maker.confirm') : t('sync.duo.maker.confirmNew')}
        </button>
        <button type="button" className={buttons.button} onClick={onCancel}>
          {t('sync.duo.maker.cancel')}
        </button>
      </div>
    </div>
  );
});

/** Refusals of the signature check: the file's maker or content could not be verified. */
const UNVERIFIED = new Set(['unsigned', 'bad-signature', 'tampered', 'forged-author', 'not-maker', 'own-node']);

/** The duo refusal in a duo.inspect error's field key (sync.duo.reasons.duo-<reason>), or null. */
export function refusalOf(keys: readonly (string | undefined)[]): string | null {
  for (const key of keys) {
    const match = /^sync\.duo\.reasons\.duo-([a-z-]+)$/.exec(key ?? '');
    if (match && UNVERIFIED.has(match[1] as string)) return match[1] as string;
  }
  return null;
}

/** A chosen file whose signature did not check out: flagged, and nothing to import. */
export const DuoFileRefused = forwardRef<
  HTMLDivElement,
  { readonly fileName: string; readonly reason: string; readonly onClose: () => void }
>(function DuoFileRefused({ fileName, reason, onClose }, ref) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div
      className={cx(alerts.alert, alerts.alertError)}
      role="alert"
      aria-labelledby={`${id}-refused`}
      data-testid="duo-refused"
      ref={ref}
    >
      <h4 id={`${id}-refused`} className={styles.previewHeading}>
        {t('sync.duo.preview.unverifiedTitle')}
      </h4>
      <p>
        <span className={cx(layout.badge, styles.unverified)}>{t('sync.duo.preview.unverified')}</span>{' '}
        <span className={layout.small}>{fileName}</span>
      </p>
      <p>
        {t('sync.duo.preview.reason', {
          reason: t(`sync.duo.reasons.duo-${reason}` as 'sync.duo.reasons.duo-tampered'),
        })}
      </p>
      <p>{t('sync.duo.preview.unverifiedNothing')}</p>
      <div className={buttons.buttonRow}>
        <button type="button" className={buttons.button} onClick={onClose}>
          {t('sync.duo.preview.close')}
        </button>
      </div>
    </div>
  );
});
