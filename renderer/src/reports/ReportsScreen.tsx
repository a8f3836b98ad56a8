import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ReportSummary } from '../../../shared/contract/reports';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { useContractMutation, useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import { regionName } from '../workspace/labels';
import { formatWhen } from './format';
import { StatusBadge } from './StatusBadge';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import layout from '../components/layout.module.css';

/** The campaign's reports: kind, scope, pen holder, status, last edit; the missing ones made from templates in one click. */
export function ReportsScreen({ setup }: { readonly setup: CampaignSetup }) {
  const { t, i18n } = useTranslation();
  const campaignId = setup.campaign.id;
  const reports = useContractQuery('reports.list', { campaignId });
  const createMissing = useContractMutation('reports.createMissing');

  const list = reports.data ?? [];
  const regions = new Map(setup.regions.map((region) => [region.id, region]));
  // Provinces and cities can share a name (Antwerpen): a region is named with its kind.
  const scopeLabel = (report: ReportSummary): string => {
    const region = report.kind === 'region' && report.scopeId ? regions.get(report.scopeId) : undefined;
    if (region) return regionName(t, region);
    return report.scopeName ?? t('reports.list.wholeCampaign');
  };
  const expected =
    setup.regions.filter((region) => !region.deleted).length +
    setup.sectors.filter((sector) => !sector.deleted).length +
    1;
  const missing = Math.max(0, expected - list.length);

  return (
    <div className={layout.page}>
      <header className={cx(layout.pageHeader, layout.pageHeaderRow)}>
        <div>
          <h1>{t('reports.list.title')}</h1>
          <p className={layout.muted}>{t('reports.list.intro')}</p>
        </div>
        <div className={buttons.buttonRow}>
          <Link href="/templates" className={buttons.button}>
            {t('reports.templates.open')}
          </Link>
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonPrimary)}
            disabled={createMissing.isPending || reports.isPending}
            onClick={() => createMissing.mutate({ campaignId })}
          >
            {createMissing.isPending ? t('reports.list.creating') : t('reports.list.createMissing')}
          </button>
        </div>
      </header>
      {createMissing.data ? (
        <p className={cx(alerts.alert, alerts.alertInfo)} role="status">
          {createMissing.data.created === 0 && createMissing.data.sectionsCreated === 0
            ? t('reports.list.nothingMissing')
            : t('reports.list.created', {
                count: createMissing.data.created,
                sections: t('reports.list.sections', { count: createMissing.data.sectionsCreated }),
              })}
        </p>
      ) : null}
      {createMissing.error ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {describeError(t, createMissing.error.error)}
        </p>
      ) : null}
      {reports.error ? (
        <div className={cx(alerts.alert, alerts.alertError)} role="alert">
          <p>{describeError(t, reports.error.error)}</p>
          <button type="button" className={buttons.button} onClick={() => void reports.refetch()}>
            {t('errors.retry')}
          </button>
        </div>
      ) : null}
      {reports.isPending ? <p className={layout.muted}>{t('reports.common.loading')}</p> : null}
      {reports.data && list.length === 0 ? (
        <div className={layout.emptyState}>
          <h3>{t('reports.list.emptyTitle')}</h3>
          <p>{t('reports.list.emptyBody', { count: expected })}</p>
        </div>
      ) : null}
      {list.length > 0 ? (
        <>
          {missing > 0 ? <p className={layout.muted}>{t('reports.list.missing', { count: missing })}</p> : null}
          <table className={layout.table}>
            <thead>
              <tr>
                <th scope="col">{t('reports.list.report')}</th>
                <th scope="col">{t('reports.list.kind')}</th>
                <th scope="col">{t('reports.list.scope')}</th>
                <th scope="col">{t('reports.list.penHolder')}</th>
                <th scope="col">{t('reports.list.status')}</th>
                <th scope="col">{t('reports.list.lastEdit')}</th>
              </tr>
            </thead>
            <tbody>
              {sortReports(list).map((report) => (
                <tr key={report.id} data-report-id={report.id}>
                  <td>
                    <Link href={`/${report.id}`}>{report.title}</Link>
                    <div className={cx(layout.muted, layout.small)}>
                      {t('reports.list.sections', { count: report.sectionCount })}
                    </div>
                  </td>
                  <td>{t(`reports.kind.${report.kind}`)}</td>
                  <td>{scopeLabel(report)}</td>
                  <td>
                    {report.penHolderName ?? <span className={layout.muted}>{t('reports.list.noPenHolder')}</span>}
                  </td>
                  <td>
                    <StatusBadge status={report.status} />
                  </td>
                  <td>
                    {report.lastEditAt ? (
                      t('reports.list.editedBy', {
                        when: formatWhen(report.lastEditAt, i18n.language),
                        who: report.lastEditByName ?? t('reports.list.someone'),
                      })
                    ) : (
                      <span className={layout.muted}>{t('reports.list.neverEdited')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

const KIND_ORDER = { final: 0, sector: 1, region: 2 } as const;

/** The final report first, then the sector chapters, then the region reports, each by scope name. */
function sortReports(reports: readonly ReportSummary[]): ReportSummary[] {
  return [...reports].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.scopeName ?? a.title).localeCompare(b.scopeName ?? b.title, 'nl-BE'),
  );
}
