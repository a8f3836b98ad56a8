import type { Change, JsonValue } from '../../shared/sync/change';
import type { ChangeSourceKind } from '../../shared/sync/replica';
import { columnsOf, type ColumnSpec, type RecordOf, type TableName } from '../../shared/sync/schema';

/** How changes and field values are spelled in SQLite: the change log's rows and the domain columns. */

/** A row of the change log. */
export interface ChangeRow {
  readonly seq: number;
  readonly source: ChangeSourceKind;
  readonly id: string;
  readonly node: string;
  readonly author: string;
  readonly campaign: string;
  readonly tbl: string;
  readonly row_id: string;
  readonly col: string;
  readonly value: string;
  readonly prev: string | null;
  readonly schema: number;
}

export const CHANGE_COLUMNS = 'seq, source, id, node, author, campaign, tbl, row_id, col, value, prev, schema';

export function rowToChange(row: ChangeRow): Change {
  return {
    id: row.id,
    hlc: row.id,
    node: row.node,
    author: row.author,
    campaign: row.campaign,
    table: row.tbl,
    rowId: row.row_id,
    column: row.col,
    value: JSON.parse(row.value) as JsonValue,
    prev: row.prev,
    schema: row.schema,
  };
}

export function toStorage(spec: ColumnSpec, value: JsonValue): string | number | null {
  if (value === null) return null;
  switch (spec.storage) {
    case 'boolean':
      return value === true ? 1 : 0;
    case 'json':
      return JSON.stringify(value);
    case 'integer':
      return typeof value === 'number' ? value : null;
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function fromStorage(spec: ColumnSpec, raw: unknown): unknown {
  if (spec.kind === 'text') return typeof raw === 'string' ? raw : '';
  if (raw === null || raw === undefined) return null;
  switch (spec.storage) {
    case 'boolean':
      return raw === 1;
    case 'json':
      return JSON.parse(String(raw)) as unknown;
    default:
      return raw;
  }
}

export function decodeRecord<T extends TableName>(table: T, row: Record<string, unknown>): RecordOf<T> {
  const record: Record<string, unknown> = { id: row.id, campaign_id: table === 'campaigns' ? row.id : row.campaign_id };
  for (const [column, spec] of columnsOf(table)) record[column] = fromStorage(spec, row[column]);
  return record as RecordOf<T>;
}
