import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { HomeScreen } from './screens/HomeScreen';
import { useApp } from './stores/app';

export function App() {
  const { t } = useTranslation();
  const info = useApp((state) => state.info);
  const loadInfo = useApp((state) => state.loadInfo);

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
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
        <nav className="topnav" aria-label={t('app.name')}>
          <a className="topnav-link active" href="#main" aria-current="page">
            {t('nav.home')}
          </a>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {api.hasCredentials ? <HomeScreen /> : <p className="alert alert-error">{t('errors.UNAUTHORIZED')}</p>}
      </main>
      <footer className="statusbar">
        {info ? (
          <>
            <span>{t('app.profile', { dir: info.profileDir })}</span>
            <span>{t('app.version', { version: info.version })}</span>
          </>
        ) : null}
      </footer>
    </div>
  );
}
