import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CampaignForm } from './CampaignForm';
import { describeError } from '../errors';
import { useContractQuery } from '../data/queries';

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const list = useContractQuery('campaigns.list', {});
  const campaigns = list.data ?? [];
  const loadError = list.error?.error ?? null;

  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
      </div>
      <div className="columns">
        <section className="column-main" aria-labelledby="campaign-list-title">
          <div className="section-header">
            <h2 id="campaign-list-title">{t('home.listLabel')}</h2>
            {list.isSuccess ? <span className="badge">{t('home.count', { count: campaigns.length })}</span> : null}
          </div>
          {loadError ? (
            <div className="alert alert-error" role="alert">
              <p>
                {t('errors.loadFailed')} {describeError(t, loadError)}
              </p>
              <button type="button" className="button" onClick={() => void list.refetch()}>
                {t('errors.retry')}
              </button>
            </div>
          ) : null}
          {list.isSuccess && campaigns.length === 0 ? (
            <div className="empty-state">
              <h3>{t('home.empty.title')}</h3>
              <p>{t('home.empty.body')}</p>
            </div>
          ) : null}
          {campaigns.length > 0 ? (
            <ul className="card-list" data-testid="campaign-list">
              {campaigns.map((campaign) => (
                <li key={campaign.id} className="card campaign-card">
                  <div className="campaign-year">{t('home.workingYear', { year: campaign.workingYear })}</div>
                  <h3 className="campaign-name">
                    <Link className="campaign-link" href={`/campaigns/${campaign.id}`}>
                      {campaign.name}
                    </Link>
                  </h3>
                  <div className="muted">
                    {t('home.createdOn', { date: dateFormat.format(new Date(campaign.createdAt)) })}
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <aside className="column-side">
          <CampaignForm />
        </aside>
      </div>
    </div>
  );
}
