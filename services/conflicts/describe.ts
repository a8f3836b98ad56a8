import type { LocalStore } from '../../db/store/store';
import type { ConflictRecordView, ConflictValueView } from '../../shared/contract/conflicts';
import type { JsonValue } from '../../shared/sync/change';
import { columnSpec, type TableName } from '../../shared/sync/schema';

/**
 * What a conflict card says about its record and values, read from the laptop's records: a SWOT
 * item by its text, a visit by its organisation and date, an organisation or member by its name.
 */

const MAX_NAME = 160;

function shorten(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

type Row = Record<string, unknown> & { readonly id: string };

function row(store: LocalStore, table: TableName, id: string): Row | null {
  return (store.get(table, id, { includeDeleted: true }) as Row | undefined) ?? null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The visit a row belongs to (its own id for a visit). */
function visitOf(store: LocalStore, table: TableName, record: Row): Row | null {
  if (table === 'visits') return record;
  const visitId = text(record.visit_id) ?? text(record.source_visit_id);
  return visitId ? row(store, 'visits', visitId) : null;
}

/** The name a record is known by, without its visit (see describeRecord). */
function ownName(store: LocalStore, table: TableName, record: Row): string {
  switch (table) {
    case 'visits': {
      const organisation = text(record.organisation_id);
      return (organisation && text(row(store, 'organisations', organisation)?.name)) ?? record.id;
    }
    case 'conversations': {
      const groups = Array.isArray(record.respondent_group_ids) ? (record.respondent_group_ids as string[]) : [];
      const names = groups.map((id) => text(row(store, 'respondent_groups', id)?.name)).filter(Boolean);
      return names.join(', ') || record.id;
    }
    case 'notes': {
      const questionId = text(record.guiding_question_id);
      const question = questionId ? row(store, 'guiding_questions', questionId) : null;
      const start = text(record.text);
      return (
        [text(question?.number), start ? shorten(start) : null].filter(Boolean).join(' · ') ||
        ownName(store, 'conversations', row(store, 'conversations', text(record.conversation_id) ?? '') ?? record)
      );
    }
    case 'guiding_questions':
      return [text(record.number), text(record.text)].filter(Boolean).join(' ') || record.id;
    case 'report_comments':
      return text(record.quote) ?? text(record.text) ?? record.id;
    case 'report_anonymity':
      return text(record.term) ?? record.id;
    default:
      return text(record.name) ?? text(record.title) ?? text(record.text) ?? text(record.code) ?? record.id;
  }
}

/** The record a conflict is about, named as the user knows it. */
export function describeRecord(store: LocalStore, table: TableName, rowId: string): ConflictRecordView {
  const record = row(store, table, rowId);
  if (!record) return { table, rowId, name: rowId, organisation: null, date: null, visitId: null };
  const visit = visitOf(store, table, record);
  const organisationId = visit ? text(visit.organisation_id) : null;
  return {
    table,
    rowId,
    name: shorten(ownName(store, table, record)),
    organisation: organisationId ? (text(row(store, 'organisations', organisationId)?.name) ?? null) : null,
    date: visit ? text(visit.date) : null,
    visitId: visit ? visit.id : null,
  };
}

/** The table a reference column points to (null: not a reference). */
const REFERENCES: Readonly<Record<string, TableName>> = {
  sector_id: 'sectors',
  region_id: 'regions',
  organisation_id: 'organisations',
  member_a: 'members',
  member_b: 'members',
  author_id: 'members',
  owner_id: 'members',
  pen_holder_id: 'members',
  respondent_group_id: 'respondent_groups',
  respondent_group_ids: 'respondent_groups',
  coordinator_of: 'regions',
  sector_lead_of: 'sectors',
  lemma_id: 'lemmas',
  visit_id: 'visits',
  source_visit_id: 'visits',
  conversation_id: 'conversations',
  guiding_question_id: 'guiding_questions',
  report_id: 'reports',
  section_id: 'report_sections',
  parent_id: 'report_comments',
  version_id: 'report_versions',
};

function referenceName(store: LocalStore, table: TableName, id: string): string {
  const record = row(store, table, id);
  return record ? shorten(ownName(store, table, record)) : id;
}

/** A value of a field as the card shows it (references by name, states and dates typed for the UI). */
export function describeValue(
  store: LocalStore,
  table: TableName,
  column: string,
  value: JsonValue,
): ConflictValueView {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0))
    return { type: 'empty', text: '' };
  const referenced = REFERENCES[column];
  if (referenced) {
    const ids = Array.isArray(value) ? value : [value];
    return {
      type: 'text',
      text: ids.map((id) => (typeof id === 'string' ? referenceName(store, referenced, id) : String(id))).join(', '),
    };
  }
  if (typeof value === 'boolean') return { type: 'flag', text: String(value) };
  if (column === 'participant_counts' && typeof value === 'object' && !Array.isArray(value)) {
    const parts = Object.entries(value).map(
      ([category, count]) => `${referenceName(store, 'stakeholder_categories', category)}: ${String(count)}`,
    );
    return { type: 'text', text: parts.join(', ') };
  }
  if (Array.isArray(value)) return { type: 'text', text: value.map((entry) => String(entry)).join('; ') };
  if (typeof value !== 'string') return { type: 'text', text: JSON.stringify(value) };
  if (column === 'date') return { type: 'date', text: value };
  if (column === 'starts_at' || column === 'ends_at' || column === 'created_at' || column === 'decided_at')
    return { type: 'dateTime', text: value };
  if (column === 'quadrant') return { type: 'quadrant', text: value };
  if (column === 'status') return { type: table === 'reports' ? 'reportStatus' : 'visitStatus', text: value };
  if (column === 'kind' && table === 'regions') return { type: 'regionKind', text: value };
  if (column === 'kind' && (table === 'reports' || table === 'report_templates'))
    return { type: 'reportKind', text: value };
  if (table === 'reports' && column === 'scope_id') {
    const region = row(store, 'regions', value);
    const sector = region ? null : row(store, 'sectors', value);
    const name = region ? ownName(store, 'regions', region) : sector ? ownName(store, 'sectors', sector) : value;
    return { type: 'text', text: name };
  }
  return { type: 'text', text: shorten(value) };
}

/**
 * Fields whose concurrent loss the panel does not show: values written by the system (frozen
 * values, version copies, comment anchors, hit keys, creation times) and list positions, which
 * mean nothing as a number and whose result the list itself shows.
 */
const UNSHOWN_COLUMNS: ReadonlySet<string> = new Set([
  'frozen_blocks',
  'content',
  'anchor',
  'hit_key',
  'created_at',
  'decided_at',
  'sort_order',
  'sections',
]);

export function isShownColumn(table: TableName, column: string): boolean {
  return columnSpec(table, column) !== undefined && !UNSHOWN_COLUMNS.has(column);
}
