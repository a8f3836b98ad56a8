import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { planWarnings, PLANNABLE_STATUSES } from '../../../shared/domain/planning';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { api } from '../api';
import { FormStatus } from '../components/FormStatus';
import { RetiredList } from '../components/RetiredList';
import { describeError } from '../errors';
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

/** Planning per region (region coordinator): organisations and their visits, as a list or a month calendar. */
export function PlanningScreen({ setup }: { readonly setup: CampaignSetup }) {
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
    const result = await api.invoke('visits.retire', { id: row.visit.id, retired: false });
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
    <div className="field">
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
    <div className="screen">
      <div className="page-header page-header-row">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('planning.title')}
          </h1>
          <p className="lead">{t('planning.intro')}</p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={exportCsv} disabled={shown.length === 0}>
            {t('planning.exportCsv')}
          </button>
          <Link className="button" href="/print">
            {t('planning.printable')}
          </Link>
        </div>
      </div>

      <div className="toolbar" role="search" aria-label={t('planning.filtersLabel')}>
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
          <button type="button" className="text-button toolbar-reset" onClick={() => setFilters(NO_FILTERS)}>
            {t('planning.filters.reset')}
          </button>
        ) : null}
        <div className="segmented" role="group" aria-label={t('planning.viewLabel')}>
          <button
            type="button"
            className={view === 'list' ? 'active' : ''}
            aria-pressed={view === 'list'}
            onClick={() => setView('list')}
          >
            {t('planning.views.list')}
          </button>
          <button
            type="button"
            className={view === 'month' ? 'active' : ''}
            aria-pressed={view === 'month'}
            onClick={() => setView('month')}
          >
            {t('planning.views.month')}
          </button>
        </div>
      </div>

      {loadError ? (
        <div className="alert alert-error" role="alert">
          <p>{describeError(t, loadError)}</p>
          <button type="button" className="button" onClick={retry}>
            {t('errors.retry')}
          </button>
        </div>
      ) : null}

      {shownWarnings.length > 0 ? (
        <section className="warnings" aria-labelledby={`${id}-warnings`} data-testid="plan-warnings">
          <h2 id={`${id}-warnings`}>{t('planning.warnings.title', { count: shownWarnings.length })}</h2>
          <ul>
            {shownWarnings.map((warning) => (
              <li key={warning.kind === 'doubleBooked' ? `${warning.memberId}-${warning.date}` : warning.visitId}>
                {warningText(t, i18n.language, warning, setup, rows)}{' '}
                <button
                  type="button"
                  className="text-button"
                  onClick={() => edit(warning.kind === 'doubleBooked' ? (warning.visitIds[0] ?? '') : warning.visitId)}
                >
                  {t('planning.warnings.fix')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="columns">
        <div className="column-main">
          {setup.organisations.filter((organisation) => !organisation.deleted).length === 0 ? (
            <div className="empty-state">
              <h3>{t('planning.noOrganisationsTitle')}</h3>
              <p>{t('planning.noOrganisationsBody')}</p>
              <Link className="button" href={`~/campaigns/${campaignId}/setup/organisations`}>
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
                  className="card plan-region"
                  aria-labelledby={`${id}-region-${region.id}`}
                  data-testid="plan-region"
                >
                  <div className="section-header">
                    <h2 id={`${id}-region-${region.id}`}>{regionName(t, region)}</h2>
                    <span className="badge">
                      {t('planning.regionCounts', { visits: regionRows.length, organisations: organisations.length })}
                    </span>
                  </div>
                  {regionRows.length > 0 ? (
                    <table className="table plan-table">
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
                          <tr key={row.visit.id} className={warnedVisits.has(row.visit.id) ? 'row-warned' : undefined}>
                            <td className="nowrap">{formatDate(i18n.language, row.visit.date)}</td>
                            <th scope="row">
                              <Link href={`~/campaigns/${campaignId}/visits/${row.visit.id}`}>
                                {row.organisation?.name ?? '—'}
                              </Link>{' '}
                              <span className="code-tag">{row.sector?.code}</span>
                            </th>
                            <td>
                              {duoLabel(t, row)}
                              {warnedVisits.has(row.visit.id) ? (
                                <span className="warn-mark" title={t('planning.warnings.rowHint')}>
                                  {' '}
                                  ⚠<span className="visually-hidden">{t('planning.warnings.rowHint')}</span>
                                </span>
                              ) : null}
                            </td>
                            <td>
                              <span className={`status-pill visit-${row.visit.status ?? 'planned'}`}>
                                {statusLabel(t, row.visit.status)}
                              </span>
                            </td>
                            <td className="row-actions">
                              <button
                                type="button"
                                className="text-button"
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
                    <ul className="unplanned">
                      {unplanned.map((organisation) => (
                        <li key={organisation.id}>
                          <span>{organisation.name}</span> <span className="muted">{t('planning.noVisitYet')}</span>
                          <button
                            type="button"
                            className="text-button"
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
            <p className="empty-inline">{t('planning.nothingMatches')}</p>
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
        <aside className="column-side">
          <VisitForm setup={setup} draft={draft} onDraft={setDraft} focusKey={focusKey} />
        </aside>
      </div>
    </div>
  );
}
