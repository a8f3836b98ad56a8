import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { planWarnings, PLANNABLE_STATUSES } from '../../../shared/domain/planning';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { FormStatus } from '../components/FormStatus';
import { RetiredList } from '../components/RetiredList';
import { describeError } from '../errors';
import { useRetireWithUndo } from '../input/retire';
import { usePlanningData } from '../data/planning';
import { NO_FILTERS, usePlanning } from './store';
import { regionName } from '../workspace/labels';
import { usePageFocus } from '../workspace/usePageFocus';
import { MonthView } from './MonthView';
import {
  byDate,
  duoLabel,
  formatDate,
  matches,
  rowsToCsv,
  statusLabel,
  toRows,
  warningsOfShown,
  warningText,
} from './plan';
import { draftOf, emptyVisitDraft, VisitForm, type VisitDraft } from './VisitForm';
import { cx } from '../components/cx';
import { visitStatusClass } from '../components/visit-status';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import pills from '../components/status.module.css';
import planning from './planning.module.css';
import styles from './PlanningScreen.module.css';

/** Planning per region (region coordinator): organisations and their visits, as a list or a month calendar. */
export function PlanningScreen({ setup }: { readonly setup: CampaignSetup }) {
  const retireWithUndo = useRetireWithUndo();
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = usePageFocus(t('planning.title'));
  const { filters, setFilters, view, setView, enter } = usePlanning();
  const [restored, setRestored] = useState('');
  const [draft, setDraft] = useState<VisitDraft>(emptyVisitDraft);
  const [focusKey, setFocusKey] = useState(0);
  const campaignId = setup.campaign.id;

  const { visits, retiredVisits, error: loadError, retry } = usePlanningData(campaignId);

  useEffect(() => enter(campaignId), [campaignId, enter]);

  const rows = useMemo(() => toRows(visits, setup), [visits, setup]);
  const shown = useMemo(() => rows.filter((row) => matches(row, filters)).sort(byDate), [rows, filters]);
  const warnings = useMemo(() => planWarnings(visits, setup.members), [visits, setup.members]);
  const shownWarnings = warningsOfShown(warnings, shown);
  const warnedVisits = new Set(
    warnings.flatMap((warning) => (warning.kind === 'doubleBooked' ? warning.visitIds : [warning.visitId])),
  );
  const regions = setup.regions.filter(
    (region) => !region.deleted && (!filters.regionId || region.id === filters.regionId),
  );
  const activeOrganisations = setup.organisations.filter(
    (organisation) => !organisation.deleted && (!filters.sectorId || organisation.sector_id === filters.sectorId),
  );
  const filtering = filters.memberId !== '' || filters.status !== '';

  const restore = async (row: (typeof rows)[number]) => {
    const result = await retireWithUndo(
      'visits.retire',
      { id: row.visit.id, retired: false },
      t('planning.form.visitSubject', {
        organisation: row.organisation?.name ?? '',
        date: formatDate(i18n.language, row.visit.date),
      }),
    );
    setRestored(
      result.ok
        ? t('planning.restored', { organisation: row.organisation?.name ?? '' })
        : describeError(t, result.error),
    );
  };
  const edit = (visitId: string) => {
    const visit = visits.find((entry) => entry.id === visitId);
    if (!visit) return;
    setDraft(draftOf(visit));
    setFocusKey((key) => key + 1);
  };
  const planFor = (organisationId: string) => {
    setDraft({ ...emptyVisitDraft, organisationId });
    setFocusKey((key) => key + 1);
  };

  function exportCsv() {
    const blob = new Blob(['\uFEFF', rowsToCsv(t, shown)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = t('planning.csv.fileName', { name: setup.campaign.name.replace(/[^\p{L}\p{N}]+/gu, '-') });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const filterSelect = (
    name: 'regionId' | 'sectorId' | 'memberId' | 'status',
    label: string,
    options: ReadonlyArray<{ value: string; label: string }>,
    all: string,
  ) => (
    <div className={forms.field}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select
        id={`${id}-${name}`}
        value={filters[name]}
        onChange={(event) => setFilters({ [name]: event.target.value })}
      >
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className={layout.screen}>
      <div className={cx(layout.pageHeader, layout.pageHeaderRow)}>
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('planning.title')}
          </h1>
          <p className={layout.lead}>{t('planning.intro')}</p>
        </div>
        <div className={buttons.buttonRow}>
          <button type="button" className={buttons.button} onClick={exportCsv} disabled={shown.length === 0}>
            {t('planning.exportCsv')}
          </button>
          <Link className={buttons.button} href="/print">
            {t('planning.printable')}
          </Link>
        </div>
      </div>

      <div className={forms.toolbar} role="search" aria-label={t('planning.filtersLabel')}>
        {filterSelect(
          'regionId',
          t('planning.filters.region'),
          setup.regions
            .filter((region) => !region.deleted)
            .map((region) => ({ value: region.id, label: regionName(t, region) })),
          t('planning.filters.allRegions'),
        )}
        {filterSelect(
          'sectorId',
          t('planning.filters.sector'),
          setup.sectors
            .filter((sector) => !sector.deleted)
            .map((sector) => ({ value: sector.id, label: sector.code ?? sector.name ?? '' })),
          t('planning.filters.allSectors'),
        )}
        {filterSelect(
          'memberId',
          t('planning.filters.member'),
          setup.members
            .filter((member) => !member.deleted)
            .map((member) => ({ value: member.id, label: member.name ?? '' })),
          t('planning.filters.allMembers'),
        )}
        {filterSelect(
          'status',
          t('planning.filters.status'),
          PLANNABLE_STATUSES.map((status) => ({ value: status, label: t(`planning.statuses.${status}`) })),
          t('planning.filters.allStatuses'),
        )}
        {filters !== NO_FILTERS ? (
          <button
            type="button"
            className={cx(buttons.textButton, styles.toolbarReset)}
            onClick={() => setFilters(NO_FILTERS)}
          >
            {t('planning.filters.reset')}
          </button>
        ) : null}
        <div className={styles.segmented} role="group" aria-label={t('planning.viewLabel')}>
          <button
            type="button"
            className={view === 'list' ? styles.active : undefined}
            aria-pressed={view === 'list'}
            onClick={() => setView('list')}
          >
            {t('planning.views.list')}
          </button>
          <button
            type="button"
            className={view === 'month' ? styles.active : undefined}
            aria-pressed={view === 'month'}
            onClick={() => setView('month')}
          >
            {t('planning.views.month')}
          </button>
        </div>
      </div>

      {loadError ? (
        <div className={cx(alerts.alert, alerts.alertError)} role="alert">
          <p>{describeError(t, loadError)}</p>
          <button type="button" className={buttons.button} onClick={retry}>
            {t('errors.retry')}
          </button>
        </div>
      ) : null}

      {shownWarnings.length > 0 ? (
        <section className={planning.warnings} aria-labelledby={`${id}-warnings`} data-testid="plan-warnings">
          <h2 id={`${id}-warnings`}>{t('planning.warnings.title', { count: shownWarnings.length })}</h2>
          <ul>
            {shownWarnings.map((warning) => (
              <li key={warning.kind === 'doubleBooked' ? `${warning.memberId}-${warning.date}` : warning.visitId}>
                {warningText(t, i18n.language, warning, setup, rows)}{' '}
                <button
                  type="button"
                  className={buttons.textButton}
                  onClick={() => edit(warning.kind === 'doubleBooked' ? (warning.visitIds[0] ?? '') : warning.visitId)}
                >
                  {t('planning.warnings.fix')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className={layout.columns}>
        <div>
          {setup.organisations.filter((organisation) => !organisation.deleted).length === 0 ? (
            <div className={layout.emptyState}>
              <h3>{t('planning.noOrganisationsTitle')}</h3>
              <p>{t('planning.noOrganisationsBody')}</p>
              <Link className={buttons.button} href={`~/campaigns/${campaignId}/setup/organisations`}>
                {t('planning.toOrganisations')}
              </Link>
            </div>
          ) : view === 'month' ? (
            <MonthView rows={shown} warned={warnedVisits} onEdit={edit} />
          ) : (
            regions.map((region) => {
              const organisations = activeOrganisations.filter((organisation) => organisation.region_id === region.id);
              const regionRows = shown.filter((row) => row.organisation?.region_id === region.id);
              const unplanned = filtering
                ? []
                : organisations.filter(
                    (organisation) => !rows.some((row) => row.visit.organisation_id === organisation.id),
                  );
              if (organisations.length === 0 && regionRows.length === 0) return null;
              if (filtering && regionRows.length === 0) return null;
              return (
                <section
                  key={region.id}
                  className={cx(layout.card, styles.planRegion)}
                  aria-labelledby={`${id}-region-${region.id}`}
                  data-testid="plan-region"
                >
                  <div className={layout.sectionHeader}>
                    <h2 id={`${id}-region-${region.id}`}>{regionName(t, region)}</h2>
                    <span className={layout.badge}>
                      {t('planning.regionCounts', { visits: regionRows.length, organisations: organisations.length })}
                    </span>
                  </div>
                  {regionRows.length > 0 ? (
                    <table className={cx(layout.table, styles.planTable)} data-testid="plan-table">
                      <caption className="visually-hidden">
                        {t('planning.visitsIn', { region: regionName(t, region) })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('planning.columns.date')}</th>
                          <th scope="col">{t('planning.columns.organisation')}</th>
                          <th scope="col">{t('planning.columns.duo')}</th>
                          <th scope="col">{t('planning.columns.status')}</th>
                          <th scope="col">
                            <span className="visually-hidden">{t('setup.organisations.actions')}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {regionRows.map((row) => (
                          <tr
                            key={row.visit.id}
                            className={warnedVisits.has(row.visit.id) ? planning.rowWarned : undefined}
                          >
                            <td className={layout.nowrap}>{formatDate(i18n.language, row.visit.date)}</td>
                            <th scope="row">
                              <Link href={`~/campaigns/${campaignId}/visits/${row.visit.id}`}>
                                {row.organisation?.name ?? '—'}
                              </Link>{' '}
                              <span className={layout.codeTag}>{row.sector?.code}</span>
                            </th>
                            <td>
                              {duoLabel(t, row)}
                              {warnedVisits.has(row.visit.id) ? (
                                <span className={styles.warnMark} title={t('planning.warnings.rowHint')}>
                                  {' '}
                                  ⚠<span className="visually-hidden">{t('planning.warnings.rowHint')}</span>
                                </span>
                              ) : null}
                            </td>
                            <td>
                              <span className={cx(pills.statusPill, visitStatusClass(row.visit.status))}>
                                {statusLabel(t, row.visit.status)}
                              </span>
                            </td>
                            <td className={layout.rowActions}>
                              <button
                                type="button"
                                className={buttons.textButton}
                                aria-label={t('planning.editLabel', { organisation: row.organisation?.name ?? '' })}
                                onClick={() => edit(row.visit.id)}
                              >
                                {t('setup.organisations.edit')}
                              </button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                  {unplanned.length > 0 ? (
                    <ul className={styles.unplanned}>
                      {unplanned.map((organisation) => (
                        <li key={organisation.id}>
                          <span>{organisation.name}</span>{' '}
                          <span className={layout.muted}>{t('planning.noVisitYet')}</span>
                          <button
                            type="button"
                            className={buttons.textButton}
                            aria-label={t('planning.planForLabel', { organisation: organisation.name ?? '' })}
                            onClick={() => planFor(organisation.id)}
                          >
                            {t('planning.planFor')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </section>
              );
            })
          )}
          {view === 'list' && filtering && shown.length === 0 && visits.length > 0 ? (
            <p className={layout.emptyInline}>{t('planning.nothingMatches')}</p>
          ) : null}
          <RetiredList
            items={toRows(retiredVisits, setup)}
            summary={t('planning.retiredVisits', { count: retiredVisits.length })}
            keyOf={(row) => row.visit.id}
            show={(row) => (
              <span>
                {formatDate(i18n.language, row.visit.date)} · {row.organisation?.name ?? '—'}
              </span>
            )}
            restoreLabel={(row) => t('planning.restoreLabel', { organisation: row.organisation?.name ?? '' })}
            onRestore={(row) => void restore(row)}
          />
          <FormStatus>{restored}</FormStatus>
        </div>
        <aside>
          <VisitForm setup={setup} draft={draft} onDraft={setDraft} focusKey={focusKey} />
        </aside>
      </div>
    </div>
  );
}
