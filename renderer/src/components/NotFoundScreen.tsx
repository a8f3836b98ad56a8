import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

/** A deep link that names no screen (an old bookmark): say so and offer the way home. */
export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="empty-state">
        <h1>{t('workspace.notFound.title')}</h1>
        <p>{t('workspace.notFound.body')}</p>
        <Link className="button" href="~/">
          {t('workspace.backToCampaigns')}
        </Link>
      </div>
    </div>
  );
}
