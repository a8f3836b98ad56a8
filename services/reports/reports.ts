import * as Y from 'yjs';
import type { Profile } from '../../db/profile';
import { lastEdit } from '../../db/repositories/reports';
import * as ids from '../../db/store/ids';
import type { LocalStore } from '../../db/store/store';
import { decodeBase64, encodeBase64 } from '../../db/store/text';
import type {
  ReportAction,
  ReportDetail,
  ReportKind,
  ReportSectionView,
  ReportStatus,
  ReportSummary,
  TemplateSectionSpec,
} from '../../shared/contract/reports';
import type { Member, Report, ReportSection } from '../../shared/domain/model';
import { deterministicUpdate, sectionText, wordCount } from '../../shared/report/document';
import { DEFAULT_TEMPLATES, expandContent, templateSectionsSchema } from '../../shared/report/templates';
import { catalogs } from '../../shared/i18n';
import { REPORT_KINDS } from '../../shared/sync/schema';
import { ServiceError } from '../errors';
import { currentMemberId } from '../identity';

/*
 * Reports and their sections in the local store: deterministic ids, creation from templates,
 * the list and detail views, and who may edit what. Section bodies are rich texts (Yjs
 * XmlFragment documents) written only as Yjs updates (reports.section.update).
 */

// The ids live with the other deterministic ids (db/store/ids.ts), where the server's claim check reads them.
export function reportId(campaignId: string, kind: ReportKind, scopeId: string | null): string {
  return ids.reportId(campaignId, kind, scopeId);
}

export function sectionId(report: string, templateKey: string, visitId: string | null): string {
  return ids.reportSectionId(report, templateKey, visitId);
}

export function templateId(campaignId: string, kind: ReportKind): string {
  return ids.reportTemplateId(campaignId, kind);
}

export function requireReport(store: LocalStore, id: string): Report {
  const report = store.get('reports', id);
  if (!report) throw new ServiceError('NOT_FOUND', `No report ${id}`);
  return report;
}

export function requireSection(store: LocalStore, id: string): ReportSection {
  const section = store.get('report_sections', id);
  if (!section) throw new ServiceError('NOT_FOUND', `No report section ${id}`);
  return section;
}

/** The template of each kind: the campaign's own (report_templates) or the built-in one. */
export function templatesOf(store: LocalStore, campaignId: string): Record<ReportKind, readonly TemplateSectionSpec[]> {
  const result = { ...DEFAULT_TEMPLATES } as Record<ReportKind, readonly TemplateSectionSpec[]>;
  for (const kind of REPORT_KINDS) {
    const row = store.get('report_templates', templateId(campaignId, kind));
    const parsed = row ? templateSectionsSchema.safeParse(row.sections) : null;
    if (parsed?.success && parsed.data.length > 0) result[kind] = parsed.data;
  }
  return result;
}

export function saveTemplate(
  store: LocalStore,
  campaignId: string,
  kind: ReportKind,
  sections: readonly TemplateSectionSpec[],
  author: string,
): string {
  const parsed = templateSectionsSchema.safeParse(sections);
  if (!parsed.success)
    throw new ServiceError(
      'INVALID_INPUT',
      `The template is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  const keys = parsed.data.map((section) => section.key);
  if (new Set(keys).size !== keys.length)
    throw new ServiceError('INVALID_INPUT', 'Two sections of the template have the same key.');
  const id = templateId(campaignId, kind);
  const values = { kind, sections: parsed.data as unknown as never };
  if (store.get('report_templates', id, { includeDeleted: true }) === undefined)
    store.insert('report_templates', campaignId, values, { id, author });
  else store.update('report_templates', id, { ...values, deleted: false }, { author });
  return id;
}

function members(store: LocalStore, campaignId: string): Member[] {
  return store.list('members', { campaign_id: campaignId }, { orderBy: ['name', 'id'] });
}

/** The member who holds the pen by default: the region's coordinator, the sector's lead, the team lead. */
function defaultPenHolder(all: readonly Member[], kind: ReportKind, scopeId: string | null): string | null {
  const match = all.find((member) =>
    kind === 'region'
      ? (member.coordinator_of ?? []).includes(scopeId ?? '')
      : kind === 'sector'
        ? (member.sector_lead_of ?? []).includes(scopeId ?? '')
        : member.is_team_lead === true,
  );
  return match?.id ?? null;
}

/** How a region is named in the data (Dutch, like the rest of a report's stored titles). */
const REGION_NAMES = catalogs['nl-BE'].setup.regions;

const dateFormat = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * Creates the reports and sections the templates call for that do not exist yet: one region
 * report per region, one sector report per sector, one final report, and in a region report one
 * section per visit of the region. Ids are deterministic and initial content is a deterministic
 * Yjs update, so two laptops doing this offline end with one report, its content once.
 */
export function createMissingReports(
  store: LocalStore,
  campaignId: string,
  author: string,
): { created: number; sectionsCreated: number } {
  if (!store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
  const templates = templatesOf(store, campaignId);
  const team = members(store, campaignId);
  const organisations = new Map(store.list('organisations', { campaign_id: campaignId }).map((row) => [row.id, row]));
  const names = new Map(team.map((member) => [member.id, member.name ?? member.id]));
  const scopes: { kind: ReportKind; scopeId: string | null; scopeName: string; titleName?: string }[] = [
    ...store.list('regions', { campaign_id: campaignId }, { orderBy: ['name', 'id'] }).map((region) => ({
      kind: 'region' as const,
      scopeId: region.id,
      scopeName: region.name ?? region.id,
      // A province and a city can share a name (Antwerpen): the title says which one it is.
      titleName: (region.kind === 'city' ? REGION_NAMES.cityName : REGION_NAMES.provinceName).replace(
        '{{name}}',
        region.name ?? region.id,
      ),
    })),
    ...store.list('sectors', { campaign_id: campaignId }, { orderBy: ['sort_order', 'id'] }).map((sector) => ({
      kind: 'sector' as const,
      scopeId: sector.id,
      scopeName: sector.name ?? sector.code ?? sector.id,
    })),
    { kind: 'final', scopeId: null, scopeName: '' },
  ];
  let created = 0;
  let sectionsCreated = 0;
  store.transaction(() => {
    for (const scope of scopes) {
      const id = reportId(campaignId, scope.kind, scope.scopeId);
      const existing = store.get('reports', id, { includeDeleted: true });
      if (existing?.deleted) continue;
      if (!existing) {
        const title =
          scope.kind === 'region'
            ? `Regiorapport ${scope.titleName ?? scope.scopeName}`
            : scope.kind === 'sector'
              ? `Sectorhoofdstuk ${scope.scopeName}`
              : 'Eindrapport';
        store.insert(
          'reports',
          campaignId,
          {
            kind: scope.kind,
            scope_id: scope.scopeId,
            title,
            status: 'draft',
            pen_holder_id: defaultPenHolder(team, scope.kind, scope.scopeId),
          },
          { id, author },
        );
        created += 1;
      }
      const groups =
        scope.kind === 'sector'
          ? store
              .list(
                'respondent_groups',
                { campaign_id: campaignId, sector_id: scope.scopeId },
                { orderBy: ['sort_order', 'id'] },
              )
              .map((group) => ({ id: group.id, name: group.name ?? group.id }))
          : [];
      const visits =
        scope.kind === 'region'
          ? store
              .list('visits', { campaign_id: campaignId }, { orderBy: ['date', 'id'] })
              .filter(
                (visit) =>
                  visit.status !== 'cancelled' &&
                  organisations.get(visit.organisation_id ?? '')?.region_id === scope.scopeId,
              )
          : [];
      const base = { scopeId: scope.scopeId ?? '', scopeName: scope.scopeName };
      templates[scope.kind].forEach((template, index) => {
        const instances =
          template.repeat === 'visit'
            ? visits.map((visit, position) => ({
                visitId: visit.id as string | null,
                order: index * 1000 + position + 1,
                values: {
                  ...base,
                  visitId: visit.id,
                  organisation: organisations.get(visit.organisation_id ?? '')?.name ?? visit.id,
                  date: visit.date ? dateFormat.format(new Date(`${visit.date}T12:00:00Z`)) : '—',
                  duo:
                    [visit.member_a, visit.member_b]
                      .map((member) => (member ? (names.get(member) ?? member) : ''))
                      .filter(Boolean)
                      .join(' & ') || '—',
                },
              }))
            : [{ visitId: null, order: index * 1000, values: base }];
        for (const instance of instances) {
          const sid = sectionId(id, template.key, instance.visitId);
          if (store.get('report_sections', sid, { includeDeleted: true })) continue;
          const title = template.title.replace(
            /\{([a-zA-Z]+)\}/g,
            (whole, name: string) => (instance.values as Record<string, string>)[name] ?? whole,
          );
          store.insert(
            'report_sections',
            campaignId,
            {
              report_id: id,
              sort_order: instance.order,
              title,
              template_key: template.key,
              source_visit_id: instance.visitId,
              owner_id: null,
              locked: false,
            },
            { id: sid, author },
          );
          const content = expandContent(template.content, instance.values, groups);
          if (content)
            store.applyTextUpdate('report_sections', sid, 'body', deterministicUpdate(sid, content), { author });
          sectionsCreated += 1;
        }
      });
    }
  });
  return { created, sectionsCreated };
}

/** The roles of a member that the report workflow asks for. */
function responsibleFor(report: Report, member: Member | undefined): boolean {
  if (!member) return false;
  if (report.kind === 'region')
    return (member.coordinator_of ?? []).includes(report.scope_id ?? '') || member.is_team_lead === true;
  if (report.kind === 'sector') return (member.sector_lead_of ?? []).includes(report.scope_id ?? '');
  return member.is_team_lead === true;
}

/**
 * Workflow moves (the server has the last word, server/report-workflow.ts holds the same rule):
 * submit draft → submitted and finalise (→ final) by the report's responsible member (region:
 * its coordinator; sector: that sector's lead; final: the team lead); approve submitted →
 * approved by the team lead (the final report: the team lead too); send back (→ draft, with a
 * comment) by either.
 */
export function allowedActions(report: Report, member: Member | undefined): ReportAction[] {
  const status = (report.status ?? 'draft') as ReportStatus;
  const responsible = responsibleFor(report, member);
  const lead = member?.is_team_lead === true;
  const actions: ReportAction[] = [];
  if (status === 'draft' && responsible) actions.push('submit');
  if (status === 'submitted' && lead) actions.push('approve');
  if ((status === 'submitted' || status === 'approved' || status === 'final') && (responsible || lead))
    actions.push('sendBack');
  if (status !== 'final' && responsible) actions.push('finalise');
  return actions;
}

export function ownerOf(report: Report, section: ReportSection): string | null {
  return section.owner_id ?? report.pen_holder_id ?? null;
}

/** Why this profile's member may not edit a section now, or null when they may. */
export function editRefusal(profile: Profile, report: Report, section: ReportSection): string | null {
  if (report.status === 'final')
    return `The report "${report.title ?? report.id}" is final; its text no longer changes.`;
  const me = currentMemberId(profile, report.campaign_id);
  if (section.locked) {
    const owner = ownerOf(report, section);
    if (owner !== me) {
      const name = owner ? (profile.store.get('members', owner)?.name ?? owner) : '—';
      return `The section "${section.title ?? section.id}" is locked by ${name}; only they can change it until they unlock it.`;
    }
  }
  return null;
}

export function listSections(store: LocalStore, reportIdValue: string): ReportSection[] {
  return store.list('report_sections', { report_id: reportIdValue }, { orderBy: ['sort_order', 'id'] });
}

function summary(
  store: LocalStore,
  report: Report,
  sections: readonly ReportSection[],
  names: ReadonlyMap<string, string>,
): ReportSummary {
  const scopeName = report.scope_id
    ? report.kind === 'region'
      ? (store.get('regions', report.scope_id)?.name ?? report.scope_id)
      : (store.get('sectors', report.scope_id)?.name ?? report.scope_id)
    : null;
  const edit = lastEdit(store, [
    { table: 'reports', id: report.id },
    ...sections.map((section) => ({ table: 'report_sections', id: section.id })),
  ]);
  return {
    id: report.id,
    campaignId: report.campaign_id,
    kind: (report.kind ?? 'final') as ReportKind,
    scopeId: report.scope_id,
    scopeName,
    title: report.title ?? report.id,
    status: (report.status ?? 'draft') as ReportStatus,
    penHolderId: report.pen_holder_id,
    penHolderName: report.pen_holder_id ? (names.get(report.pen_holder_id) ?? report.pen_holder_id) : null,
    sectionCount: sections.length,
    lastEditAt: edit?.at ?? null,
    lastEditBy: edit?.author ?? null,
    lastEditByName: edit ? (names.get(edit.author) ?? edit.author) : null,
  };
}

function memberNameMap(store: LocalStore, campaignId: string): Map<string, string> {
  return new Map(
    store
      .list('members', { campaign_id: campaignId }, { includeDeleted: true })
      .map((member) => [member.id, member.name ?? member.id]),
  );
}

const KIND_ORDER: Record<string, number> = { region: 0, sector: 1, final: 2 };

export function listReports(store: LocalStore, campaignId: string): ReportSummary[] {
  if (!store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
  const names = memberNameMap(store, campaignId);
  return store
    .list('reports', { campaign_id: campaignId })
    .map((report) => summary(store, report, listSections(store, report.id), names))
    .sort(
      (a, b) =>
        (KIND_ORDER[a.kind] ?? 3) - (KIND_ORDER[b.kind] ?? 3) ||
        (a.scopeName ?? '').localeCompare(b.scopeName ?? '', 'nl') ||
        a.id.localeCompare(b.id),
    );
}

export function sectionView(
  profile: Profile,
  report: Report,
  section: ReportSection,
  names: ReadonlyMap<string, string>,
): ReportSectionView {
  const owner = section.owner_id;
  const edit = lastEdit(profile.store, [{ table: 'report_sections', id: section.id }]);
  return {
    id: section.id,
    reportId: report.id,
    title: section.title ?? '',
    sortOrder: section.sort_order ?? 0,
    templateKey: section.template_key,
    visitId: section.source_visit_id,
    ownerId: owner,
    ownerName: owner ? (names.get(owner) ?? owner) : null,
    locked: section.locked === true,
    mayEdit: editRefusal(profile, report, section) === null,
    wordCount: wordCount(section.body),
    lastEditAt: edit?.at ?? null,
    lastEditByName: edit ? (names.get(edit.author) ?? edit.author) : null,
  };
}

export function reportDetail(profile: Profile, id: string): ReportDetail {
  const store = profile.store;
  const report = requireReport(store, id);
  const names = memberNameMap(store, report.campaign_id);
  const sections = listSections(store, id);
  const me = currentMemberId(profile, report.campaign_id);
  const member = me ? store.get('members', me) : undefined;
  return {
    report: summary(store, report, sections, names),
    sections: sections.map((section) => sectionView(profile, report, section, names)),
    actions: allowedActions(report, member),
    frozen: report.status === 'final' && report.frozen_blocks !== null,
    sentBackComment: report.status_comment,
  };
}

/** A section's Yjs state, or the part of it a caller with `stateVector` lacks. */
export function sectionState(
  profile: Profile,
  id: string,
  stateVector: string | null,
): { update: string; stateVector: string; report: Report; section: ReportSection } {
  const store = profile.store;
  const section = requireSection(store, id);
  const report = requireReport(store, section.report_id ?? '');
  const state = store.textState('report_sections', id, 'body');
  const doc = new Y.Doc({ gc: true });
  try {
    if (state.byteLength > 0) Y.applyUpdate(doc, state);
    const vector = stateVector ? decodeBase64(stateVector) : null;
    if (stateVector && !vector) throw new ServiceError('INVALID_INPUT', 'The state vector is not canonical base64.');
    const update = vector
      ? Y.encodeStateAsUpdate(doc, vector)
      : state.byteLength > 0
        ? state
        : Y.encodeStateAsUpdate(doc);
    return { update: encodeBase64(update), stateVector: encodeBase64(Y.encodeStateVector(doc)), report, section };
  } finally {
    doc.destroy();
  }
}

/** Applies the editor's local Yjs update; refused, storing nothing, when the section is locked by another or the report is final. */
export function applySectionUpdate(
  profile: Profile,
  id: string,
  update: string,
  author: string,
): { savedAt: string; stateVector: string } {
  const store = profile.store;
  const section = requireSection(store, id);
  const report = requireReport(store, section.report_id ?? '');
  const refusal = editRefusal(profile, report, section);
  if (refusal) throw new ServiceError('FORBIDDEN', refusal);
  const bytes = decodeBase64(update);
  if (!bytes || bytes.byteLength === 0) throw new ServiceError('INVALID_INPUT', 'The update is not canonical base64.');
  store.applyTextUpdate('report_sections', id, 'body', bytes, { author });
  const state = store.textState('report_sections', id, 'body');
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, state);
    return { savedAt: new Date().toISOString(), stateVector: encodeBase64(Y.encodeStateVector(doc)) };
  } finally {
    doc.destroy();
  }
}

export function sectionPlainText(store: LocalStore, id: string): string {
  return sectionText(store.textState('report_sections', id, 'body'));
}
