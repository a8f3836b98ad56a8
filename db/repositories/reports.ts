import { parseHlc } from '../../shared/sync/hlc';
import type { LocalStore } from '../store/store';

/** The newest change of any of these rows (a report and its sections): when and by which author. */
export function lastEdit(
  store: LocalStore,
  rows: readonly { readonly table: string; readonly id: string }[],
): { readonly at: string; readonly author: string } | null {
  const row = store.newestChangeOf(rows);
  return row ? { at: new Date(parseHlc(row.id).wallMs).toISOString(), author: row.author } : null;
}
