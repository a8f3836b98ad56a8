import type { Profile } from '../../db/profile';
import type { RetirableTable, UndoStep } from '../../shared/contract/undo';
import { signedBy } from '../identity';
import { withInverse } from './inverse';

/**
 * Retires a record (a tombstone: its fields stay) or restores it, signed by the chosen "Ik ben"
 * where there is one, and answers the write that takes it back. The one retire of the set-up
 * lists, organisations, team members, visits, documents and good practices.
 */
export function retireRecord(
  profile: Profile,
  table: RetirableTable,
  id: string,
  retired: boolean,
): { readonly id: string; readonly undo: UndoStep[] } {
  const store = profile.store;
  const signed = signedBy(profile, store.campaignOf(table, id));
  const { undo } = withInverse(store, [{ table, id }], () => {
    if (retired) store.remove(table, id, signed);
    else store.restore(table, id, signed);
  });
  return { id, undo };
}
