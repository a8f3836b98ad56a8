import type { Migration } from '../migrate';

/**
 * What became of this account's edits that the server held for a coordinator (edits of an
 * approved visit, of a locked report section): pending, accepted or rejected, by whom, and for a
 * rejected one the text as its author wrote it, kept for them to copy. Told by the server after
 * each sync round (GET /campaigns/:campaign/held/mine); local to this laptop, never synced.
 * `dismissed` is set when the author has read a decision.
 */
export const migration007: Migration = {
  version: 7,
  name: 'held-outcomes',
  up: (db) => {
    db.exec(`
CREATE TABLE held_outcomes (
  campaign TEXT NOT NULL,
  change_id TEXT NOT NULL,
  visit_id TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  col TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
  received_at INTEGER NOT NULL,
  decided_by TEXT,
  decided_at INTEGER,
  edited_text TEXT,
  dismissed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign, change_id)
) STRICT;
CREATE INDEX held_outcomes_by_visit ON held_outcomes (visit_id);
`);
  },
};
