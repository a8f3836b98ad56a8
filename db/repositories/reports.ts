import { parseHlc } from '../../shared/sync/hlc';
import type { LocalStore } from '../store/store';

/** The newest change of any of these rows (a report and its sections): when and by which author. */
export function lastEdit(store: LocalStore, rows: readonly { readonly table: string; readonly id: string }[]): { readonly at: string; readonly author: string } | null {
  if (rows.length === 0) return null;
  const clauses = rows.map(() => '(tbl = ? AND row_id = ?)').join(' OR ');
  const row = store.db.prepare(`SELECT id, author FROM changes WHERE ${clauses} ORDER BY id DESC LIMIT 1`).get(...rows.flatMap((entry) => [entry.table, entry.id])) as
    | { id: string; author: string }
    | undefined;
  return row ? { at: new Date(parseHlc(row.id).wallMs).toISOString(), author: row.author } : null;
}
