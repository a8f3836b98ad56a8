import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { describeError } from '../errors';
import { CampaignProvider } from '../data/identity';
import { useContractQuery } from '../data/queries';
import { PlanningScreen } from '../planning/PlanningScreen';
import { PrintPlan } from '../planning/PrintPlan';
import { SetupScreen } from '../setup/SetupScreen';
import { SwotScreen } from '../swot/SwotScreen';
import { IdentityPicker } from './IdentityPicker';
import { UndoToast } from '../input/UndoToast';
import { ConversationScreen } from '../visits/ConversationScreen';
import { VisitScreen } from '../visits/VisitScreen';
import { VisitsScreen } from '../visits/VisitsScreen';
import { SearchScreen } from '../search/SearchScreen';
import { ReportScreen } from '../reports/ReportScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { ConflictsScreen } from '../conflicts/ConflictsScreen';
import { TemplatesScreen } from '../reports/TemplatesScreen';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import styles from './CampaignWorkspace.module.css';

interface Section {
  readonly path: string;
  readonly label: string;
  readonly hint: string;
  /** A count shown beside the label (open conflicts). */
  readonly count?: string;
}

/**
 * A campaign's workspace: a breadcrumb back to the campaigns, the left navigation between the
 * campaign's screens, and the screen itself (deep-linkable: #/campaigns/:id/<section>/…).
 */
export function CampaignWorkspace({ campaignId }: { readonly campaignId: string }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  const setupQuery = useContractQuery('setup.get', { campaignId });
  const setup = setupQuery.data ?? null;
  const loadError = setupQuery.error?.error ?? null;
  // Open conflicts and changes set aside both wait on the Conflicten page.
  const openConflicts =
    (useContractQuery('conflicts.list', { campaignId }).data?.length ?? 0) +
    (useContractQuery('setAside.list', { campaignId }).data?.length ?? 0);

  const sections: readonly Section[] = [
    { path: '/setup', label: t('workspace.nav.setup'), hint: t('workspace.nav.setupHint') },
    { path: '/planning', label: t('workspace.nav.planning'), hint: t('workspace.nav.planningHint') },
    { path: '/visits', label: t('workspace.nav.visits'), hint: t('workspace.nav.visitsHint') },
    { path: '/swot', label: t('swot.nav'), hint: t('swot.navHint') },
    { path: '/reports', label: t('reports.nav'), hint: t('reports.navHint') },
    { path: '/search', label: t('workspace.nav.search'), hint: t('workspace.nav.searchHint') },
    {
      path: '/conflicts',
      label: t('conflicts.nav'),
      hint: t('conflicts.navHint'),
      ...(openConflicts > 0 ? { count: t('conflicts.navCount', { count: openConflicts }) } : {}),
    },
  ];
  const current = sections.find((section) => location === section.path || location.startsWith(`${section.path}/`));
  const campaign = setup?.campaign.id === campaignId ? setup.campaign : null;

  if (loadError) {
    return (
      <div className={layout.page}>
        <nav className={styles.breadcrumb} aria-label={t('workspace.breadcrumb')}>
          <Link href="~/">{t('nav.home')}</Link>
        </nav>
        <div className={cx(alerts.alert, alerts.alertError)} role="alert">
          <p>
            {loadError.code === 'NOT_FOUND'
              ? t('workspace.campaignMissing')
              : `${t('workspace.loadFailed')} ${describeError(t, loadError)}`}
          </p>
          {loadError.code === 'NOT_FOUND' ? (
            <Link className={buttons.button} href="~/">
              {t('workspace.backToCampaigns')}
            </Link>
          ) : (
            <button type="button" className={buttons.button} onClick={() => void setupQuery.refetch()}>
              {t('errors.retry')}
            </button>
          )}
        </div>
      </div>
    );
  }

  return (
    <CampaignProvider campaignId={campaignId}>
      <div className={styles.workspace} data-layout="workspace">
        <aside className={styles.workspaceSide}>
          <div className={styles.workspaceCampaign}>
            <div className={layout.campaignYear}>
              {campaign ? t('home.workingYear', { year: campaign.workingYear }) : '\u00a0'}
            </div>
            <div className={styles.workspaceCampaignName}>{campaign?.name ?? t('workspace.loading')}</div>
          </div>
          <nav aria-label={t('workspace.navLabel')}>
            <ul className={styles.sidenav}>
              {sections.map((section) => {
                const active = section === current;
                return (
                  <li key={section.path}>
                    <Link
                      className={cx(styles.sidenavLink, active && styles.active)}
                      href={section.path}
                      aria-current={active ? 'page' : undefined}
                      aria-describedby={`nav-hint-${section.path.slice(1)}`}
                    >
                      <span className={styles.sidenavLabel}>
                        {section.label}
                        {section.count ? (
                          <span className={cx(layout.badge, styles.sidenavCount)} data-testid="nav-count">
                            {section.count}
                          </span>
                        ) : null}
                      </span>
                      <span className={styles.sidenavHint} id={`nav-hint-${section.path.slice(1)}`} aria-hidden="true">
                        {section.hint}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <IdentityPicker campaignId={campaignId} />
        </aside>
        <div className={styles.workspaceMain}>
          <nav className={styles.breadcrumb} aria-label={t('workspace.breadcrumb')}>
            <ol>
              <li>
                <Link href="~/">{t('nav.home')}</Link>
              </li>
              <li>
                {current ? (
                  <Link href="/">{campaign?.name ?? '…'}</Link>
                ) : (
                  <span aria-current="page">{campaign?.name ?? '…'}</span>
                )}
              </li>
              {current ? (
                <li>
                  <span aria-current="page">{current.label}</span>
                </li>
              ) : null}
            </ol>
          </nav>
          {setup && campaign ? (
            <Switch>
              <Route path="/setup" nest>
                <SetupScreen setup={setup} />
              </Route>
              <Route path="/conflicts">
                <ConflictsScreen campaignId={campaignId} />
              </Route>
              <Route path="/search">
                <SearchScreen campaignId={campaignId} />
              </Route>
              <Route path="/visits" nest>
                <Switch>
                  <Route path="/">
                    <VisitsScreen setup={setup} />
                  </Route>
                  <Route path="/:visitId/conversations/:conversationId">
                    {(params) => (
                      <ConversationScreen
                        key={params.conversationId}
                        visitId={params.visitId}
                        conversationId={params.conversationId}
                      />
                    )}
                  </Route>
                  <Route path="/:visitId">
                    {(params) => <VisitScreen key={params.visitId} campaignId={campaignId} visitId={params.visitId} />}
                  </Route>
                </Switch>
              </Route>
              <Route path="/swot">
                <SwotScreen campaignId={campaignId} />
              </Route>
              <Route path="/reports" nest>
                <Switch>
                  <Route path="/">
                    <ReportsScreen setup={setup} />
                  </Route>
                  <Route path="/templates">
                    <TemplatesScreen campaignId={campaignId} />
                  </Route>
                  <Route path="/:reportId">
                    {(params) => <ReportScreen key={params.reportId} setup={setup} reportId={params.reportId} />}
                  </Route>
                </Switch>
              </Route>
              <Route path="/planning" nest>
                <Switch>
                  <Route path="/print">
                    <PrintPlan setup={setup} />
                  </Route>
                  <Route path="/">
                    <PlanningScreen setup={setup} />
                  </Route>
                  <Route>
                    <Redirect to="/" replace />
                  </Route>
                </Switch>
              </Route>
              <Route path="/">
                <Redirect to="/setup" replace />
              </Route>
              <Route>
                <Redirect to="/setup" replace />
              </Route>
            </Switch>
          ) : (
            <p className={layout.muted} role="status">
              {t('workspace.loading')}
            </p>
          )}
          {/* Last in the main column: sticky to the window's bottom, never over the side navigation. */}
          <UndoToast campaignId={campaignId} />
        </div>
      </div>
    </CampaignProvider>
  );
}
