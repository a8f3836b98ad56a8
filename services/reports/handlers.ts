import type { Profile } from '../../db/profile';
import type { ReportAction, ReportStatus, reportChannels, VersionReason } from '../../shared/contract/reports';
import type { Quadrant } from '../../shared/domain/model';
import {
  loadSectionDoc,
  sectionFragment,
  sectionJson,
  sectionText,
  unknownContent,
} from '../../shared/report/document';
import { sourceFingerprint } from '../../shared/report/model';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { currentMemberId, requireAuthor } from '../identity';
import type { SyncController } from '../sync/controller';
import { evidence, resolveBlocks } from './blocks';
import {
  addComment,
  compareVersions,
  createVersion,
  listComments,
  listVersions,
  setCommentResolved,
  versionDetail,
} from './history';
import {
  allowedActions,
  applySectionUpdate,
  createMissingReports,
  listReports,
  listSections,
  reportDetail,
  requireReport,
  requireSection,
  saveTemplate,
  sectionState,
  templatesOf,
} from './reports';

type ReportHandlers = HandlersOf<typeof reportChannels>;

const TARGET: Record<ReportAction, 'submitted' | 'approved' | 'draft' | 'final'> = {
  submit: 'submitted',
  approve: 'approved',
  sendBack: 'draft',
  finalise: 'final',
};
/** The version a workflow step keeps, named in the report's language (Dutch: the team's). */
const STEP_VERSION: Partial<Record<ReportAction, { reason: VersionReason; name: string }>> = {
  submit: { reason: 'submitted', name: 'Ingediend' },
  approve: { reason: 'approved', name: 'Goedgekeurd' },
  finalise: { reason: 'final', name: 'Definitief' },
};

export function createReportHandlers(profile: Profile, sync: SyncController): ReportHandlers {
  const store = profile.store;
  const sectionAndReport = (sectionId: string) => {
    const section = requireSection(store, sectionId);
    return { section, report: requireReport(store, section.report_id ?? '') };
  };

  return {
    'reports.list': ({ campaignId }) => listReports(store, campaignId),
    'reports.createMissing': ({ campaignId }) =>
      createMissingReports(store, campaignId, requireAuthor(profile, campaignId)),
    'reports.get': ({ reportId }) => reportDetail(profile, reportId),
    'reports.setPenHolder': ({ reportId, memberId }) => {
      const report = requireReport(store, reportId);
      if (memberId !== null && store.get('members', memberId)?.campaign_id !== report.campaign_id)
        throw new ServiceError('NOT_FOUND', `No member ${memberId} in this campaign`);
      store.update(
        'reports',
        reportId,
        { pen_holder_id: memberId },
        { author: requireAuthor(profile, report.campaign_id) },
      );
      return { id: reportId };
    },
    'reports.section.add': ({ reportId, title, afterSectionId }) => {
      const report = requireReport(store, reportId);
      const author = requireAuthor(profile, report.campaign_id);
      const sections = listSections(store, reportId);
      const after = afterSectionId
        ? sections.findIndex((section) => section.id === afterSectionId)
        : sections.length - 1;
      const before = sections[after]?.sort_order ?? 0;
      const next = sections[after + 1]?.sort_order;
      const order = next === undefined || next === null ? before + 1000 : Math.floor((before + next) / 2);
      const id = store.insert(
        'report_sections',
        report.campaign_id,
        {
          report_id: reportId,
          sort_order: order,
          title,
          template_key: null,
          source_visit_id: null,
          owner_id: null,
          locked: false,
        },
        { author },
      );
      return { id };
    },
    'reports.section.rename': ({ sectionId, title }) => {
      const { section, report } = sectionAndReport(sectionId);
      store.update('report_sections', section.id, { title }, { author: requireAuthor(profile, report.campaign_id) });
      return { id: section.id };
    },
    'reports.section.state': ({ sectionId, stateVector }) => {
      const { update, stateVector: vector, report, section } = sectionState(profile, sectionId, stateVector);
      const detail = reportDetail(profile, report.id).sections.find((view) => view.id === section.id);
      const doc = loadSectionDoc(store.textState('report_sections', section.id, 'body'));
      try {
        const unknown = unknownContent(sectionFragment(doc));
        return {
          sectionId,
          reportId: report.id,
          update,
          stateVector: vector,
          locked: section.locked === true,
          mayEdit: (detail?.mayEdit ?? false) && unknown.length === 0,
          unknownContent: unknown,
        };
      } finally {
        doc.destroy();
      }
    },
    'reports.section.update': ({ sectionId, update }) => {
      const { report } = sectionAndReport(sectionId);
      return applySectionUpdate(profile, sectionId, update, requireAuthor(profile, report.campaign_id));
    },
    'reports.section.json': ({ sectionId }) => {
      const state = store.textState('report_sections', requireSection(store, sectionId).id, 'body');
      return { content: sectionJson(state), text: sectionText(state) };
    },
    'reports.section.setOwner': ({ sectionId, ownerId }) => {
      const { section, report } = sectionAndReport(sectionId);
      const me = requireAuthor(profile, report.campaign_id);
      if (section.locked) throw new ServiceError('CONFLICT', 'Unlock the section before giving it another owner.');
      if (ownerId !== null && store.get('members', ownerId)?.campaign_id !== report.campaign_id)
        throw new ServiceError('NOT_FOUND', `No member ${ownerId} in this campaign`);
      store.update('report_sections', section.id, { owner_id: ownerId }, { author: me });
      return { id: section.id };
    },
    'reports.section.lock': ({ sectionId, locked }) => {
      const { section, report } = sectionAndReport(sectionId);
      const me = requireAuthor(profile, report.campaign_id);
      const owner = section.owner_id ?? report.pen_holder_id;
      if (owner !== me) throw new ServiceError('FORBIDDEN', 'Only the owner of a section can lock or unlock it.');
      store.update('report_sections', section.id, { locked }, { author: me });
      return { id: section.id, locked };
    },
    'reports.blocks.resolve': ({ campaignId, reportId, blocks, language }) => {
      if (!store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      return resolveBlocks(store, campaignId, reportId, blocks, language);
    },
    'reports.evidence': ({ campaignId, items, conversations, visits }) =>
      evidence(store, campaignId, { items, conversations, visits }),
    'reports.regionSources': ({ reportId }) => {
      const report = requireReport(store, reportId);
      if (report.kind !== 'region' || !report.scope_id)
        throw new ServiceError('INVALID_INPUT', 'Only a region report pulls from the visits of its region.');
      const region = store.get('regions', report.scope_id);
      const organisations = new Map(
        store
          .list('organisations', { campaign_id: report.campaign_id, region_id: report.scope_id })
          .map((row) => [row.id, row]),
      );
      const names = new Map(
        store
          .list('members', { campaign_id: report.campaign_id }, { includeDeleted: true })
          .map((member) => [member.id, member.name ?? member.id]),
      );
      const questions = new Map(
        store
          .list('guiding_questions', { campaign_id: report.campaign_id })
          .map((question) => [question.id, `${question.number ?? ''} ${question.text ?? ''}`.trim()]),
      );
      const visits = store
        .list('visits', { campaign_id: report.campaign_id }, { orderBy: ['date', 'id'] })
        .filter((visit) => organisations.has(visit.organisation_id ?? '') && visit.status !== 'cancelled')
        .map((visit) => ({
          id: visit.id,
          organisation: organisations.get(visit.organisation_id ?? '')?.name ?? visit.id,
          date: visit.date,
          status: visit.status ?? 'planned',
          duo: [visit.member_a, visit.member_b].flatMap((member) => (member ? [names.get(member) ?? member] : [])),
          goodPractices: store
            .list('good_practices', { visit_id: visit.id })
            .map((row) => ({ id: row.id, text: row.text ?? '', fingerprint: sourceFingerprint(row.text ?? '') })),
          notes: store
            .list('notes', { visit_id: visit.id })
            .filter((note) => note.text.trim().length > 0)
            .map((note) => ({
              id: note.id,
              question: note.guiding_question_id ? (questions.get(note.guiding_question_id) ?? null) : null,
              author: names.get(note.author_id ?? '') ?? note.author_id ?? '',
              text: note.text,
              fingerprint: sourceFingerprint(note.text),
            })),
          items: store.list('swot_items', { visit_id: visit.id }).map((item) => ({
            id: item.id,
            quadrant: (item.quadrant ?? 'strengths') as Quadrant,
            text: item.text ?? '',
            fingerprint: sourceFingerprint(item.text ?? ''),
          })),
        }));
      return { regionName: region?.name ?? report.scope_id, visits };
    },
    'reports.comments.list': ({ reportId }) => listComments(store, reportId),
    'reports.comments.add': (input) => {
      const { report } = sectionAndReport(input.sectionId);
      return { id: addComment(store, input, requireAuthor(profile, report.campaign_id)) };
    },
    'reports.comments.setResolved': ({ commentId, resolved }) => {
      const comment = store.get('report_comments', commentId);
      if (!comment) throw new ServiceError('NOT_FOUND', `No comment ${commentId}`);
      return { id: setCommentResolved(store, commentId, resolved, requireAuthor(profile, comment.campaign_id)) };
    },
    'reports.versions.list': ({ reportId }) => listVersions(store, reportId),
    'reports.versions.create': ({ reportId, name }) => {
      const report = requireReport(store, reportId);
      return { id: createVersion(store, reportId, name, 'manual', requireAuthor(profile, report.campaign_id)) };
    },
    'reports.versions.get': ({ versionId }) => versionDetail(store, versionId),
    'reports.versions.compare': ({ from, to }) => compareVersions(store, from, to),
    'reports.workflow': async ({ reportId, action, comment }) => {
      const report = requireReport(store, reportId);
      const me = currentMemberId(profile, report.campaign_id);
      const member = me ? store.get('members', me) : undefined;
      if (!allowedActions(report, member).includes(action)) {
        throw new ServiceError(
          'FORBIDDEN',
          `You cannot ${action} this report now (it is ${report.status ?? 'draft'}); the region coordinator, the sector lead or the team lead can, as the workflow says.`,
        );
      }
      if (action === 'sendBack' && comment.trim() === '')
        throw new ServiceError('INVALID_INPUT', 'Say why the report is sent back.');
      // Finalising: the server resolves and records the blocks' frozen values from its own
      // records, so everything typed here goes to it first.
      if (action === 'finalise') await sync.pushPending();
      const answer = await sync.online((client) =>
        client.transitionReport(report.campaign_id, reportId, TARGET[action], comment ? { comment } : {}),
      );
      // Apply the server's changes now, so the report shows its new state without waiting for a pull.
      store.applyRemote(answer.changes ?? [answer.change], 'server');
      const step = STEP_VERSION[action];
      if (step)
        createVersion(store, reportId, `${step.name} ${new Date().toISOString().slice(0, 10)}`, step.reason, me);
      return { status: answer.status as ReportStatus };
    },
    'reports.templates.get': ({ campaignId }) => templatesOf(store, campaignId),
    'reports.templates.save': ({ campaignId, kind, sections }) => ({
      id: saveTemplate(
        store,
        campaignId,
        kind,
        sections.map((section) => ({ ...section, content: (section.content ?? null) as never })),
        requireAuthor(profile, campaignId),
      ),
    }),
  };
}
