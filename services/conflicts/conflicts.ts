import type { Profile } from '../../db/profile';
import { memberNameOfNode } from '../../db/store/peers';
import type { Conflict } from '../../db/store/store';
import type { ConflictView, conflictsChannels } from '../../shared/contract/conflicts';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { currentMemberId, requireAuthor } from '../identity';
import { describeRecord, describeValue, isShownColumn } from './describe';

type ConflictHandlers = HandlersOf<typeof conflictsChannels>;

/** The conflicts of a campaign that the panel shows, each naming its record (describe.ts). */
export function listConflictViews(profile: Profile, campaignId: string): ConflictView[] {
  const store = profile.store;
  const names = new Map(
    store.list('members', { campaign_id: campaignId }).map((member) => [member.id, member.name ?? member.id]),
  );
  const me = currentMemberId(profile, campaignId);
  // An edit made before anyone chose "Ik ben" is signed by its laptop: name the laptop by its member.
  const authorName = (version: Conflict['winner']): string | null =>
    names.get(version.author) ??
    (version.node === store.node && me ? (names.get(me) ?? null) : memberNameOfNode(store, version.node));
  const side = (conflict: Conflict, version: Conflict['winner']) => ({
    value: describeValue(store, conflict.table, conflict.column, version.value),
    author: authorName(version),
    mine: version.node === store.node,
  });
  return store
    .listConflicts({ campaign: campaignId })
    .filter((conflict) => isShownColumn(conflict.table, conflict.column))
    .map((conflict) => ({
      id: conflict.id,
      kind: conflict.kind,
      record: describeRecord(store, conflict.table, conflict.rowId),
      column: conflict.column,
      kept: side(conflict, conflict.winner),
      lost: side(conflict, conflict.loser),
    }));
}

export function createConflictHandlers(profile: Profile): ConflictHandlers {
  return {
    'conflicts.list': ({ campaignId }) => listConflictViews(profile, campaignId),
    'conflicts.resolve': ({ campaignId, conflictId, keep }) => {
      const conflict = profile.store.listConflicts({ campaign: campaignId }).find((open) => open.id === conflictId);
      if (!conflict) throw new ServiceError('NOT_FOUND', `No open conflict ${conflictId} in campaign ${campaignId}`);
      // Written as the chosen member's edit, so it syncs and closes the conflict on every laptop.
      profile.store.resolveConflict(conflictId, keep === 'lost' ? 'loser' : 'winner', {
        author: requireAuthor(profile, campaignId),
      });
      return { resolved: conflictId };
    },
  };
}
