import type { Migration } from '../migrate';

/**
 * Set-aside changes the user discarded (issue 10): moved out of deferred_changes into this record
 * of what was thrown away, when, by whom and why it had been set aside. A discarded change is not
 * tried again when the profile opens, and when it arrives again (the partner's next duo file) the
 * trigger keeps it from being set aside a second time.
 */
export const migration010: Migration = {
  version: 10,
  name: 'discarded-changes',
  up: (db) => {
    db.exec(`
CREATE TABLE discarded_changes (
  id TEXT PRIMARY KEY,
  campaign TEXT NOT NULL,
  source TEXT NOT NULL,
  change TEXT NOT NULL,
  code TEXT,
  reason TEXT,
  discarded_at TEXT NOT NULL,
  discarded_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER deferred_changes_not_discarded BEFORE INSERT ON deferred_changes
WHEN EXISTS (SELECT 1 FROM discarded_changes WHERE id = NEW.id)
BEGIN
  SELECT RAISE(IGNORE);
END;
`);
  },
};
