import type { JsonValue } from '../../shared/sync/change';
import {
  deterministicId,
  guidingQuestionId,
  reportId,
  reportSectionId,
  reportTemplateId,
  respondentGroupId,
  sectorId,
  stakeholderCategoryId,
} from './ids';

/**
 * Which deterministic row ids a campaign owns by construction: ids hashed from the campaign id
 * (sectors, default regions, stakeholder categories, report templates, reports) or from a row of
 * the campaign that is hashed from it in turn (a sector's guiding questions and respondent
 * groups, a report's sections). Anyone who knows a campaign's id can compute them, so they
 * decide who may hold such an id when two campaigns claim it: the campaign it derives from.
 *
 * `ownIdOf` answers the id a row of `table` would have in `campaign` given its creating values,
 * and the row it derives from (null when it derives from the campaign itself); null when the
 * table's ids are not derived this way (random ids) or a value is missing.
 */
export interface OwnId {
  readonly id: string;
  /** The row this id is hashed from, which must itself be the campaign's. */
  readonly parent: { readonly table: string; readonly id: string } | null;
}

type Values = Readonly<Record<string, JsonValue | undefined>>;

const text = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);

const DERIVATIONS: Readonly<Record<string, (campaign: string, values: Values) => OwnId | null>> = {
  sectors: (campaign, values) => {
    const code = text(values.code);
    return code === null ? null : { id: sectorId(campaign, code), parent: null };
  },
  regions: (campaign, values) => {
    const kind = text(values.kind);
    const name = text(values.name);
    return kind === null || name === null ? null : { id: deterministicId('rn', campaign, kind, name), parent: null };
  },
  stakeholder_categories: (campaign, values) => {
    const name = text(values.name);
    return name === null ? null : { id: stakeholderCategoryId(campaign, name), parent: null };
  },
  guiding_questions: (_campaign, values) => {
    const sector = text(values.sector_id);
    const number = text(values.number);
    return sector === null || number === null
      ? null
      : { id: guidingQuestionId(sector, number), parent: { table: 'sectors', id: sector } };
  },
  respondent_groups: (_campaign, values) => {
    const sector = text(values.sector_id);
    const name = text(values.name);
    return sector === null || name === null
      ? null
      : { id: respondentGroupId(sector, name), parent: { table: 'sectors', id: sector } };
  },
  report_templates: (campaign, values) => {
    const kind = text(values.kind);
    return kind === null ? null : { id: reportTemplateId(campaign, kind), parent: null };
  },
  reports: (campaign, values) => {
    const kind = text(values.kind);
    if (kind === null || !('scope_id' in values)) return null;
    return { id: reportId(campaign, kind, text(values.scope_id)), parent: null };
  },
  report_sections: (_campaign, values) => {
    const report = text(values.report_id);
    const key = text(values.template_key);
    if (report === null || key === null || !('source_visit_id' in values)) return null;
    return { id: reportSectionId(report, key, text(values.source_visit_id)), parent: { table: 'reports', id: report } };
  },
};

/** The columns a table's derivation reads (to collect them from a batch or a log). */
export const OWN_ID_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sectors: ['code'],
  regions: ['kind', 'name'],
  stakeholder_categories: ['name'],
  guiding_questions: ['sector_id', 'number'],
  respondent_groups: ['sector_id', 'name'],
  report_templates: ['kind'],
  reports: ['kind', 'scope_id'],
  report_sections: ['report_id', 'template_key', 'source_visit_id'],
};

/** The kind prefix of each table's deterministic ids (db/store/ids.ts); rows made by hand have random ids instead. */
const ID_KINDS: Readonly<Record<string, string>> = {
  sectors: 'sc',
  regions: 'rn',
  stakeholder_categories: 'sk',
  guiding_questions: 'gq',
  respondent_groups: 'rg',
  report_templates: 'rt',
  reports: 'rp',
  report_sections: 'rs',
};

/** Whether a row id has the shape of its table's deterministic ids (`kind-` and 32 hex digits). */
export function hasDerivedShape(table: string, rowId: string): boolean {
  const kind = ID_KINDS[table];
  return kind !== undefined && rowId.length === kind.length + 33 && new RegExp(`^${kind}-[0-9a-f]{32}$`).test(rowId);
}

export function ownIdOf(table: string, campaign: string, values: Values): OwnId | null {
  return DERIVATIONS[table]?.(campaign, values) ?? null;
}
