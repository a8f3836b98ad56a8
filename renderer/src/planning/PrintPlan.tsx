import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { planWarnings } from '../../../shared/domain/planning';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { usePlanningData } from '../data/planning';
import { NO_FILTERS, usePlanning } from './store';
import { regionName } from '../workspace/labels';
import { usePageFocus } from '../workspace/usePageFocus';
import { byDate, duoLabel, formatDate, matches, statusLabel, toRows, warningsOfShown, warningText } from './plan';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import layout from '../components/layout.module.css';
import planning from './planning.module.css';
import styles from './PrintPlan.module.css';

/** The plan as a page to print (the same filters as the planning screen): per region, the visits by date. */
export function PrintPlan({ setup }: { readonly setup: CampaignSetup }) {
  const { t, i18n } = useTranslation();
  const heading = usePageFocus(t('planning.print.title'));
  const filters = usePlanning((state) => (state.campaignId === setup.campaign.id ? state.filters : NO_FILTERS));
  const { visits } = usePlanningData(setup.campaign.id);
  const rows = useMemo(
    () =>
      toRows(visits, setup)
        .filter((row) => matches(row, filters))
        .sort(byDate),
    [visits, setup, filters],
  );
  const regions = setup.regions.filter((region) => rows.some((row) => row.region?.id === region.id));
  const allRows = useMemo(() => toRows(visits, setup), [visits, setup]);
  const warnings = useMemo(
    () => warningsOfShown(planWarnings(visits, setup.members), rows),
    [visits, setup.members, rows],
  );
  const warned = new Set(
    warnings.flatMap((warning) => (warning.kind === 'doubleBooked' ? warning.visitIds : [warning.visitId])),
  );

  return (
    <div className={cx(layout.screen, styles.printPage)}>
      <div className={cx(styles.printActions, styles.noPrint)}>
        <Link className={buttons.button} href="/">
          {t('planning.print.back')}
        </Link>
        <button type="button" className={cx(buttons.button, buttons.buttonPrimary)} onClick={() => window.print()}>
          {t('planning.print.print')}
        </button>
      </div>
      <h1 ref={heading} tabIndex={-1}>
        {t('planning.print.heading', { name: setup.campaign.name, year: setup.campaign.workingYear })}
      </h1>
      <p className={layout.muted}>
        {t('planning.print.printedOn', {
          date: formatDate(i18n.language, new Date().toISOString().slice(0, 10), 'long'),
          count: rows.length,
        })}
      </p>
      {warnings.length > 0 ? (
        <section className={planning.warnings} data-testid="print-warnings" aria-labelledby="print-warnings">
          <h2 id="print-warnings">{t('planning.warnings.title', { count: warnings.length })}</h2>
          <ul>
            {warnings.map((warning) => (
              <li key={warning.kind === 'doubleBooked' ? `${warning.memberId}-${warning.date}` : warning.visitId}>
                {warningText(t, i18n.language, warning, setup, allRows)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rows.length === 0 ? <p className={layout.emptyInline}>{t('planning.print.empty')}</p> : null}
      {regions.map((region) => (
        <section key={region.id} className={styles.printRegion}>
          <h2>{regionName(t, region)}</h2>
          <table className={cx(layout.table, styles.printTable)}>
            <thead>
              <tr>
                <th scope="col">{t('planning.columns.date')}</th>
                <th scope="col">{t('planning.columns.organisation')}</th>
                <th scope="col">{t('planning.csv.sector')}</th>
                <th scope="col">{t('planning.columns.duo')}</th>
                <th scope="col">{t('planning.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((row) => row.region?.id === region.id)
                .map((row) => (
                  <tr key={row.visit.id} className={warned.has(row.visit.id) ? planning.rowWarned : undefined}>
                    <td className={layout.nowrap}>
                      {warned.has(row.visit.id) ? <span aria-label={t('planning.print.warned')}>⚠ </span> : null}
                      {formatDate(i18n.language, row.visit.date, 'full')}
                    </td>
                    <th scope="row">
                      {row.organisation?.name}
                      {row.organisation?.address ? (
                        <div className={layout.muted}>{row.organisation.address}</div>
                      ) : null}
                    </th>
                    <td>{row.sector?.code}</td>
                    <td>{duoLabel(t, row)}</td>
                    <td>{statusLabel(t, row.visit.status)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
