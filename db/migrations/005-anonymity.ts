import type { Migration } from '../migrate';

/** The anonymisation decisions of a report (sync schema 3, issue 11): the check's audit trail. */
const SQL = `
CREATE TABLE report_anonymity (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, report_id TEXT, hit_key TEXT, kind TEXT, term TEXT, action TEXT,
  replacement TEXT, reason TEXT, author_id TEXT, decided_at TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX report_anonymity_report ON report_anonymity (report_id);
`;

export const migration005: Migration = {
  version: 5,
  name: 'report-anonymity',
  up: (db) => {
    db.exec(SQL);
  },
};
