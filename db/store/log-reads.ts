import type { JsonValue } from '../../shared/sync/change';
import type { ChangeSourceKind } from '../../shared/sync/replica';
import type { StoreCore } from './core';

/** Questions the services ask of the change log and the sync state, answered here so that SQL stays in db/. */

/**
 * When each of these rows of a table was created, as the id (hlc) of its first change: the same
 * on every replica, so items keep the order in which they were typed wherever they are read.
 * Read from row_origins (migration 008, kept by the apply path), so the cost follows the rows
 * asked for, not the campaign's log.
 */
export function firstChangeIds(
  core: StoreCore,
  table: string,
  campaign: string,
  rowIds: readonly string[],
): Map<string, string> {
  if (rowIds.length === 0) return new Map();
  const rows = core
    .stmt(
      'SELECT row_id, first_change FROM row_origins WHERE tbl = ? AND campaign = ? AND row_id IN (SELECT value FROM json_each(?))',
    )
    .all(table, campaign, JSON.stringify(rowIds)) as Array<{ row_id: string; first_change: string }>;
  return new Map(rows.map((row) => [row.row_id, row.first_change]));
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
  // Without the server's changes (what a laptop pushes), the partial index changes_unpushed
  // (migration 011) holds exactly the rows counted: its predicate must appear as written.
  const sql = sources.includes('server')
    ? 'SELECT count(*) AS n FROM changes WHERE campaign = ? AND seq > ? AND source IN (SELECT value FROM json_each(?))'
    : "SELECT count(*) AS n FROM changes WHERE campaign = ? AND seq > ? AND source <> 'server' AND source IN (SELECT value FROM json_each(?))";
  const row = core.stmt(sql).get(campaign, afterSeq, JSON.stringify(sources)) as { n: number };
  return row.n;
}

/**
 * How many changes this laptop still has to push to the server it is connected to, in every
 * campaign: read from unpushed_counts (migration 012, kept by triggers on the log and on the push
 * cursors), so it costs the number of campaigns, not the changes waiting.
 */
export function unpushedCount(core: StoreCore): number {
  return (core.stmt('SELECT coalesce(sum(n), 0) AS n FROM unpushed_counts').get() as { n: number }).n;
}

/** The same per campaign (campaigns with nothing to push may be missing). */
export function unpushedCounts(core: StoreCore): Map<string, number> {
  const rows = core.stmt('SELECT campaign, n FROM unpushed_counts WHERE n <> 0 ORDER BY campaign').all() as Array<{
    campaign: string;
    n: number;
  }>;
  return new Map(rows.map((row) => [row.campaign, row.n]));
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

/** Per node, the authors its changes carry among those this laptop received from the server (which authenticated them). */
export function serverAuthorsOfNodes(core: StoreCore, nodes: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (let start = 0; start < nodes.length; start += 500) {
    const part = nodes.slice(start, start + 500);
    const rows = core
      .stmt(
        `SELECT DISTINCT node, author FROM changes WHERE source = 'server' AND node IN (${part.map(() => '?').join(', ')})`,
      )
      .all(...part) as Array<{ node: string; author: string }>;
    for (const row of rows) {
      const authors = out.get(row.node) ?? new Set<string>();
      authors.add(row.author);
      out.set(row.node, authors);
    }
  }
  return out;
}

/** Which of these change ids this laptop's log holds already. */
export function loggedChangeIds(core: StoreCore, ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const part = ids.slice(start, start + 500);
    const rows = core
      .stmt(`SELECT id FROM changes WHERE id IN (${part.map(() => '?').join(', ')})`)
      .all(...part) as Array<{ id: string }>;
    for (const row of rows) out.add(row.id);
  }
  return out;
}

/** Which of these campaigns this laptop received any change of from the server. */
export function campaignsFromServer(core: StoreCore, campaigns: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const campaign of campaigns)
    if (core.stmt("SELECT 1 FROM changes WHERE campaign = ? AND source = 'server' LIMIT 1").get(campaign))
      out.add(campaign);
  return out;
}
