import type { Profile } from '../../db/profile';
import type { LocalStore } from '../../db/store/store';
import type { ExportValues } from '../../shared/contract/export';
import type { Language } from '../../shared/i18n';
import type { GazetteerSource } from '../../shared/anonymise/gazetteer';
import { exportLabels, translator } from '../../shared/export/labels';
import { blockKey, buildExportDocument, collectBlocks, type ExportDocument } from '../../shared/export/model';
import { sectionJson } from '../../shared/report/document';
import type { Report } from '../../shared/domain/model';
import { ServiceError } from '../errors';
import { resolveBlocks } from '../reports/blocks';
import { listSections, requireReport } from '../reports/reports';

/** What to export: a report, its sections (null: all), live or frozen values, in which language, under which team name. */
export interface ExportSelection {
  readonly reportId: string;
  readonly values: ExportValues;
  readonly sectionIds: readonly string[] | null;
  readonly language: Language;
  readonly teamName: string;
  /** k of the small-cell rule (shared/contract/export.ts anonymityKSchema; default DEFAULT_K). */
  readonly k?: number;
}

export interface LoadedExport {
  readonly report: Report;
  readonly campaignId: string;
  readonly doc: ExportDocument;
  /** The section id of each export section, in order (unit ids `s0`, `s1`, ... point at these). */
  readonly sectionIds: readonly string[];
  /** The sector a section speaks of (a sector report's own sector), for the region rule of the check. */
  readonly sectorOfSection: (sectionId: string) => string | null;
}

const DATE_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  'nl-BE': new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }),
};

/** The report as the export model: its sections' documents with every live block resolved, live or frozen. */
export function loadExport(profile: Profile, selection: ExportSelection, now: Date = new Date()): LoadedExport {
  const store = profile.store;
  const report = requireReport(store, selection.reportId);
  const campaignId = report.campaign_id;
  if (selection.values === 'frozen' && report.status !== 'final') {
    throw new ServiceError(
      'INVALID_INPUT',
      'Only a final report has frozen values; export the live values (marked concept) instead.',
    );
  }
  const wanted = selection.sectionIds ? new Set(selection.sectionIds) : null;
  const sections = listSections(store, report.id)
    .filter((section) => !wanted || wanted.has(section.id))
    .map((section) => ({
      id: section.id,
      title: section.title ?? '',
      content: sectionJson(store.textState('report_sections', section.id, 'body')),
    }));
  const blocks = collectBlocks(sections.map((section) => section.content));
  const resolved = resolveBlocks(
    store,
    campaignId,
    selection.values === 'frozen' ? report.id : null,
    blocks,
    selection.language,
  );
  const values = new Map(
    blocks
      .map((block, index) => [blockKey(block), resolved[index]] as const)
      .filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined),
  );
  const organisationOfVisit = new Map(
    store
      .list('visits', { campaign_id: campaignId }, { includeDeleted: true })
      .map((visit) => [visit.id, visit.organisation_id ?? visit.id]),
  );
  const campaign = store.get('campaigns', campaignId);
  const doc = buildExportDocument({
    title: report.title ?? '',
    campaignName: campaign?.name ?? '',
    date: DATE_FORMATS[selection.language].format(now),
    teamName: selection.teamName,
    concept: selection.values === 'live',
    sections,
    values,
    labels: exportLabels(translator(selection.language)),
    organisationsOf: (visitIds) => new Set(visitIds.map((id) => organisationOfVisit.get(id) ?? id)).size,
  });
  const sectorId = report.kind === 'sector' ? report.scope_id : null;
  return {
    report,
    campaignId,
    doc,
    sectionIds: sections.map((section) => section.id),
    sectorOfSection: () => sectorId,
  };
}

/** The campaign's own records as the gazetteer reads them: names, short forms, e-mail addresses, and the texts names are mined from. */
export function gazetteerSource(store: LocalStore, campaignId: string): GazetteerSource {
  const where = { campaign_id: campaignId };
  const texts: string[] = [];
  for (const note of store.list('notes', where)) if (note.text) texts.push(note.text);
  for (const document of store.list('documents', where)) if (document.title) texts.push(document.title);
  for (const practice of store.list('good_practices', where)) if (practice.text) texts.push(practice.text);
  return {
    sectors: store
      .list('sectors', where)
      .map((sector) => ({ id: sector.id, code: sector.code ?? '', name: sector.name ?? '' })),
    regions: store.list('regions', where).map((region) => ({ id: region.id, name: region.name ?? '' })),
    organisations: store.list('organisations', where).map((organisation) => ({
      id: organisation.id,
      name: organisation.name ?? '',
      sectorId: organisation.sector_id ?? '',
      regionId: organisation.region_id ?? '',
      contact: organisation.contact,
    })),
    members: store
      .list('members', where)
      .map((member) => ({ id: member.id, name: member.name ?? '', email: member.email })),
    texts,
  };
}
