import type { JsonValue } from '../../shared/sync/change';
import type { ChangeSourceKind } from '../../shared/sync/replica';
import type { StoreCore } from './core';

/** Questions the services ask of the change log and the sync state, answered here so that SQL stays in db/. */

/**
 * When each row of a table was created, as the id (hlc) of its first change: the same on every
 * replica, so items keep the order in which they were typed wherever they are read.
 */
export function firstChangeIds(core: StoreCore, table: string, campaign: string): Map<string, string> {
  const rows = core
    .stmt('SELECT row_id, min(id) AS first FROM changes WHERE tbl = ? AND campaign = ? GROUP BY row_id')
    .all(table, campaign) as Array<{
    row_id: string;
    first: string;
  }>;
  return new Map(rows.map((row) => [row.row_id, row.first]));
}

/** Per row, the value of one column that one author set last (their own latest choice, whoever won the field). */
export function latestValuesByAuthor(
  core: StoreCore,
  table: string,
  column: string,
  author: string,
  campaign: string,
): Array<{ rowId: string; value: JsonValue }> {
  const rows = core
    .stmt(
      `SELECT row_id, value FROM changes c WHERE tbl = ? AND col = ? AND author = ? AND campaign = ?
         AND id = (SELECT max(id) FROM changes d WHERE d.tbl = c.tbl AND d.col = c.col AND d.author = c.author AND d.row_id = c.row_id)`,
    )
    .all(table, column, author, campaign) as Array<{ row_id: string; value: string }>;
  return rows.map((row) => ({ rowId: row.row_id, value: JSON.parse(row.value) as JsonValue }));
}

/** How many changes of a campaign from these sources came after a local seq (say, a push cursor). */
export function countChangesAfter(
  core: StoreCore,
  campaign: string,
  afterSeq: number,
  sources: readonly ChangeSourceKind[],
): number {
  const row = core
    .stmt(
      'SELECT count(*) AS n FROM changes WHERE campaign = ? AND seq > ? AND source IN (SELECT value FROM json_each(?))',
    )
    .get(campaign, afterSeq, JSON.stringify(sources)) as { n: number };
  return row.n;
}

/** Sync-state entries whose key starts with a prefix, by key. */
export function syncStateByPrefix(core: StoreCore, prefix: string): Array<{ key: string; value: string }> {
  // substr instead of LIKE: a prefix holding % or _ matches only itself.
  return core
    .stmt('SELECT key, value FROM sync_state WHERE substr(key, 1, length(?)) = ? ORDER BY key')
    .all(prefix, prefix) as Array<{ key: string; value: string }>;
}

/** The newest change of any of these rows: its id (hlc) and author. */
export function newestChangeOf(
  core: StoreCore,
  rows: readonly { readonly table: string; readonly id: string }[],
): { id: string; author: string } | null {
  if (rows.length === 0) return null;
  const clauses = rows.map(() => '(tbl = ? AND row_id = ?)').join(' OR ');
  const row = core.db
    .prepare(`SELECT id, author FROM changes WHERE ${clauses} ORDER BY id DESC LIMIT 1`)
    .get(...rows.flatMap((entry) => [entry.table, entry.id])) as { id: string; author: string } | undefined;
  return row ?? null;
}

/** The distinct authors of a node's newest changes (at most `limit` changes looked at), newest first. */
export function recentAuthorsOfNode(core: StoreCore, node: string, limit: number): string[] {
  const rows = core
    .stmt('SELECT DISTINCT author FROM (SELECT author FROM changes WHERE node = ? ORDER BY seq DESC LIMIT ?)')
    .all(node, limit) as Array<{ author: string }>;
  return rows.map((row) => row.author);
}
