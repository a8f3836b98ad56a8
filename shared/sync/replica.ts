import type { Change } from './change';
import type { ReasonCode } from './reasons';

/**
 * What a sync transport (bundle file, duo peer, central server client) needs from a local
 * store. The store in db/ implements it; the transports depend only on this port.
 */
export type ChangeSourceKind = 'local' | 'bundle' | 'peer' | 'server';

export interface ApplyReport {
  /** Changes that were new to this replica (stored in the log). */
  readonly applied: number;
  /** Changes already present (idempotent re-delivery). */
  readonly duplicates: number;
  /** Changes kept aside because they need a newer schema than this store knows. */
  readonly deferred: number;
  /** Concurrent edits of judgement fields recorded in the conflicts table (the user chooses). */
  readonly conflicts: number;
  /** Concurrent edits of lww fields the last writer won, the loser kept visible with a restore. */
  readonly autoResolved?: number;
  /** Changes set aside because they cannot be applied here (only when the caller asked to set aside). */
  readonly setAside?: readonly SetAsideChange[];
}

/** A change a replica met but could not apply, kept aside with the reason. */
export interface SetAsideChange {
  readonly change: Change;
  readonly code: ReasonCode;
  readonly reason: string;
}

export interface LoggedChange {
  /** Local sequence number of the change in this replica's log (strictly increasing). */
  readonly seq: number;
  readonly source: ChangeSourceKind;
  readonly change: Change;
}

/** What became of one of this account's edits that the server held for a coordinator. */
export interface HeldOutcome {
  readonly changeId: string;
  readonly visitId: string;
  readonly table: string;
  readonly rowId: string;
  readonly column: string;
  readonly state: 'pending' | 'accepted' | 'rejected';
  readonly receivedAt: number;
  /** The deciding account's e-mail address (null while pending). */
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  /** For a rejected edit: the field as its author wrote it. */
  readonly editedText: string | null;
}

export interface SyncReplica {
  /** This replica's node id. */
  readonly node: string;
  /** Changes after local sequence number afterSeq, oldest first, at most limit, optionally only of some sources and one campaign. */
  changesAfter(
    afterSeq: number,
    limit: number,
    filter?: { readonly sources?: readonly ChangeSourceKind[]; readonly campaign?: string },
  ): LoggedChange[];
  /** The logged changes with these ids (to push again those the server refused for a reason that can be mended). */
  changesById?(ids: readonly string[]): LoggedChange[];
  /** Applies changes made elsewhere: idempotent, commutative, all or nothing per call. */
  applyRemote(
    changes: readonly Change[],
    source: Exclude<ChangeSourceKind, 'local'>,
    options?: {
      readonly setAside?: boolean;
      /**
       * Sync state written in the same transaction as the changes (the pull cursor after this
       * page): the changes stay recoverable from their source, so the replica may commit them
       * without waiting for the disk (a power cut then only means pulling the page again).
       */
      readonly cursor?: { readonly key: string; readonly value: string };
    },
  ): ApplyReport;
  /**
   * Sets aside changes of this replica that the server refused for good (never to be sent again),
   * with the reason, for the person to see; they stay applied here. A replica may not keep them.
   */
  setAsidePushed?(
    refused: readonly { readonly change: Change; readonly code: ReasonCode; readonly reason: string }[],
  ): number;
  /** Small persistent key/value state for transports (cursors, peer high-water marks). */
  getSyncState(key: string): string | null;
  setSyncState(key: string, value: string): void;
  /** Keeps what the server said became of this account's held edits in a campaign (a replica may not keep them). */
  recordHeldOutcomes?(campaign: string, outcomes: readonly HeldOutcome[]): void;
  /** Whether the replica waits for a decision on a held edit of the campaign (the engine then asks each round). */
  awaitsHeldDecision?(campaign: string): boolean;
}
