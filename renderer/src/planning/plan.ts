import type { TFunction } from 'i18next';
import type { Member, Organisation, Region, Sector, Visit } from '../../../shared/domain/model';
import { planToCsv, type PlanWarning } from '../../../shared/domain/planning';
import type { CampaignSetup } from '../../../shared/domain/setup';
import type { PlanFilters } from './store';
import { regionName } from '../workspace/labels';
import { formatDate } from '../format/dates';

export interface PlanRow {
  readonly visit: Visit;
  readonly organisation: Organisation | undefined;
  readonly sector: Sector | undefined;
  readonly region: Region | undefined;
  readonly memberA: Member | undefined;
  readonly memberB: Member | undefined;
}

export function toRows(visits: readonly Visit[], setup: CampaignSetup): PlanRow[] {
  const organisations = new Map(setup.organisations.map((organisation) => [organisation.id, organisation]));
  const sectors = new Map(setup.sectors.map((sector) => [sector.id, sector]));
  const regions = new Map(setup.regions.map((region) => [region.id, region]));
  const members = new Map(setup.members.map((member) => [member.id, member]));
  return visits.map((visit) => {
    const organisation = visit.organisation_id ? organisations.get(visit.organisation_id) : undefined;
    return {
      visit,
      organisation,
      sector: organisation?.sector_id ? sectors.get(organisation.sector_id) : undefined,
      region: organisation?.region_id ? regions.get(organisation.region_id) : undefined,
      memberA: visit.member_a ? members.get(visit.member_a) : undefined,
      memberB: visit.member_b ? members.get(visit.member_b) : undefined,
    };
  });
}

export function matches(row: PlanRow, filters: PlanFilters): boolean {
  if (filters.regionId && row.organisation?.region_id !== filters.regionId) return false;
  if (filters.sectorId && row.organisation?.sector_id !== filters.sectorId) return false;
  if (filters.memberId && row.visit.member_a !== filters.memberId && row.visit.member_b !== filters.memberId)
    return false;
  if (filters.status && row.visit.status !== filters.status) return false;
  return true;
}

export function statusLabel(t: TFunction, status: string | null): string {
  return t(`planning.statuses.${(status ?? 'planned') as 'planned'}`);
}

export { formatDate };

export function duoLabel(t: TFunction, row: PlanRow): string {
  const names = [row.memberA?.name, row.memberB?.name].filter((name): name is string => Boolean(name));
  return names.length > 0 ? names.join(' & ') : t('planning.noDuo');
}

export function warningText(
  t: TFunction,
  language: string,
  warning: PlanWarning,
  setup: CampaignSetup,
  rows: readonly PlanRow[],
): string {
  if (warning.kind === 'doubleBooked') {
    const member = setup.members.find((entry) => entry.id === warning.memberId)?.name ?? '?';
    const organisations = warning.visitIds
      .map((id) => rows.find((row) => row.visit.id === id)?.organisation?.name ?? '?')
      .join(', ');
    return t('planning.warnings.doubleBooked', {
      member,
      date: formatDate(language, warning.date, 'long'),
      organisations,
    });
  }
  const row = rows.find((entry) => entry.visit.id === warning.visitId);
  return t('planning.warnings.incompleteDuo', {
    organisation: row?.organisation?.name ?? '?',
    date: formatDate(language, row?.visit.date ?? null, 'long'),
  });
}

export function rowsToCsv(t: TFunction, rows: readonly PlanRow[]): string {
  return planToCsv(
    [
      t('planning.csv.date'),
      t('planning.csv.region'),
      t('planning.csv.organisation'),
      t('planning.csv.sector'),
      t('planning.csv.memberA'),
      t('planning.csv.memberB'),
      t('planning.csv.status'),
    ],
    rows.map((row) => [
      row.visit.date ?? '',
      row.region ? regionName(t, row.region) : '',
      row.organisation?.name ?? '',
      row.sector?.code ?? '',
      row.memberA?.name ?? '',
      row.memberB?.name ?? '',
      statusLabel(t, row.visit.status),
    ]),
  );
}

/** Visits by date, then organisation name. */
export function byDate(a: PlanRow, b: PlanRow): number {
  return (
    (a.visit.date ?? '').localeCompare(b.visit.date ?? '') ||
    (a.organisation?.name ?? '').localeCompare(b.organisation?.name ?? '', 'nl')
  );
}

/** The warnings that concern the visits shown (the same on the planning screen and its print view). */
export function warningsOfShown(warnings: readonly PlanWarning[], shown: readonly PlanRow[]): PlanWarning[] {
  const shownIds = new Set(shown.map((row) => row.visit.id));
  return warnings.filter((warning) =>
    warning.kind === 'doubleBooked'
      ? warning.visitIds.some((visitId) => shownIds.has(visitId))
      : shownIds.has(warning.visitId),
  );
}
