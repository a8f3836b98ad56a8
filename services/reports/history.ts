import { randomUUID } from 'node:crypto';
import { diffWords } from 'diff';
import type { LocalStore } from '../../db/store/store';
import type {
  CommentView,
  SectionComparison,
  VersionDetail,
  VersionReason,
  VersionSummary,
} from '../../shared/contract/reports';
import type { ReportComment } from '../../shared/domain/model';
import { sectionJson, sectionText } from '../../shared/report/document';
import { reportJsonSchema, type ReportJson } from '../../shared/report/model';
import { ServiceError } from '../errors';
import { listSections, requireReport, requireSection } from './reports';

/*
 * Comments (synced records anchored by Yjs relative positions) and versions (named read-only
 * copies of a report's sections) of a report.
 */

function names(store: LocalStore, campaignId: string): Map<string, string> {
  return new Map(
    store
      .list('members', { campaign_id: campaignId }, { includeDeleted: true })
      .map((member) => [member.id, member.name ?? member.id]),
  );
}

export function addComment(
  store: LocalStore,
  input: {
    sectionId: string;
    text: string;
    parentId: string | null;
    anchor: { start: string; end: string } | null;
    quote: string;
  },
  author: string,
): string {
  const section = requireSection(store, input.sectionId);
  if (input.parentId) {
    const parent = store.get('report_comments', input.parentId);
    if (!parent || parent.section_id !== section.id)
      throw new ServiceError('NOT_FOUND', `No comment ${input.parentId} on this section`);
  }
  return store.insert(
    'report_comments',
    section.campaign_id,
    {
      report_id: section.report_id ?? '',
      section_id: section.id,
      parent_id: input.parentId,
      author_id: author,
      text: input.text,
      anchor: input.parentId ? null : input.anchor,
      quote: input.quote || null,
      resolved: false,
      created_at: new Date().toISOString(),
    },
    { author },
  );
}

export function setCommentResolved(store: LocalStore, commentId: string, resolved: boolean, author: string): string {
  const comment = store.get('report_comments', commentId);
  if (!comment) throw new ServiceError('NOT_FOUND', `No comment ${commentId}`);
  store.update('report_comments', commentId, { resolved }, { author });
  return commentId;
}

export function listComments(store: LocalStore, reportId: string): CommentView[] {
  const report = requireReport(store, reportId);
  const who = names(store, report.campaign_id);
  const rows = store.list('report_comments', { report_id: reportId }, { orderBy: ['created_at', 'id'] });
  const view = (row: ReportComment): CommentView => ({
    id: row.id,
    reportId,
    sectionId: row.section_id ?? '',
    parentId: row.parent_id,
    authorId: row.author_id ?? '',
    authorName: who.get(row.author_id ?? '') ?? row.author_id ?? '',
    text: row.text ?? '',
    anchor: row.anchor,
    quote: row.quote ?? '',
    resolved: row.resolved === true,
    createdAt: row.created_at,
    replies: rows.filter((reply) => reply.parent_id === row.id).map(view),
  });
  const ids = new Set(rows.map((row) => row.id));
  // A reply whose parent is gone is shown as a thread of its own, never lost.
  return rows.filter((row) => row.parent_id === null || !ids.has(row.parent_id)).map(view);
}

/** Keeps a named read-only copy of every section of the report. */
export function createVersion(
  store: LocalStore,
  reportId: string,
  name: string,
  reason: VersionReason,
  author: string | null,
  options: { readonly id?: string } = {},
): string {
  const report = requireReport(store, reportId);
  return store.transaction(() => {
    const id = options.id ?? randomUUID();
    store.insert(
      'report_versions',
      report.campaign_id,
      { report_id: reportId, name, reason, author_id: author, created_at: new Date().toISOString() },
      { id, ...(author ? { author } : {}) },
    );
    for (const section of listSections(store, reportId)) {
      const content = sectionJson(store.textState('report_sections', section.id, 'body'));
      store.insert(
        'report_version_sections',
        report.campaign_id,
        {
          version_id: id,
          section_id: section.id,
          sort_order: section.sort_order ?? 0,
          title: section.title ?? '',
          content: JSON.stringify(content),
        },
        { id: `${id}.${section.id}`.slice(0, 200), ...(author ? { author } : {}) },
      );
    }
    return id;
  });
}

export function listVersions(store: LocalStore, reportId: string): VersionSummary[] {
  const report = requireReport(store, reportId);
  const who = names(store, report.campaign_id);
  return store.list('report_versions', { report_id: reportId }, { orderBy: ['created_at', 'id'] }).map((row) => ({
    id: row.id,
    reportId,
    name: row.name ?? '',
    reason: (row.reason ?? 'manual') as VersionReason,
    createdAt: row.created_at,
    authorName: row.author_id ? (who.get(row.author_id) ?? row.author_id) : null,
  }));
}

function parseContent(text: string | null): ReportJson {
  try {
    const parsed = reportJsonSchema.safeParse(JSON.parse(text ?? 'null'));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: a damaged copy reads as an empty document
  }
  return { type: 'doc', content: [] };
}

function jsonText(node: ReportJson): string {
  const lines: string[] = [];
  const visit = (current: ReportJson): void => {
    const children = current.content ?? [];
    if (children.some((child) => child.type === 'text')) {
      lines.push(children.map((child) => child.text ?? '').join(''));
      return;
    }
    if (children.length === 0 && (current.type === 'paragraph' || current.type === 'heading')) lines.push('');
    children.forEach(visit);
  };
  visit(node);
  return lines.join('\n');
}

export function versionDetail(store: LocalStore, versionId: string): VersionDetail {
  const version = store.get('report_versions', versionId);
  if (!version) throw new ServiceError('NOT_FOUND', `No report version ${versionId}`);
  const summary = listVersions(store, version.report_id ?? '').find((row) => row.id === versionId);
  if (!summary) throw new ServiceError('NOT_FOUND', `No report version ${versionId}`);
  const sections = store
    .list('report_version_sections', { version_id: versionId }, { orderBy: ['sort_order', 'id'] })
    .map((row) => {
      const content = parseContent(row.content);
      return {
        sectionId: row.section_id ?? '',
        title: row.title ?? '',
        sortOrder: row.sort_order ?? 0,
        content,
        text: jsonText(content),
      };
    });
  return { version: summary, sections };
}

/** Compares two versions (or a version with the current text) section by section, word by word. */
export function compareVersions(store: LocalStore, from: string, to: string | null): SectionComparison[] {
  const left = versionDetail(store, from);
  const right =
    to !== null
      ? versionDetail(store, to).sections
      : listSections(store, left.version.reportId).map((section) => ({
          sectionId: section.id,
          title: section.title ?? '',
          sortOrder: section.sort_order ?? 0,
          text: sectionText(store.textState('report_sections', section.id, 'body')),
        }));
  const before = new Map(left.sections.map((section) => [section.sectionId, section]));
  const after = new Map(right.map((section) => [section.sectionId, section]));
  const order = [
    ...right.map((section) => section.sectionId),
    ...left.sections.map((section) => section.sectionId).filter((id) => !after.has(id)),
  ];
  return order.map((id): SectionComparison => {
    const old = before.get(id);
    const current = after.get(id);
    const parts = diffWords(old?.text ?? '', current?.text ?? '').map((part) => ({
      text: part.value,
      kind: part.added ? ('inserted' as const) : part.removed ? ('deleted' as const) : ('same' as const),
    }));
    const state = !old
      ? 'added'
      : !current
        ? 'removed'
        : parts.every((part) => part.kind === 'same') && old.title === current.title
          ? 'same'
          : 'changed';
    return { sectionId: id, title: current?.title ?? old?.title ?? '', state, parts };
  });
}
