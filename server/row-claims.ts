import type { Change, JsonValue } from '../shared/sync/change';
import { hasDerivedShape, OWN_ID_COLUMNS, ownIdOf } from '../db/store/own-ids';
import type { SqlExecutor } from './store/sql';
import type { ServerStore } from './store/store';

/**
 * Of the rows of a push that another campaign's log already holds (`foreign`, "table\0row" →
 * that campaign), those whose id this campaign owns by construction (db/store/own-ids.ts): a
 * deterministic id hashed from this campaign, or from a row of it that is this campaign's in
 * turn. Such a row is the campaign's own even when a member of another campaign pushed its id
 * first (ids can be computed from a campaign id), so it is stored, not refused: nobody can
 * pre-claim the ids a campaign is going to create. Parents are decided before their children.
 */
const ORDER = [
  'sectors',
  'regions',
  'stakeholder_categories',
  'report_templates',
  'reports',
  'guiding_questions',
  'respondent_groups',
  'report_sections',
];

export async function ownedRows(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  batch: readonly Change[],
  foreign: ReadonlyMap<string, string>,
): Promise<Set<string>> {
  const owned = new Set<string>();
  const inBatch = new Set(batch.map((change) => `${change.table}\u0000${change.rowId}`));
  for (const table of ORDER) {
    const columns = OWN_ID_COLUMNS[table] ?? [];
    for (const key of foreign.keys()) {
      const [keyTable, rowId] = key.split('\u0000') as [string, string];
      if (keyTable !== table) continue;
      // The creating values: the earliest of each column in the batch, else the log's.
      const values: Record<string, JsonValue> = {};
      const stamps: Record<string, string> = {};
      for (const change of batch) {
        if (change.table !== table || change.rowId !== rowId || !columns.includes(change.column)) continue;
        const seen = stamps[change.column];
        if (seen === undefined || change.hlc < seen) {
          values[change.column] = change.value;
          stamps[change.column] = change.hlc;
        }
      }
      for (const column of columns) {
        if (column in values) continue;
        const logged = (await store.latestValues(tx, campaign, table, column, [rowId])).get(rowId);
        if (logged) values[column] = logged.value;
      }
      const own = ownIdOf(table, campaign, values);
      if (!own || own.id !== rowId) continue;
      if (own.parent) {
        const parentKey = `${own.parent.table}\u0000${own.parent.id}`;
        const parentIsOurs = foreign.has(parentKey)
          ? owned.has(parentKey)
          : inBatch.has(parentKey) || (await store.rowLogged(tx, campaign, own.parent.table, own.parent.id));
        if (!parentIsOurs) continue;
      }
      owned.add(key);
    }
  }
  return owned;
}

/**
 * Rows of a push that are new to this campaign and carry a deterministic id of their table (the
 * shape of db/store/ids.ts) that does not derive from this campaign with the creating values the
 * push gives it: an id hashed from another campaign, computed by someone to pre-claim it. Such a
 * row is refused (ROW_OF_OTHER_CAMPAIGN), so a campaign's deterministic ids are never held by
 * another campaign on this server, whichever arrives first. A laptop creates a deterministic row
 * with its creating values in one write, and the engine never splits a row's run of changes over
 * two pushes, so an honest push always carries them. `skip`: rows already decided ("table\0row").
 */
export async function forgedDerivedRows(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  batch: readonly Change[],
  skip: ReadonlySet<string>,
): Promise<Set<string>> {
  const forged = new Set<string>();
  const fresh = new Set<string>();
  for (const table of ORDER) {
    const columns = OWN_ID_COLUMNS[table] ?? [];
    const rows = [
      ...new Set(
        batch
          .filter((change) => change.table === table && hasDerivedShape(table, change.rowId))
          .map((change) => change.rowId),
      ),
    ];
    for (const rowId of rows) {
      const key = `${table}\u0000${rowId}`;
      if (skip.has(key) || (await store.rowLogged(tx, campaign, table, rowId))) continue;
      const values: Record<string, JsonValue> = {};
      const stamps: Record<string, string> = {};
      for (const change of batch) {
        if (change.table !== table || change.rowId !== rowId || !columns.includes(change.column)) continue;
        const seen = stamps[change.column];
        if (seen === undefined || change.hlc < seen) {
          values[change.column] = change.value;
          stamps[change.column] = change.hlc;
        }
      }
      const own = ownIdOf(table, campaign, values);
      let ours = own !== null && own.id === rowId;
      const parent = own?.parent ?? null;
      if (ours && parent) {
        const parentKey = `${parent.table}\u0000${parent.id}`;
        ours =
          !forged.has(parentKey) &&
          !skip.has(parentKey) &&
          (fresh.has(parentKey) ||
            batch.some((change) => change.table === parent.table && change.rowId === parent.id) ||
            (await store.rowLogged(tx, campaign, parent.table, parent.id)));
      }
      if (ours) fresh.add(key);
      else forged.add(key);
    }
  }
  return forged;
}
