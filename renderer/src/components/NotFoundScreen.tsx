import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import buttons from './button.module.css';
import layout from './layout.module.css';

/** A deep link that names no screen (an old bookmark): say so and offer the way home. */
export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <div className={layout.page}>
      <div className={layout.emptyState}>
        <h1>{t('workspace.notFound.title')}</h1>
        <p>{t('workspace.notFound.body')}</p>
        <Link className={buttons.button} href="~/">
          {t('workspace.backToCampaigns')}
        </Link>
      </div>
    </div>
  );
}
