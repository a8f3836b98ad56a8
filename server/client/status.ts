/**
 * What the sync engine tells the UI: one small state machine, delivered through onStatus.
 *   idle        not started (or stopped)
 *   offline     the server cannot be reached; the engine retries at nextAttemptAt
 *   syncing     a round is running: pushing or pulling a campaign, with progress
 *   up-to-date  the last round finished; `at` is when
 *   error       the server refused (wrong login, clock skew, no access ...): reason is for the user
 */
export interface SyncProgress {
  readonly phase: 'push' | 'pull';
  readonly campaign: string;
  /** Changes sent (push) or received (pull) in this round so far. */
  readonly done: number;
  /** Changes to receive in this round (pull); null when not known (push). */
  readonly total: number | null;
}

export interface RoundReport {
  readonly pushed: number;
  readonly pulled: number;
  readonly duplicates: number;
  readonly held: number;
  readonly refused: readonly { readonly id: string; readonly reason: string }[];
  readonly campaigns: readonly string[];
}

export type SyncStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'offline'; readonly reason: string; readonly nextAttemptAt: number }
  | { readonly state: 'syncing'; readonly progress: SyncProgress | null }
  | { readonly state: 'up-to-date'; readonly at: number; readonly report: RoundReport }
  | { readonly state: 'error'; readonly reason: string; readonly code: string; readonly nextAttemptAt: number | null };

export type SyncStatusListener = (status: SyncStatus) => void;
