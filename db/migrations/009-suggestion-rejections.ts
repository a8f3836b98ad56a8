import type { Migration } from '../migrate';

/**
 * Rejected SWOT suggestions (sync schema 4, issue 15): a proposed group (its items, lemma_id
 * null) or an item → lemma hint (one item and the lemma) that a member turned down, so it is
 * never proposed again, on this laptop or the partner's. Synced like any edit.
 */
const SQL = `
CREATE TABLE suggestion_rejections (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, sector_id TEXT, respondent_group_id TEXT, item_ids TEXT,
  lemma_id TEXT, author_id TEXT, rejected_at TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX suggestion_rejections_scope ON suggestion_rejections (sector_id, respondent_group_id);
`;

export const migration009: Migration = {
  version: 9,
  name: 'suggestion-rejections',
  up: (db) => {
    db.exec(SQL);
  },
};
