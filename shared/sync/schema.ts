import { z } from 'zod';
import { QUADRANTS, type Quadrant } from '../swot/quadrants';
import { IDENTIFIER_PATTERN, ROW_ID_PATTERN, type JsonValue } from './change';
import { isCalendarDate, isCalendarDateTime } from './dates';
import { textUpdateProblem, YTEXT_KEY, type TextRoot } from './text-update';

/**
 * The sync schema registry: every table and column that travels in the change log, how
 * concurrent edits of it merge, and what values it accepts. The local store, bundles and the
 * central server check every incoming change against it; a table or column that is not listed
 * here is refused (so a change can never name an arbitrary SQL identifier).
 *
 * Kinds:
 * - `lww`: last writer wins per field (hybrid logical clock, node id as tie-break).
 * - `judgement`: last writer wins too, but a concurrent loser is kept in the conflicts table and
 *   shown to the user (keep mine / keep theirs).
 * - `text`: a shared Yjs document; the change value is a base64 Yjs update and every update is
 *   merged (never last-writer-wins). The domain table holds the merged plain text.
 *
 * Every table has the implicit columns `id` (row id) and `campaign_id` (the change's campaign),
 * and the synced tombstone column `deleted` (lww boolean). Column names are the SQL column names
 * of the materialized domain tables (db/migrations).
 */

export { YTEXT_KEY };

/**
 * Version of this registry. A change made under a newer version is kept aside until the store upgrades.
 * 2: reports (pen holder, frozen block values), report sections as rich text with owner and lock,
 * report comments, versions and templates (issue 16).
 * 3: the anonymisation decisions of a report (issue 11).
 * 4: rejected SWOT suggestions (issue 15).
 */
export const SYNC_SCHEMA_VERSION = 4;

export type ColumnKind = 'lww' | 'judgement' | 'text';
/** How a value is kept in its SQLite column: booleans as 0/1, arrays and objects as JSON text. */
export type ColumnStorage = 'text' | 'integer' | 'boolean' | 'json';

export interface ColumnSpec<T extends JsonValue = JsonValue, K extends ColumnKind = ColumnKind> {
  readonly kind: K;
  readonly storage: ColumnStorage;
  /** Validates a value as it travels in a change (for text columns: the base64 Yjs update). */
  readonly value: z.ZodType<T>;
  /**
   * For text columns, the Yjs type the document holds: `text` a Y.Text under YTEXT_KEY (plain
   * notes), `xml` a Y.XmlFragment under REPORT_FRAGMENT_KEY (a report section's rich text,
   * shared/report/). Absent means `text`.
   */
  readonly root?: 'text' | 'xml';
}

export const MAX_SHORT_TEXT = 500;
export const MAX_LONG_TEXT = 20_000;
/** A Yjs update of one text field, base64: up to 1 MiB of characters. */
export const MAX_TEXT_UPDATE_CHARS = 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The spelling of a date (the day is checked by isCalendarDate, shared/sync/dates.ts). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const rowRef = z.string().regex(ROW_ID_PATTERN);

function col<T extends JsonValue, K extends ColumnKind>(
  kind: K,
  storage: ColumnStorage,
  value: z.ZodType<T>,
): ColumnSpec<T, K> {
  return { kind, storage, value };
}

const shortText = (max = MAX_SHORT_TEXT) => col('lww', 'text', z.string().max(max));
const optionalText = (max = MAX_SHORT_TEXT) => col('lww', 'text', z.string().max(max).nullable());
const ref = () => col('lww', 'text', rowRef);
const optionalRef = () => col('lww', 'text', rowRef.nullable());
const refList = () => col('lww', 'json', z.array(rowRef).max(200));
const order = () => col('lww', 'integer', z.number().int().min(0).max(1_000_000));
const flag = () => col('lww', 'boolean', z.boolean());
const date = () =>
  col('lww', 'text', z.string().refine(isCalendarDate, { message: 'not a calendar date (YYYY-MM-DD)' }).nullable());
const dateTime = () =>
  col('lww', 'text', z.string().refine(isCalendarDateTime, { message: 'not a calendar date and time' }).nullable());
const oneOf = <const V extends readonly [string, ...string[]]>(values: V, kind: ColumnKind = 'lww') =>
  col(kind, 'text', z.enum(values));
// A text value is decoded as the Yjs update it must be (shared/sync/text-update.ts), not only
// matched against a pattern, and read as the type its document holds.
const textUpdate = (root: TextRoot) =>
  z
    .string()
    .max(MAX_TEXT_UPDATE_CHARS)
    .superRefine((value, context) => {
      const problem = textUpdateProblem(value, root);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });
const sharedText = () => col('text', 'text', textUpdate('text'));
/** A rich text (report section): a Y.XmlFragment edited by the TipTap editor; the domain table holds its plain text. */
const richText = (): ColumnSpec<string, 'text'> => ({ ...col('text', 'text', textUpdate('xml')), root: 'xml' });
/** JSON of a server-written snapshot (frozen block values), capped like a text update. */
const snapshotJson = () =>
  col(
    'lww',
    'json',
    z
      .record(z.string().max(2000), z.json())
      .nullable()
      .refine((value) => value === null || JSON.stringify(value).length <= MAX_TEXT_UPDATE_CHARS, {
        message: 'too large',
      }),
  );

// One vocabulary for quadrants everywhere (store, scoring, CLI, UI): the plural names of issue 6.
export { QUADRANTS, type Quadrant };
/**
 * A visit's status: laptops move it through the fieldwork states (planned, in_progress, done,
 * cancelled); the sync server owns the review states (submitted, approved) and writes them itself
 * (server/workflow.ts), so laptops must be able to store them.
 */
export const VISIT_STATUSES = ['planned', 'in_progress', 'done', 'cancelled', 'submitted', 'approved'] as const;
export const REGION_KINDS = ['province', 'city'] as const;
export const REPORT_KINDS = ['region', 'sector', 'final'] as const;
/** A report's status; 'final' is written only by the sync server when the region coordinator or sector lead finalises it. */
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'final'] as const;
/** Why a report version was kept: a workflow step, or on demand ("versie voor sectordag"). */
export const REPORT_VERSION_REASONS = ['submitted', 'approved', 'final', 'manual'] as const;

/** The kinds of hit of the anonymisation check (shared/anonymise/check.ts derives its type from this list). */
export const ANONYMITY_HIT_KINDS = [
  'organisation',
  'member',
  'person',
  'email',
  'phone',
  'nationalNumber',
  'kbo',
  'iban',
  'region',
  'smallCell',
] as const;
/** What was decided about a hit: replaced by a label, or allowed with a reason. */
export const ANONYMITY_ACTIONS = ['replace', 'allow'] as const;

const deleted = flag();

/** Every synced table, its columns and their kinds. Keep in step with db/migrations. */
export const syncTables = {
  // The campaign name and a SWOT item's text take what their forms always allowed (120 and 2000).
  campaigns: { name: shortText(120), working_year: shortText(9), created_at: dateTime(), deleted },
  sectors: { code: shortText(20), name: shortText(200), sort_order: order(), deleted },
  regions: { name: shortText(200), kind: oneOf(REGION_KINDS), deleted },
  organisations: {
    sector_id: ref(),
    region_id: ref(),
    name: shortText(300),
    address: optionalText(),
    contact: optionalText(1000),
    deleted,
  },
  members: {
    name: shortText(200),
    email: optionalText(320),
    is_inspector: flag(),
    is_team_lead: flag(),
    /** Region ids this member coordinates (region coordinator role). */
    coordinator_of: refList(),
    /** Sector ids this member is lead ("pen holder") of. */
    sector_lead_of: refList(),
    deleted,
  },
  respondent_groups: { sector_id: ref(), name: shortText(200), sort_order: order(), deleted },
  stakeholder_categories: { name: shortText(200), sort_order: order(), deleted },
  guiding_questions: {
    sector_id: ref(),
    sort_order: order(),
    number: shortText(20),
    text: shortText(2000),
    sub_questions: col('lww', 'json', z.array(z.string().max(2000)).max(100)),
    deleted,
  },
  visits: {
    organisation_id: ref(),
    date: date(),
    member_a: optionalRef(),
    member_b: optionalRef(),
    status: oneOf(VISIT_STATUSES),
    deleted,
  },
  documents: {
    visit_id: ref(),
    title: shortText(500),
    kind: shortText(100),
    date: date(),
    blob_hash: col(
      'lww',
      'text',
      z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
    ),
    deleted,
  },
  conversations: {
    visit_id: ref(),
    respondent_group_ids: refList(),
    starts_at: dateTime(),
    ends_at: dateTime(),
    /** Participants per stakeholder category id (counts, as the duo recorded them). */
    participant_counts: col('lww', 'json', z.record(rowRef, z.number().int().min(0).max(10_000))),
    deleted,
  },
  notes: {
    visit_id: ref(),
    conversation_id: ref(),
    guiding_question_id: optionalRef(),
    author_id: ref(),
    text: sharedText(),
    deleted,
  },
  swot_items: {
    visit_id: ref(),
    conversation_id: ref(),
    quadrant: oneOf(QUADRANTS, 'judgement'),
    text: shortText(2000),
    author_id: ref(),
    lemma_id: col('judgement', 'text', rowRef.nullable()),
    deleted,
  },
  lemmas: {
    sector_id: ref(),
    respondent_group_id: ref(),
    quadrant: oneOf(QUADRANTS),
    name: col('judgement', 'text', z.string().max(300)),
    narrative: sharedText(),
    deleted,
  },
  good_practices: { visit_id: ref(), text: shortText(MAX_LONG_TEXT), deleted },
  reports: {
    kind: oneOf(REPORT_KINDS),
    /** The region (kind region) or sector (kind sector) the report covers; null for the final report. */
    scope_id: optionalRef(),
    title: shortText(500),
    status: oneOf(REPORT_STATUSES),
    /** The member who holds the pen (default owner of every section). */
    pen_holder_id: optionalRef(),
    /** The comment of the last send-back (written by the server with the status). */
    status_comment: optionalText(5000),
    /** Block key (shared/report/model.ts blockKey) → resolved values, recorded by the server when the report is finalised (laptops cannot write it). */
    frozen_blocks: snapshotJson(),
    deleted,
  },
  report_sections: {
    report_id: ref(),
    sort_order: order(),
    title: shortText(500),
    /** The section's document: a Y.XmlFragment (schema 2; schema 1 held a plain Y.Text, moved by migration 004). */
    body: richText(),
    /** The template section it was made from (null: added by hand). */
    template_key: optionalText(100),
    /** For a region report's section about one visit (not `visit_id`: a report is not a visit's record). */
    source_visit_id: optionalRef(),
    /** The owner (null: the report's pen holder); only the owner locks. */
    owner_id: optionalRef(),
    /** A locked section takes edits from its owner only; the server holds the others'. */
    locked: flag(),
    deleted,
  },
  /** A comment on a selection of a section (or a reply: parent_id), anchored by Yjs relative positions. */
  report_comments: {
    report_id: ref(),
    section_id: ref(),
    parent_id: optionalRef(),
    author_id: ref(),
    text: shortText(MAX_LONG_TEXT),
    /** base64 Y.RelativePosition of the selection's start and end in the section's fragment. */
    anchor: col(
      'lww',
      'json',
      z
        .object({ start: z.string().max(2000).regex(BASE64), end: z.string().max(2000).regex(BASE64) })
        .strict()
        .nullable(),
    ),
    quote: optionalText(2000),
    resolved: flag(),
    created_at: dateTime(),
    deleted,
  },
  /** A named, read-only copy of a report at a workflow step or on demand. */
  report_versions: {
    report_id: ref(),
    name: shortText(200),
    reason: oneOf(REPORT_VERSION_REASONS),
    author_id: optionalRef(),
    created_at: dateTime(),
    deleted,
  },
  /** One section of a version: its title and its ProseMirror JSON as text, never edited after. */
  report_version_sections: {
    version_id: ref(),
    section_id: ref(),
    sort_order: order(),
    title: shortText(500),
    content: col('lww', 'text', z.string().max(MAX_TEXT_UPDATE_CHARS)),
    deleted,
  },
  /** A campaign's template of one report kind (absent: the built-in template of shared/report/templates.ts). */
  report_templates: {
    kind: oneOf(REPORT_KINDS),
    sections: col(
      'lww',
      'json',
      z
        .array(z.json())
        .max(100)
        .refine((value) => JSON.stringify(value).length <= MAX_LONG_TEXT * 10, { message: 'too large' }),
    ),
    deleted,
  },
  /**
   * The audit trail of the anonymisation check (shared/anonymise): what a member decided about a
   * hit of a report, with a reason. `hit_key` names the term (every occurrence of it); the id
   * is deterministic per report and key, so two laptops deciding on the same hit merge.
   */
  report_anonymity: {
    report_id: ref(),
    hit_key: shortText(700),
    kind: oneOf(ANONYMITY_HIT_KINDS),
    term: shortText(500),
    action: oneOf(ANONYMITY_ACTIONS),
    /** The label that replaces the term (action replace). */
    replacement: optionalText(500),
    /** Why the term may stay (action allow). */
    reason: optionalText(2000),
    author_id: ref(),
    decided_at: dateTime(),
    deleted,
  },
  /**
   * A SWOT suggestion a member turned down (issue 15): a proposed group of items (lemma_id null)
   * or the hint "this item → this lemma" (one item). Never proposed again. The id is
   * deterministic per scope, items and lemma (db/store/ids.ts), so two laptops
   * rejecting the same suggestion merge; deleting the record proposes it again.
   */
  suggestion_rejections: {
    sector_id: ref(),
    respondent_group_id: ref(),
    item_ids: refList(),
    lemma_id: optionalRef(),
    author_id: ref(),
    rejected_at: dateTime(),
    deleted,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

export type SyncTables = typeof syncTables;
export type TableName = keyof SyncTables;
export type ColumnName<T extends TableName> = keyof SyncTables[T] & string;

/** The plain value of a column as the domain table holds it (text columns: the merged plain text). */
export type ColumnValue<T extends TableName, C extends ColumnName<T>> =
  SyncTables[T][C] extends ColumnSpec<infer V> ? (SyncTables[T][C] extends { kind: 'text' } ? string : V) : never;

/** One row of a domain table as read from the store. A field whose first change has not arrived yet reads as null. */
export type RecordOf<T extends TableName> = { readonly id: string; readonly campaign_id: string } & {
  readonly [C in ColumnName<T>]: C extends 'deleted'
    ? boolean
    : SyncTables[T][C] extends { kind: 'text' }
      ? string
      : ColumnValue<T, C> | null;
};

/** Values for a local write: a subset of the columns; text columns take the new plain text. */
export type ValuesOf<T extends TableName> = { readonly [C in ColumnName<T>]?: ColumnValue<T, C> };

/** Tables whose rows belong to one visit: every one of them carries visit_id. */
export const VISIT_SCOPED_TABLES = [
  'documents',
  'conversations',
  'notes',
  'swot_items',
  'good_practices',
] as const satisfies readonly TableName[];

export const TABLE_NAMES = Object.keys(syncTables) as TableName[];

export function isTableName(value: string): value is TableName {
  return IDENTIFIER_PATTERN.test(value) && Object.prototype.hasOwnProperty.call(syncTables, value);
}

export function columnSpec(table: string, column: string): ColumnSpec | undefined {
  if (!isTableName(table) || !IDENTIFIER_PATTERN.test(column)) return undefined;
  const columns = syncTables[table] as Record<string, ColumnSpec>;
  return Object.prototype.hasOwnProperty.call(columns, column) ? columns[column] : undefined;
}

export function columnsOf(table: TableName): ReadonlyArray<readonly [string, ColumnSpec]> {
  return Object.entries(syncTables[table] as Record<string, ColumnSpec>);
}

export type ValueCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks a change's table, column and value against the registry (not its envelope: see changeSchema). */
export function checkChangeTarget(table: string, column: string, value: JsonValue): ValueCheck {
  if (!isTableName(table)) return { ok: false, reason: `unknown table ${JSON.stringify(table.slice(0, 80))}` };
  const spec = columnSpec(table, column);
  if (!spec) return { ok: false, reason: `unknown column ${JSON.stringify(column.slice(0, 80))} of table ${table}` };
  const parsed = spec.value.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `bad value for ${table}.${column}: ${issue ? issue.message : 'invalid'}` };
  }
  return { ok: true };
}
