import type { Migration } from '../migrate';

/**
 * The count of changes still to push, stored instead of counted (issue 13). `sync.status` is read
 * on every status change; even over the partial index of migration 011 its count walked every
 * change waiting to be pushed (a whole bundle brought by the duo partner before a first sync).
 * Now `unpushed_counts` holds, per campaign, how many changes of the log this laptop still has to
 * send to the server it is connected to, and SQLite triggers keep it exact for every write path:
 *
 * - a change logged with a source other than `server` after the campaign's push cursor: +1;
 * - such a change leaving the log (compaction, a claim evicted to the set-aside changes): −1;
 * - the push cursor moving (the engine's `server:<serverId>:<campaign>:push` in sync_state,
 *   services/sync/client/engine.ts `pushCursorKey`): minus the changes it passed (plus, backwards);
 * - another server (`sync:server-id`, other cursors): counted again from the log, once.
 *
 * "Pushed" is not a mark on the change: it is a seq at or below the cursor of the current server,
 * the same rule as the scan it replaces (services/sync/controller.ts). Filled from the log here.
 * The key names are part of this migration: a later change of them needs a migration of its own.
 */

/** The current server's push cursor of a campaign (0 without a server or a cursor). */
function cursorOf(campaign: string): string {
  return `coalesce((SELECT CAST(cursor.value AS INTEGER) FROM sync_state AS cursor
    WHERE cursor.key = 'server:' || (SELECT server.value FROM sync_state AS server WHERE server.key = 'sync:server-id') || ':' || ${campaign} || ':push'), 0)`;
}

/** The start of the current server's cursor keys: 'server:<serverId>:' (NULL without a server). */
const PREFIX = `('server:' || (SELECT server.value FROM sync_state AS server WHERE server.key = 'sync:server-id') || ':')`;

/** Whether a sync_state key is a push cursor of the current server. */
function isCursor(key: string): string {
  return `(substr(${key}, -5) = ':push' AND length(${key}) > length(${PREFIX}) + 5 AND substr(${key}, 1, length(${PREFIX})) = ${PREFIX})`;
}

/** The campaign of a cursor key of the current server. */
function campaignOfKey(key: string): string {
  return `substr(${key}, length(${PREFIX}) + 1, length(${key}) - length(${PREFIX}) - 5)`;
}

/** Counts the unpushed changes of the campaign of cursor `key` when its cursor moves from `before` to `after`. */
function cursorMoved(key: string, before: string, after: string): string {
  const waiting = (low: string, high: string) =>
    `(SELECT count(*) FROM changes WHERE campaign = moved.campaign AND source <> 'server' AND seq > ${low} AND seq <= ${high})`;
  return `INSERT INTO unpushed_counts (campaign, n)
    SELECT moved.campaign, ${waiting('moved.after', 'moved.before')} - ${waiting('moved.before', 'moved.after')}
    FROM (SELECT ${campaignOfKey(key)} AS campaign, ${before} AS before, ${after} AS after) AS moved
    WHERE true
  ON CONFLICT (campaign) DO UPDATE SET n = n + excluded.n;`;
}

/** Every campaign's count from the log (the backfill, and after a change of server). */
const RECOUNT = `
  DELETE FROM unpushed_counts;
  INSERT INTO unpushed_counts (campaign, n)
    SELECT logged.campaign, count(*) FROM changes AS logged
    WHERE logged.source <> 'server' AND logged.seq > ${cursorOf('logged.campaign')}
    GROUP BY logged.campaign;`;

export const migration012: Migration = {
  version: 12,
  name: 'unpushed-counts',
  up: (db) => {
    db.exec(`
CREATE TABLE unpushed_counts (
  campaign TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Not an upsert (INSERT … ON CONFLICT DO UPDATE): inside a trigger that costs about 100 µs a
-- row here and made a season's bundle import 2.7 times slower; a plain insert-or-ignore and an
-- update cost nothing measurable.
CREATE TRIGGER unpushed_counts_logged AFTER INSERT ON changes
WHEN NEW.source <> 'server' AND NEW.seq > ${cursorOf('NEW.campaign')}
BEGIN
  INSERT OR IGNORE INTO unpushed_counts (campaign, n) VALUES (NEW.campaign, 0);
  UPDATE unpushed_counts SET n = n + 1 WHERE campaign = NEW.campaign;
END;

CREATE TRIGGER unpushed_counts_removed AFTER DELETE ON changes
WHEN OLD.source <> 'server' AND OLD.seq > ${cursorOf('OLD.campaign')}
BEGIN
  UPDATE unpushed_counts SET n = n - 1 WHERE campaign = OLD.campaign;
END;

-- The app never rewrites a logged change; should anything do so, the count follows.
CREATE TRIGGER unpushed_counts_rewritten AFTER UPDATE OF seq, campaign, source ON changes
BEGIN
  UPDATE unpushed_counts SET n = n - 1
  WHERE campaign = OLD.campaign AND OLD.source <> 'server' AND OLD.seq > ${cursorOf('OLD.campaign')};
  INSERT OR IGNORE INTO unpushed_counts (campaign, n) VALUES (NEW.campaign, 0);
  UPDATE unpushed_counts SET n = n + 1
  WHERE campaign = NEW.campaign AND NEW.source <> 'server' AND NEW.seq > ${cursorOf('NEW.campaign')};
END;

CREATE TRIGGER unpushed_counts_cursor_set AFTER INSERT ON sync_state
WHEN ${isCursor('NEW.key')}
BEGIN
  ${cursorMoved('NEW.key', '0', 'CAST(NEW.value AS INTEGER)')}
END;

CREATE TRIGGER unpushed_counts_cursor_moved AFTER UPDATE OF value ON sync_state
WHEN OLD.key = NEW.key AND OLD.value IS NOT NEW.value AND ${isCursor('NEW.key')}
BEGIN
  ${cursorMoved('NEW.key', 'CAST(OLD.value AS INTEGER)', 'CAST(NEW.value AS INTEGER)')}
END;

CREATE TRIGGER unpushed_counts_cursor_dropped AFTER DELETE ON sync_state
WHEN ${isCursor('OLD.key')}
BEGIN
  ${cursorMoved('OLD.key', 'CAST(OLD.value AS INTEGER)', '0')}
END;

CREATE TRIGGER unpushed_counts_server_set AFTER INSERT ON sync_state
WHEN NEW.key = 'sync:server-id'
BEGIN ${RECOUNT}
END;

CREATE TRIGGER unpushed_counts_server_changed AFTER UPDATE ON sync_state
WHEN (NEW.key = 'sync:server-id' OR OLD.key = 'sync:server-id') AND (OLD.key IS NOT NEW.key OR OLD.value IS NOT NEW.value)
BEGIN ${RECOUNT}
END;

CREATE TRIGGER unpushed_counts_server_dropped AFTER DELETE ON sync_state
WHEN OLD.key = 'sync:server-id'
BEGIN ${RECOUNT}
END;
${RECOUNT}
`);
  },
};
