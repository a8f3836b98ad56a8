import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { api } from './api';
import { ShortcutSheet } from './input/ShortcutSheet';
import { UndoToast } from './input/UndoToast';
import { LanguageSwitch } from './components/LanguageSwitch';
import { HomeScreen } from './campaigns/HomeScreen';
import { NotFoundScreen } from './components/NotFoundScreen';
import { CampaignWorkspace } from './workspace/CampaignWorkspace';
import { useContractQuery } from './data/queries';
import { SyncIndicator } from './sync/SyncIndicator';
import { SecurityButton } from './vault/SecurityDialog';

function TopNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const home = location === '/' || location === '';
  return (
    <nav className="topnav" aria-label={t('app.name')}>
      <Link className={`topnav-link${home ? ' active' : ''}`} href="/" aria-current={home ? 'page' : undefined}>
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
      <div className="app-shell">
        <a
          className="skip-link"
          href="#main"
          onClick={(event) => {
            event.preventDefault();
            document.getElementById('main')?.focus();
          }}
        >
          {t('app.skipToContent')}
        </a>
        <header className="topbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              V
            </span>
            <div>
              <div className="brand-name">{t('app.name')}</div>
              <div className="brand-tagline">{t('app.tagline')}</div>
            </div>
          </div>
          <TopNav />
          <SyncIndicator />
          <SecurityButton />
          <LanguageSwitch />
        </header>
        <main id="main" className="main" tabIndex={-1}>
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
            <p className="alert alert-error">{t('errors.UNAUTHORIZED')}</p>
          )}
        </main>
        <UndoToast />
        <ShortcutSheet />
        <footer className="statusbar">
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
