import type { Migration } from '../migrate';

/**
 * When each row was created, stored instead of asked of the change log: the id (hlc) of the
 * row's first change, per table, campaign and row. The SWOT board sorts items and lemmas by it on
 * every read; a GROUP BY over the campaign's whole log per read grew with the campaign (1.2 s per
 * board read at 16 seasons). Kept current by the one apply path (db/store/apply.ts); filled here
 * from the log a profile already holds.
 */
export const migration008: Migration = {
  version: 8,
  name: 'row-origins',
  up: (db) => {
    db.exec(`
CREATE TABLE row_origins (
  tbl TEXT NOT NULL,
  campaign TEXT NOT NULL,
  row_id TEXT NOT NULL,
  first_change TEXT NOT NULL,
  PRIMARY KEY (tbl, campaign, row_id)
) STRICT, WITHOUT ROWID;
INSERT INTO row_origins (tbl, campaign, row_id, first_change)
  SELECT tbl, campaign, row_id, min(id) FROM changes GROUP BY tbl, campaign, row_id;
`);
  },
};
