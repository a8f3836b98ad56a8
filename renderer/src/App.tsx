import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { api } from './api';
import { ShortcutSheet } from './input/ShortcutSheet';
import { LanguageSwitch } from './components/LanguageSwitch';
import { HomeScreen } from './campaigns/HomeScreen';
import { NotFoundScreen } from './components/NotFoundScreen';
import { CampaignWorkspace } from './workspace/CampaignWorkspace';
import { useContractQuery } from './data/queries';
import { SyncIndicator } from './sync/SyncIndicator';
import { SecurityButton } from './vault/SecurityDialog';
import { cx } from './components/cx';
import alerts from './components/alert.module.css';
import styles from './App.module.css';

function TopNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const home = location === '/' || location === '';
  return (
    <nav className={styles.topnav} aria-label={t('app.name')}>
      <Link className={cx(styles.topnavLink, home && styles.active)} href="/" aria-current={home ? 'page' : undefined}>
        {t('nav.home')}
      </Link>
    </nav>
  );
}

export function App() {
  const { t } = useTranslation();
  const info = useContractQuery('app.info', {}).data ?? null;

  return (
    <Router hook={useHashLocation}>
      <div className={styles.appShell}>
        <a
          className={styles.skipLink}
          href="#main"
          onClick={(event) => {
            event.preventDefault();
            document.getElementById('main')?.focus();
          }}
        >
          {t('app.skipToContent')}
        </a>
        <header className={styles.topbar}>
          <div className={styles.brand}>
            <span className={styles.brandMark} aria-hidden="true">
              V
            </span>
            <div>
              <div className={styles.brandName}>{t('app.name')}</div>
              <div className={styles.brandTagline}>{t('app.tagline')}</div>
            </div>
          </div>
          <TopNav />
          <SyncIndicator />
          <SecurityButton />
          <LanguageSwitch />
        </header>
        <main id="main" className={styles.main} tabIndex={-1}>
          {api.hasCredentials ? (
            <Switch>
              <Route path="/">
                <HomeScreen />
              </Route>
              <Route path="/campaigns/:campaignId" nest>
                {(params) => <CampaignWorkspace campaignId={params.campaignId} />}
              </Route>
              <Route>
                <NotFoundScreen />
              </Route>
            </Switch>
          ) : (
            <p className={cx(alerts.alert, alerts.alertError)}>{t('errors.UNAUTHORIZED')}</p>
          )}
        </main>
        <ShortcutSheet />
        <footer className={styles.statusbar}>
          {info ? (
            <>
              <span>{t('app.profile', { dir: info.profileDir })}</span>
              <span>{t('app.version', { version: info.version })}</span>
            </>
          ) : null}
        </footer>
      </div>
    </Router>
  );
}
