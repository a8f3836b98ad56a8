import type { ChannelName } from '../../../shared/contract/channels';
import { LOCAL_TOPICS, type LocalTopic } from '../../../shared/contract/events';
import type { TableName } from '../../../shared/sync/schema';

/**
 * What each read channel's answer depends on: the synced tables it reads and the local state
 * topics (shared/contract/events.ts). This is the ONE place that says it; the invalidation
 * (invalidation.ts) derives from it which cached queries a change event makes stale.
 * A read channel missing here is refreshed on every event (safe, only slower): add it when you
 * add a read channel. Write channels need no entry: their writes arrive as events.
 */
export interface Reads {
  readonly tables: readonly TableName[] | 'all';
  readonly local?: readonly LocalTopic[];
}

const SETUP_TABLES = [
  'campaigns',
  'sectors',
  'regions',
  'organisations',
  'members',
  'respondent_groups',
  'stakeholder_categories',
  'guiding_questions',
] as const;
const SWOT_TABLES = [
  'campaigns',
  'sectors',
  'respondent_groups',
  'members',
  'organisations',
  'visits',
  'conversations',
  'swot_items',
  'lemmas',
] as const;
const REPORT_LIST_TABLES = ['campaigns', 'sectors', 'regions', 'members', 'reports', 'report_sections'] as const;
/** What live blocks, quotes and their evidence are computed from (frozen values live on the report). */
const REPORT_BLOCK_TABLES = [
  ...SWOT_TABLES,
  'regions',
  'stakeholder_categories',
  'guiding_questions',
  'good_practices',
  'notes',
  'reports',
] as const;
const VISIT_TABLES = [...SETUP_TABLES, 'visits', 'conversations', 'notes', 'documents', 'good_practices'] as const;

export const CHANNEL_READS: Partial<Readonly<Record<ChannelName, Reads>>> = {
  'app.info': { tables: [] },
  'campaigns.list': { tables: ['campaigns'] },
  'identity.get': { tables: ['campaigns', 'members'], local: ['identity'] },
  'setup.get': { tables: SETUP_TABLES },
  'planning.get': { tables: [...SETUP_TABLES, 'visits'] },
  'search.query': { tables: ['visits', 'organisations', 'conversations', 'guiding_questions', 'notes', 'documents'] },
  'swot.scopes': { tables: SWOT_TABLES },
  'swot.board': { tables: SWOT_TABLES },
  'swot.capture': { tables: SWOT_TABLES },
  'swot.suggestions': { tables: [...SWOT_TABLES, 'suggestion_rejections'] },
  'swot.agreement': { tables: SWOT_TABLES },
  'swot.team': { tables: SWOT_TABLES },
  // Pushed whole by the services as a `sync` event whenever it changes (an edit changes the count
  // of changes to send): DataProvider puts it in the cache, so no event makes it be read again.
  // Read once when first shown and again after a resync (events may have been missed).
  'sync.status': { tables: [] },
  // A conflict can be on any field, and a card names its record from other tables.
  'conflicts.list': { tables: 'all', local: ['identity'] },
  'duo.info': { tables: 'all', local: ['jobs'] },
  // Set aside by a sync round or a duo file's import, retried or discarded by the user; cards name records.
  'setAside.list': { tables: 'all', local: ['sync', 'jobs', 'setAside'] },
  'setAside.counts': { tables: ['campaigns'], local: ['sync', 'jobs', 'setAside'] },
  'jobs.export': { tables: [], local: ['jobs'] },
  'jobs.import': { tables: [], local: ['jobs'] },
  'visit.get': { tables: VISIT_TABLES, local: ['identity'] },
  'conversations.get': { tables: VISIT_TABLES, local: ['identity'] },
  'documents.search': { tables: ['documents'] },
  // A file's bytes never change under its id.
  'documents.open': { tables: [] },
  // Reports (issue 16). A section's own text is not in these answers except where it says so, so a
  // keystroke's save (a report_sections change) refreshes the lists and the section views but
  // never the live blocks, which read only the analysis.
  'reports.list': { tables: REPORT_LIST_TABLES },
  'reports.get': { tables: REPORT_LIST_TABLES, local: ['identity'] },
  'reports.blocks.resolve': { tables: REPORT_BLOCK_TABLES },
  'reports.evidence': { tables: REPORT_BLOCK_TABLES },
  'reports.regionSources': { tables: REPORT_BLOCK_TABLES },
  'reports.comments.list': { tables: ['report_comments', 'members'] },
  'reports.versions.list': { tables: ['report_versions', 'members'] },
  // A version never changes under its id; a comparison with the current text reads the sections.
  'reports.versions.get': { tables: ['report_versions', 'report_version_sections'] },
  'reports.versions.compare': { tables: ['report_versions', 'report_version_sections', 'report_sections'] },
  'reports.section.json': { tables: ['report_sections'] },
  'reports.templates.get': { tables: ['report_templates'] },
  'workflow.held': { tables: 'all', local: ['sync'] },
  // Outcomes arrive with a sync round (local state) and name records of the visit's tables.
  'workflow.ownHeld': { tables: VISIT_TABLES, local: ['sync'] },
  'vault.status': { tables: [], local: ['vault'] },
  // Paired partners are named by the members who wrote on their laptop.
  'lan.status': { tables: ['members'], local: ['lan'] },
};

/** Every table and every topic: what an undeclared channel is taken to read. */
const EVERYTHING: Reads = { tables: 'all', local: LOCAL_TOPICS };

export function readsOf(channel: string): Reads {
  return Object.prototype.hasOwnProperty.call(CHANNEL_READS, channel)
    ? (CHANNEL_READS[channel as ChannelName] as Reads)
    : EVERYTHING;
}
