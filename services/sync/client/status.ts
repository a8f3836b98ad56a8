import type { ReasonCode } from '../../../shared/sync/reasons';
import type { RefusedChange } from '../../../server/api';

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

/** Something of a round that did not work, for one campaign (null: the round as a whole, e.g. the clock). */
export interface RoundProblem {
  readonly campaign: string | null;
  readonly phase: 'push' | 'pull' | 'clock';
  /** A stable reason code (shared/sync/reasons.ts) for the UI to show in the user's language. */
  readonly code: ReasonCode;
  readonly message: string;
}

export interface RoundReport {
  readonly pushed: number;
  readonly pulled: number;
  readonly duplicates: number;
  readonly held: number;
  readonly refused: readonly RefusedChange[];
  readonly campaigns: readonly string[];
  /** Pulled changes this laptop could not apply and set aside (deferred changes, with the reason). */
  readonly setAside: number;
  /** What failed; the other campaigns synced all the same. */
  readonly problems: readonly RoundProblem[];
  /** How far this laptop's clock is ahead of the server's (negative: behind), when the server said its time. */
  readonly clockOffsetMs: number | null;
}

export type SyncStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'offline'; readonly reason: string; readonly nextAttemptAt: number }
  | { readonly state: 'syncing'; readonly progress: SyncProgress | null }
  | { readonly state: 'up-to-date'; readonly at: number; readonly report: RoundReport }
  | {
      readonly state: 'error';
      readonly reason: string;
      readonly code: string;
      readonly nextAttemptAt: number | null;
      readonly report?: RoundReport;
    };

export type SyncStatusListener = (status: SyncStatus) => void;
