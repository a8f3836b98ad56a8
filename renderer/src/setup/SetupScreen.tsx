import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { usePageFocus } from '../workspace/usePageFocus';
import { ListsTab } from './ListsTab';
import { OrganisationsTab } from './OrganisationsTab';
import { TeamTab } from './TeamTab';
import { cx } from '../components/cx';
import layout from '../components/layout.module.css';
import styles from './SetupScreen.module.css';

const TABS = ['lists', 'organisations', 'team'] as const;

/** Set-up of a campaign (team lead): the controlled lists, the organisations and the team, one tab each. */
export function SetupScreen({ setup }: { readonly setup: CampaignSetup }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  const heading = usePageFocus(t('setup.title'));
  const current = TABS.find((tab) => location === `/${tab}` || location.startsWith(`/${tab}/`));
  return (
    <div className={layout.screen}>
      <div className={layout.pageHeader}>
        <h1 ref={heading} tabIndex={-1}>
          {t('setup.title')}
        </h1>
        <p className={layout.lead}>{t('setup.intro')}</p>
      </div>
      <nav className={styles.subtabs} aria-label={t('setup.tabsLabel')}>
        {TABS.map((tab) => (
          <Link
            key={tab}
            href={`/${tab}`}
            className={cx(styles.subtab, tab === current && styles.active)}
            aria-current={tab === current ? 'page' : undefined}
          >
            {t(`setup.tabs.${tab}`)}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/lists">
          <ListsTab setup={setup} />
        </Route>
        <Route path="/organisations">
          <OrganisationsTab setup={setup} />
        </Route>
        <Route path="/team">
          <TeamTab setup={setup} />
        </Route>
        <Route>
          <Redirect to="/lists" replace />
        </Route>
      </Switch>
    </div>
  );
}
