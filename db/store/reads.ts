import { columnSpec, isTableName, type RecordOf, type TableName } from '../../shared/sync/schema';
import { decodeRecord } from './codec';
import type { StoreCore } from './core';
import { ChangeRejectedError, RecordNotFoundError } from './errors';

/** Reads of the domain tables and of the shared texts' merged states. */

export function unknownTable(table: string): ChangeRejectedError {
  return new ChangeRejectedError(`unknown table ${JSON.stringify(String(table).slice(0, 80))}`);
}

export function getRecord<T extends TableName>(
  core: StoreCore,
  table: T,
  id: string,
  options: { includeDeleted?: boolean } = {},
): RecordOf<T> | undefined {
  if (!isTableName(table)) return undefined;
  const row = core.stmt(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row || (row.deleted === 1 && !options.includeDeleted)) return undefined;
  return decodeRecord(table, row);
}

/**
 * Rows of a table matching every given column value (null matches NULL), not deleted unless
 * asked, ordered by the given columns (default: id).
 */
export function listRecords<T extends TableName>(
  core: StoreCore,
  table: T,
  where: Readonly<Record<string, string | number | boolean | null>> = {},
  options: { includeDeleted?: boolean; orderBy?: readonly string[] } = {},
): RecordOf<T>[] {
  if (!isTableName(table)) throw unknownTable(table);
  const known = (column: string) =>
    column === 'id' || (column === 'campaign_id' && table !== 'campaigns') || columnSpec(table, column) !== undefined;
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  for (const [column, value] of Object.entries(where)) {
    if (!known(column))
      throw new ChangeRejectedError(`unknown column ${JSON.stringify(column.slice(0, 80))} of table ${table}`);
    if (value === null) clauses.push(`"${column}" IS NULL`);
    else {
      clauses.push(`"${column}" = ?`);
      params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
    }
  }
  if (!options.includeDeleted) clauses.push('deleted = 0');
  const order = options.orderBy ?? ['id'];
  for (const column of order)
    if (!known(column))
      throw new ChangeRejectedError(`unknown column ${JSON.stringify(column.slice(0, 80))} of table ${table}`);
  const sql = `SELECT * FROM "${table}"${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${order.map((c) => `"${c}"`).join(', ')}`;
  return (core.stmt(sql).all(...params) as Record<string, unknown>[]).map((row) => decodeRecord(table, row));
}

/** The merged Yjs state of a text field (empty when none), for an editor binding. */
export function textState(core: StoreCore, table: string, id: string, column: string): Uint8Array {
  const row = core
    .stmt('SELECT state FROM text_states WHERE tbl = ? AND row_id = ? AND col = ?')
    .get(table, id, column) as { state: Uint8Array } | undefined;
  return row ? new Uint8Array(row.state) : new Uint8Array();
}

/** The campaign a row belongs to; throws when the row does not exist. */
export function campaignOf(core: StoreCore, table: TableName, id: string): string {
  if (!isTableName(table)) throw unknownTable(table);
  if (table === 'campaigns') {
    if (!core.stmt('SELECT 1 FROM campaigns WHERE id = ?').get(id)) throw new RecordNotFoundError(`no campaign ${id}`);
    return id;
  }
  const row = core.stmt(`SELECT campaign_id FROM "${table}" WHERE id = ?`).get(id) as
    { campaign_id: string } | undefined;
  if (!row) throw new RecordNotFoundError(`no ${table} row ${id}`);
  return row.campaign_id;
}
