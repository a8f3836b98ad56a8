import type { Migration } from '../migrate';

/**
 * The count of changes still to push (issue 13): `sync.status` answers it on every read, and the
 * renderer reads it again on every change event. Counted over `changes_campaign` it walked every
 * change after the push cursor, the pulled ones too (a whole season after a first sync). This
 * partial index holds only the changes a laptop pushes (typed here, or brought by the duo
 * partner), so the count walks exactly the changes that wait: nothing once they are pushed.
 */
export const migration011: Migration = {
  version: 11,
  name: 'unpushed-index',
  up: (db) => {
    db.exec(`CREATE INDEX changes_unpushed ON changes (campaign, seq) WHERE source <> 'server';`);
  },
};
