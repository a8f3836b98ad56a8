import type { RecordOf } from '../sync/schema';

/**
 * The records of a campaign as the store reads them. Field names are the synced column names
 * (shared/sync/schema.ts); scores and counts are never stored, they are computed from these.
 */
export type CampaignRecord = RecordOf<'campaigns'>;
export type Sector = RecordOf<'sectors'>;
export type Region = RecordOf<'regions'>;
export type Organisation = RecordOf<'organisations'>;
export type Member = RecordOf<'members'>;
export type RespondentGroup = RecordOf<'respondent_groups'>;
export type StakeholderCategory = RecordOf<'stakeholder_categories'>;
export type GuidingQuestion = RecordOf<'guiding_questions'>;
export type Visit = RecordOf<'visits'>;
export type VisitDocument = RecordOf<'documents'>;
export type Conversation = RecordOf<'conversations'>;
export type Note = RecordOf<'notes'>;
export type SwotItem = RecordOf<'swot_items'>;
export type Lemma = RecordOf<'lemmas'>;
export type GoodPractice = RecordOf<'good_practices'>;
export type Report = RecordOf<'reports'>;
export type ReportSection = RecordOf<'report_sections'>;
export type ReportComment = RecordOf<'report_comments'>;
export type ReportVersion = RecordOf<'report_versions'>;
export type ReportVersionSection = RecordOf<'report_version_sections'>;
export type ReportTemplate = RecordOf<'report_templates'>;

export type { Quadrant } from '../sync/schema';
export { QUADRANTS, REGION_KINDS, REPORT_KINDS, REPORT_STATUSES, VISIT_STATUSES } from '../sync/schema';

/** The sectors a new campaign starts with (keys of guiding-questions.json); campaigns may change them. */
export const DEFAULT_SECTORS: ReadonlyArray<{ readonly code: string; readonly name: string }> = [
  { code: 'IC', name: 'Integratiecentra' },
  { code: 'STVD', name: 'Sociaal tolk- en vertaaldiensten' },
  { code: 'HvN', name: 'Huizen van het Nederlands' },
];

/** Respondent groups per sector code ('default' for a sector without its own list). */
export const DEFAULT_RESPONDENT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  default: ['Leiding en beleid', 'Personeel', 'Stakeholders'],
  STVD: ['Leiding en beleid', 'Personeel', 'Stakeholders', 'Tolken en vertalers', 'Gebruikers'],
};

export const DEFAULT_STAKEHOLDER_CATEGORIES: readonly string[] = [
  'Lokale besturen',
  'Onderwijs',
  'NT2-aanbieders',
  'Welzijn',
  'Werk en tewerkstelling',
  'Andere',
];

/** The Flemish regions of the source case: five provinces and three cities. */
export const DEFAULT_REGIONS: ReadonlyArray<{ readonly name: string; readonly kind: 'province' | 'city' }> = [
  { name: 'West-Vlaanderen', kind: 'province' },
  { name: 'Oost-Vlaanderen', kind: 'province' },
  { name: 'Antwerpen', kind: 'province' },
  { name: 'Limburg', kind: 'province' },
  { name: 'Vlaams-Brabant', kind: 'province' },
  { name: 'Antwerpen', kind: 'city' },
  { name: 'Gent', kind: 'city' },
  { name: 'Brussel', kind: 'city' },
];
