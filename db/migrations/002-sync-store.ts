import { randomBytes } from 'node:crypto';
import { formatHlc } from '../../shared/sync/hlc';
import type { Migration } from '../migrate';

/**
 * The sync-ready store: the change log and its bookkeeping, and the domain tables that the log
 * materializes. Domain tables have no NOT NULL value columns and no foreign keys on purpose:
 * a row's fields arrive as independent changes, in any order, possibly before the row they point
 * at (a note before its visit), so every column must accept "not yet known".
 *
 * Campaigns created before the log existed are rebuilt with a tombstone column and entered into
 * the log as changes of this node, so that they sync like everything else.
 */
const SYNC_TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  node TEXT NOT NULL,
  author TEXT NOT NULL,
  campaign TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  value TEXT NOT NULL,
  prev TEXT,
  schema INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('local', 'bundle', 'peer', 'server'))
) STRICT;
CREATE INDEX changes_field ON changes (tbl, row_id, col);
CREATE INDEX changes_campaign ON changes (campaign, seq);
CREATE TABLE node_clock (
  campaign TEXT NOT NULL,
  node TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (campaign, node)
) STRICT, WITHOUT ROWID;
CREATE TABLE field_versions (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  hlc TEXT NOT NULL,
  prev TEXT,
  value TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) STRICT, WITHOUT ROWID;
CREATE TABLE text_states (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (tbl, row_id, col)
) STRICT, WITHOUT ROWID;
CREATE TABLE conflicts (
  loser_hlc TEXT PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  campaign TEXT NOT NULL,
  winner_hlc TEXT NOT NULL,
  loser_value TEXT NOT NULL,
  loser_node TEXT NOT NULL,
  loser_author TEXT NOT NULL
) STRICT;
CREATE INDEX conflicts_field ON conflicts (tbl, row_id, col);
CREATE TABLE deferred_changes (
  id TEXT PRIMARY KEY,
  schema INTEGER NOT NULL,
  source TEXT NOT NULL,
  change TEXT NOT NULL
) STRICT;
`;

const DOMAIN_TABLES = `
CREATE TABLE campaigns_v2 (
  id TEXT PRIMARY KEY, name TEXT, working_year TEXT, created_at TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE sectors (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, code TEXT, name TEXT, sort_order INTEGER, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE regions (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, name TEXT, kind TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE organisations (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, sector_id TEXT, region_id TEXT, name TEXT, address TEXT, contact TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE members (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, name TEXT, email TEXT, is_inspector INTEGER, is_team_lead INTEGER,
  coordinator_of TEXT, sector_lead_of TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE respondent_groups (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, sector_id TEXT, name TEXT, sort_order INTEGER, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE stakeholder_categories (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, name TEXT, sort_order INTEGER, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE guiding_questions (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, sector_id TEXT, sort_order INTEGER, number TEXT, text TEXT, sub_questions TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE visits (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, organisation_id TEXT, date TEXT, member_a TEXT, member_b TEXT, status TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE documents (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, visit_id TEXT, title TEXT, kind TEXT, date TEXT, blob_hash TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE conversations (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, visit_id TEXT, respondent_group_ids TEXT, starts_at TEXT, ends_at TEXT,
  participant_counts TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE notes (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, visit_id TEXT, conversation_id TEXT, guiding_question_id TEXT, author_id TEXT,
  text TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE swot_items (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, visit_id TEXT, conversation_id TEXT, quadrant TEXT, text TEXT, author_id TEXT,
  lemma_id TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE lemmas (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, sector_id TEXT, respondent_group_id TEXT, quadrant TEXT, name TEXT, narrative TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE good_practices (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, visit_id TEXT, text TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE reports (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, kind TEXT, scope_id TEXT, title TEXT, status TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE report_sections (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, report_id TEXT, sort_order INTEGER, title TEXT, body TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX sectors_campaign ON sectors (campaign_id);
CREATE INDEX regions_campaign ON regions (campaign_id);
CREATE INDEX organisations_campaign ON organisations (campaign_id);
CREATE INDEX members_campaign ON members (campaign_id);
CREATE INDEX respondent_groups_sector ON respondent_groups (sector_id);
CREATE INDEX stakeholder_categories_campaign ON stakeholder_categories (campaign_id);
CREATE INDEX guiding_questions_sector ON guiding_questions (sector_id, sort_order);
CREATE INDEX visits_campaign ON visits (campaign_id, date);
CREATE INDEX documents_visit ON documents (visit_id);
CREATE INDEX conversations_visit ON conversations (visit_id);
CREATE INDEX notes_conversation ON notes (conversation_id);
CREATE INDEX notes_visit ON notes (visit_id);
CREATE INDEX swot_items_conversation ON swot_items (conversation_id);
CREATE INDEX swot_items_visit ON swot_items (visit_id);
CREATE INDEX swot_items_lemma ON swot_items (lemma_id);
CREATE INDEX lemmas_campaign ON lemmas (campaign_id, sector_id, respondent_group_id);
CREATE INDEX good_practices_visit ON good_practices (visit_id);
CREATE INDEX reports_campaign ON reports (campaign_id);
CREATE INDEX report_sections_report ON report_sections (report_id, sort_order);
`;

interface LegacyCampaign {
  readonly id: string;
  readonly name: string;
  readonly working_year: string;
  readonly created_at: string;
}

export const migration002: Migration = {
  version: 2,
  name: 'sync-store',
  up: (db) => {
    db.exec(SYNC_TABLES);
    db.exec(DOMAIN_TABLES);
    const node = randomBytes(8).toString('hex');
    db.prepare("INSERT INTO meta (key, value) VALUES ('node_id', ?)").run(node);

    const legacy = db
      .prepare('SELECT id, name, working_year, created_at FROM campaigns ORDER BY created_at, id')
      .all() as LegacyCampaign[];
    db.exec(
      'INSERT INTO campaigns_v2 (id, name, working_year, created_at) SELECT id, name, working_year, created_at FROM campaigns',
    );
    db.exec('DROP TABLE campaigns');
    db.exec('ALTER TABLE campaigns_v2 RENAME TO campaigns');

    // Enter the existing campaigns into the log, stamped at their creation time (schema 1).
    const insertChange = db.prepare(
      `INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
       VALUES (?, ?, ?, ?, 'campaigns', ?, ?, ?, NULL, 1, 'local')`,
    );
    const insertVersion = db.prepare(
      "INSERT INTO field_versions (tbl, row_id, col, hlc, prev, value) VALUES ('campaigns', ?, ?, ?, NULL, ?)",
    );
    const bumpClock = db.prepare(
      'INSERT INTO node_clock (campaign, node, hlc) VALUES (?, ?, ?) ON CONFLICT (campaign, node) DO UPDATE SET hlc = max(hlc, excluded.hlc)',
    );
    let counter = 0;
    let lastMs = -1;
    for (const campaign of legacy) {
      const parsed = Date.parse(campaign.created_at);
      const ms = Math.min(Number.isFinite(parsed) ? parsed : 0, Date.now());
      const fields: ReadonlyArray<readonly [string, string]> = [
        ['name', campaign.name],
        ['working_year', campaign.working_year],
        ['created_at', campaign.created_at],
        ['deleted', 'false'],
      ];
      for (const [column, raw] of fields) {
        counter = ms === lastMs ? counter + 1 : 0;
        lastMs = ms;
        const hlc = formatHlc({ wallMs: ms, counter, node });
        const value = column === 'deleted' ? raw : JSON.stringify(raw);
        insertChange.run(hlc, node, node, campaign.id, campaign.id, column, value);
        insertVersion.run(campaign.id, column, hlc, value);
        bumpClock.run(campaign.id, node, hlc);
      }
    }
  },
};
