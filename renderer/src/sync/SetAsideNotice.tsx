import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useContractQuery } from '../data/queries';
import alerts from '../components/alert.module.css';
import { cx } from '../components/cx';
import styles from './SetAsideNotice.module.css';

/**
 * In the sync dialog: per campaign, how many changes this laptop set aside because it could not
 * apply them, with the way to the campaign's Conflicten page that lists them.
 */
export function SetAsideNotice() {
  const { t } = useTranslation();
  const counts = useContractQuery('setAside.counts', {}).data ?? [];
  const campaigns = useContractQuery('campaigns.list', {}).data ?? [];
  if (counts.length === 0) return null;
  const nameOf = (id: string) => campaigns.find((campaign) => campaign.id === id)?.name ?? id;
  return (
    <div className={cx(alerts.alert, alerts.alertInfo, styles.notice)} data-testid="set-aside-notice">
      {counts.map((entry) => (
        <p key={entry.campaignId}>
          {t('setAside.syncDialog', { count: entry.count, campaign: nameOf(entry.campaignId) })}{' '}
          <Link
            href={`~/campaigns/${entry.campaignId}/conflicts`}
            onClick={(event) => event.currentTarget.closest('dialog')?.close()}
          >
            {t('setAside.open')}
          </Link>
        </p>
      ))}
    </div>
  );
}
