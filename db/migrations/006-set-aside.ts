import type { Migration } from '../migrate';

/**
 * Changes a laptop meets but cannot apply (refused by the one change validation, a row id that
 * belongs to another campaign here, a text that is no Yjs update) are set aside in
 * deferred_changes with a reason code and message, instead of stopping every sync round; they
 * are shown to the user and tried again when the profile opens (after an upgrade, say).
 */
export const migration006: Migration = {
  version: 6,
  name: 'set-aside-reasons',
  up: (db) => {
    db.exec(`
ALTER TABLE deferred_changes ADD COLUMN code TEXT;
ALTER TABLE deferred_changes ADD COLUMN reason TEXT;
`);
  },
};
