import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CampaignForm } from './CampaignForm';
import { describeError } from '../errors';
import { useContractQuery } from '../data/queries';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import styles from './HomeScreen.module.css';
import { formatDayOf } from '../format/dates';

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const list = useContractQuery('campaigns.list', {});
  const campaigns = list.data ?? [];
  const loadError = list.error?.error ?? null;

  return (
    <div className={layout.page}>
      <div className={layout.pageHeader}>
        <h1>{t('home.title')}</h1>
        <p className={layout.lead}>{t('home.intro')}</p>
      </div>
      <div className={layout.columns}>
        <section aria-labelledby="campaign-list-title">
          <div className={layout.sectionHeader}>
            <h2 id="campaign-list-title">{t('home.listLabel')}</h2>
            {list.isSuccess ? (
              <span className={layout.badge}>{t('home.count', { count: campaigns.length })}</span>
            ) : null}
          </div>
          {loadError ? (
            <div className={cx(alerts.alert, alerts.alertError)} role="alert">
              <p>
                {t('errors.loadFailed')} {describeError(t, loadError)}
              </p>
              <button type="button" className={buttons.button} onClick={() => void list.refetch()}>
                {t('errors.retry')}
              </button>
            </div>
          ) : null}
          {list.isSuccess && campaigns.length === 0 ? (
            <div className={layout.emptyState}>
              <h3>{t('home.empty.title')}</h3>
              <p>{t('home.empty.body')}</p>
            </div>
          ) : null}
          {campaigns.length > 0 ? (
            <ul className={layout.cardList} data-testid="campaign-list">
              {campaigns.map((campaign) => (
                <li key={campaign.id} className={cx(layout.card, styles.campaignCard)}>
                  <div className={layout.campaignYear}>{t('home.workingYear', { year: campaign.workingYear })}</div>
                  <h3 className={styles.campaignName}>
                    <Link className={layout.campaignLink} href={`/campaigns/${campaign.id}`}>
                      {campaign.name}
                    </Link>
                  </h3>
                  {formatDayOf(i18n.language, campaign.createdAt) ? (
                    <div className={layout.muted}>
                      {t('home.createdOn', { date: formatDayOf(i18n.language, campaign.createdAt) })}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <aside>
          <CampaignForm />
        </aside>
      </div>
    </div>
  );
}
