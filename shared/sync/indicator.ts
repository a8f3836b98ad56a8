import type { SyncState, SyncView } from '../contract/sync';

/**
 * What the sync indicator says: the engine's state, except that a laptop with changes still
 * waiting to be sent (typed during the round, or refused and set aside) is never "up to date".
 */
export function indicatorState(status: Pick<SyncView, 'state' | 'pendingChanges'> | null): SyncState | 'waiting' {
  if (!status) return 'not-configured';
  return status.state === 'up-to-date' && status.pendingChanges > 0 ? 'waiting' : status.state;
}
