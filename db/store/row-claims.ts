import type { Change, JsonValue } from '../../shared/sync/change';
import type { ChangeSourceKind, SetAsideChange } from '../../shared/sync/replica';
import type { TableName } from '../../shared/sync/schema';
import { CHANGE_COLUMNS, rowToChange, type ChangeRow } from './codec';
import type { StoreCore } from './core';
import { OWN_ID_COLUMNS, ownIdOf } from './own-ids';

/**
 * Which campaign a row id belongs to on this laptop, when two campaigns claim it (issue 10).
 *
 * The laptop's tables address a row by id alone, so an id can materialize in one campaign only.
 * Ids that collide across campaigns are forged (user rows have random ids, deterministic ids hash
 * their campaign or a row of it), and the forger's campaign must never displace, shadow or set
 * aside the genuine row, whatever order their changes arrive in:
 * - an id a campaign owns by construction (db/store/own-ids.ts, with the creating values this
 *   laptop logged for that campaign's row) is that campaign's: when such a change arrives while
 *   another campaign holds the row, the other campaign's row is evicted (its changes move to the
 *   set-aside changes with ROW_OF_OTHER_CAMPAIGN, visibly) and the owner's change applies;
 * - any other id stays with the campaign that holds it, and the other campaign's change is set
 *   aside (the server, which refuses a row id another campaign's log holds, makes that the first
 *   claim of the server's log, see server/row-claims.ts).
 */

/**
 * Whether `campaign` owns `rowId` of `table` by construction, per the creating values this laptop
 * logged for it there and those among `ahead` (changes of that row still to be applied).
 */
export function ownsByConstruction(
  core: StoreCore,
  campaign: string,
  table: string,
  rowId: string,
  ahead: readonly Change[] = [],
  depth = 0,
): boolean {
  const columns = OWN_ID_COLUMNS[table];
  if (!columns || depth > 2) return false;
  const values: Record<string, JsonValue> = {};
  // The creating value of each column: the earliest one (a later edit does not re-key the row).
  const first = core.stmt(
    'SELECT id, value FROM changes WHERE tbl = ? AND row_id = ? AND col = ? AND campaign = ? ORDER BY id LIMIT 1',
  );
  for (const column of columns) {
    const row = first.get(table, rowId, column, campaign) as { id: string; value: string } | undefined;
    let earliest: { hlc: string; value: JsonValue } | null = row
      ? { hlc: row.id, value: JSON.parse(row.value) as JsonValue }
      : null;
    for (const change of ahead) {
      if (change.table !== table || change.rowId !== rowId || change.column !== column) continue;
      if (change.campaign !== campaign) continue;
      if (!earliest || change.hlc < earliest.hlc) earliest = { hlc: change.hlc, value: change.value };
    }
    if (earliest) values[column] = earliest.value;
  }
  const own = ownIdOf(table, campaign, values);
  if (!own || own.id !== rowId) return false;
  if (!own.parent) return true;
  const parent = core.stmt(`SELECT campaign_id FROM "${own.parent.table}" WHERE id = ?`).get(own.parent.id) as
    { campaign_id: string } | undefined;
  if (parent?.campaign_id === campaign) return true;
  return ownsByConstruction(core, campaign, own.parent.table, own.parent.id, ahead, depth + 1);
}

/**
 * Removes another campaign's claim on a row: its changes leave the log for the set-aside changes
 * (with their reason, so nothing is lost and the set-aside screen shows them), and the row's
 * field versions, text states, conflicts and domain row go. Returns the changes set aside.
 */
export function evictClaim(
  core: StoreCore,
  table: string,
  rowId: string,
  holder: string,
  owner: string,
  source: ChangeSourceKind,
): SetAsideChange[] {
  const rows = core
    .stmt(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE tbl = ? AND row_id = ? AND campaign = ? ORDER BY seq`)
    .all(table, rowId, holder) as ChangeRow[];
  const keep = core.stmt(
    'INSERT OR IGNORE INTO deferred_changes (id, schema, source, change, code, reason) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const setAside: SetAsideChange[] = [];
  for (const row of rows) {
    const change = rowToChange(row);
    const reason = `Change ${row.id} refused: ${table} row ${rowId} is campaign ${owner}'s by construction, not ${holder}'s; it was set aside.`;
    keep.run(
      row.id,
      row.schema,
      row.source === 'local' ? 'bundle' : row.source,
      JSON.stringify(change),
      'ROW_OF_OTHER_CAMPAIGN',
      reason,
    );
    setAside.push({ change, code: 'ROW_OF_OTHER_CAMPAIGN', reason });
  }
  core.stmt('DELETE FROM changes WHERE tbl = ? AND row_id = ? AND campaign = ?').run(table, rowId, holder);
  core.stmt('DELETE FROM field_versions WHERE tbl = ? AND row_id = ?').run(table, rowId);
  core.stmt('DELETE FROM text_states WHERE tbl = ? AND row_id = ?').run(table, rowId);
  core.stmt('DELETE FROM conflicts WHERE tbl = ? AND row_id = ?').run(table, rowId);
  core.stmt(`DELETE FROM "${table}" WHERE id = ? AND campaign_id = ?`).run(rowId, holder);
  core.commits.record(source, holder, table as TableName, rowId);
  return setAside;
}
