import type { Change } from '../../../shared/sync/change';
import type { ChangeSourceKind, SyncReplica } from '../../../shared/sync/replica';
import { isReasonCode, type ReasonCode } from '../../../shared/sync/reasons';
import type { MeResponse, RefusedChange } from '../../../server/api';
import { ServerUnreachableError, SyncHttpError, type SyncHttpClient } from './http';
import type { RoundProblem, RoundReport, SyncProgress, SyncStatus, SyncStatusListener } from './status';

/**
 * The one sync engine of the app and of `veldwerk sync`. It works against the SyncReplica port:
 *
 * - push: the replica's changes of local, bundle and peer origin after a persisted cursor, in
 *   batches; the cursor moves only after the server acknowledged the batch (the server drops
 *   duplicates, so a batch resent after a crash or a lost answer changes nothing);
 * - pull: the server's log after a persisted cursor, page by page, applied with
 *   applyRemote(..., 'server'); the cursor moves only after the apply committed.
 *
 * Cursors are keyed by the server's identity, so a rebuilt server starts over safely. A failed
 * round is retried with exponential backoff; status events drive the UI indicator.
 */
export interface SyncEngineOptions {
  readonly replica: SyncReplica;
  readonly client: SyncHttpClient;
  /** Campaigns to sync; default: every campaign the user is a member of. */
  readonly campaigns?: readonly string[];
  readonly pushBatch?: number;
  readonly pullLimit?: number;
  /** Pause between rounds when all is well; default 60 s (trigger() syncs sooner). */
  readonly intervalMs?: number;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Told the server's answer to "who am I" at the start of every round (the account's memberships, kept on the laptop). */
  readonly onMe?: (me: MeResponse) => void;
}

const PUSH_SOURCES: readonly ChangeSourceKind[] = ['local', 'bundle', 'peer'];

/** A round in which something failed; the report says what, and what synced all the same. */
export class SyncRoundError extends Error {
  override readonly name = 'SyncRoundError';
  constructor(readonly report: RoundReport) {
    super(
      report.problems
        .map((problem) => (problem.campaign ? `${problem.campaign}: ${problem.message}` : problem.message))
        .join('\n'),
    );
  }
}

/** The reason code of a local error that carries one (the store's ChangeRejectedError does), else LOCAL. */
function localCode(error: unknown): ReasonCode {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return isReasonCode(code) ? code : 'LOCAL';
}

/** The push cursor's key; migration 012's triggers read this name (with `sync:server-id`) to keep the unpushed counts. */
export function pushCursorKey(serverId: string, campaign: string): string {
  return `server:${serverId}:${campaign}:push`;
}

export function pullCursorKey(serverId: string, campaign: string): string {
  return `server:${serverId}:${campaign}:pull`;
}

export class SyncEngine {
  private current: SyncStatus = { state: 'idle' };
  private readonly listeners = new Set<SyncStatusListener>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pendingTrigger = false;
  private round: Promise<RoundReport> | null = null;
  private failures = 0;
  private readonly now: () => number;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  get status(): SyncStatus {
    return this.current;
  }

  /** Listens to status changes; returns the function that stops listening. */
  onStatus(listener: SyncStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One full round (push then pull, every campaign). Rejects on failure; concurrent calls share one round. */
  syncOnce(): Promise<RoundReport> {
    if (!this.round) {
      this.round = this.runRound().finally(() => {
        this.round = null;
      });
    }
    return this.round;
  }

  /** Runs rounds in the background until stop(): after each success wait intervalMs, after a failure back off. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.backgroundLoop();
  }

  /** Asks the background loop to sync now (e.g. after a local edit, or when the network came back). */
  trigger(): void {
    this.pendingTrigger = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    this.setStatus({ state: 'idle' });
  }

  private setStatus(status: SyncStatus): void {
    this.current = status;
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A broken listener must not break sync.
      }
    }
  }

  private progress(progress: SyncProgress): void {
    this.setStatus({ state: 'syncing', progress });
  }

  /**
   * One round: every campaign is pushed and pulled on its own, so one campaign's refusal (a
   * clock the server refuses, a change it cannot take) does not keep the others from syncing,
   * and a push that fails does not keep its campaign from pulling. Changes pulled that this
   * laptop cannot apply are set aside (deferred changes, with the reason) and the pull goes on.
   * The round rejects (SyncRoundError, with the report) when anything failed; the server being
   * unreachable stops the round at once.
   */
  private async runRound(): Promise<RoundReport> {
    const { replica, client } = this.options;
    this.setStatus({ state: 'syncing', progress: null });
    try {
      const me = await client.me();
      this.options.onMe?.(me);
      const member = [...new Set(me.memberships.map((membership) => membership.campaign))];
      const campaigns = this.options.campaigns
        ? this.options.campaigns.filter((campaign) => member.includes(campaign))
        : member;
      const missing = this.options.campaigns?.filter((campaign) => !member.includes(campaign)) ?? [];
      if (missing.length > 0)
        throw new SyncHttpError(
          403,
          'FORBIDDEN',
          `You are not a member of campaign ${missing.map((c) => `"${c}"`).join(', ')} on this server.`,
        );
      const problems: RoundProblem[] = [];
      const clockOffsetMs = typeof me.time === 'number' ? this.now() - me.time : null;
      if (
        clockOffsetMs !== null &&
        typeof me.maxClockSkewMs === 'number' &&
        Math.abs(clockOffsetMs) > me.maxClockSkewMs
      ) {
        const minutes = Math.round(Math.abs(clockOffsetMs) / 60_000);
        problems.push({
          campaign: null,
          phase: 'clock',
          code: 'CLOCK_SKEW',
          message: `This laptop's clock is ${minutes} minutes ${clockOffsetMs > 0 ? 'ahead of' : 'behind'} the server's: correct its date and time. Changes from others are still received.`,
        });
      }
      let pushed = 0;
      let pulled = 0;
      let duplicates = 0;
      let held = 0;
      let setAside = 0;
      const refused: RefusedChange[] = [];
      const problemOf = (campaign: string, phase: 'push' | 'pull', error: unknown): RoundProblem => {
        if (error instanceof ServerUnreachableError) throw error;
        if (error instanceof SyncHttpError)
          return { campaign, phase, code: isReasonCode(error.code) ? error.code : 'INTERNAL', message: error.message };
        return {
          campaign,
          phase,
          code: localCode(error),
          message: error instanceof Error ? error.message : String(error),
        };
      };
      for (const campaign of campaigns) {
        let heldNow = 0;
        try {
          const pushKey = pushCursorKey(me.serverId, campaign);
          let pushCursor = Number(replica.getSyncState(pushKey) ?? '0');
          const limit = this.options.pushBatch ?? 500;
          // Every refusal of this campaign's pushes this round.
          const answered: RefusedChange[] = [];
          // The changes refused for good this round, set aside below (see FINAL).
          const final: { change: Change; code: ReasonCode; reason: string }[] = [];
          const send = async (changes: readonly Change[]) => {
            const answer = await client.push(campaign, changes, replica.node);
            const sent = new Map(changes.map((change) => [change.id, change]));
            for (const item of answer.refused) {
              const change = sent.get(item.id);
              if (change && FINAL.has(item.code)) final.push({ change, code: item.code, reason: item.reason });
            }
            pushed += answer.accepted;
            duplicates += answer.duplicates;
            held += answer.held;
            heldNow += answer.held;
            refused.push(...answer.refused);
            answered.push(...answer.refused);
            this.progress({ phase: 'push', campaign, done: pushed + duplicates + held + refused.length, total: null });
          };
          // First again what the server refused for a reason someone can mend (see MENDABLE).
          const retryKey = refusedPushKey(me.serverId, campaign);
          const waiting = new Map(readRefused(replica.getSyncState(retryKey)).map((item) => [item.id, item]));
          if (waiting.size > 0 && replica.changesById) {
            const again = replica.changesById([...waiting.keys()].slice(0, limit));
            for (const id of [...waiting.keys()].slice(0, limit)) waiting.delete(id);
            if (again.length > 0) await send(again.map((entry) => entry.change));
          }
          for (;;) {
            const batch = rowAligned(
              replica.changesAfter(pushCursor, limit, { sources: PUSH_SOURCES, campaign }),
              limit,
            );
            if (batch.length === 0) break;
            await send(batch.map((entry) => entry.change));
            pushCursor = batch[batch.length - 1]?.seq ?? pushCursor;
            replica.setSyncState(pushKey, String(pushCursor));
          }
          for (const item of answered) if (MENDABLE.has(item.code)) waiting.set(item.id, item);
          replica.setSyncState(retryKey, JSON.stringify([...waiting.values()].slice(-MAX_WAITING_REFUSED)));
          // Refused for good: set aside (visible on the Conflicten page) instead of sent again, and said once.
          if (final.length > 0) {
            const kept = replica.setAsidePushed?.(final) ?? 0;
            setAside += kept;
            for (const code of FINAL) {
              const mine = final.filter((item) => item.code === code);
              if (mine.length > 0)
                problems.push({
                  campaign,
                  phase: 'push',
                  code,
                  message: `${mine.length} change(s) were refused for good by the server (${mine[0]?.reason ?? code}); they stay on this laptop only and were set aside, so they are not sent again.`,
                });
            }
          }
          // Changes the server refused for such a reason stay on this laptop and are sent again each round: say so.
          for (const code of MENDABLE) {
            const mine = answered.filter((item) => item.code === code);
            if (mine.length > 0)
              problems.push({
                campaign,
                phase: 'push',
                code,
                message: `${mine.length} change(s) were not stored on the server (${mine[0]?.reason ?? code}); they are kept on this laptop and sent again each round, so they arrive once this is put right.`,
              });
          }
        } catch (error) {
          problems.push(problemOf(campaign, 'push', error));
        }
        try {
          const pullKey = pullCursorKey(me.serverId, campaign);
          const start = Number(replica.getSyncState(pullKey) ?? '0');
          let cursor = start;
          for (;;) {
            const page = await client.pull(campaign, cursor, this.options.pullLimit ?? 1000);
            if (page.changes.length > 0) {
              // The page and the cursor after it in one transaction, so it may commit without an fsync.
              const applied = replica.applyRemote(page.changes, 'server', {
                setAside: true,
                cursor: { key: pullKey, value: String(page.cursor) },
              });
              pulled += page.changes.length;
              setAside += applied.setAside?.length ?? 0;
            } else if (page.cursor !== cursor) replica.setSyncState(pullKey, String(page.cursor));
            cursor = page.cursor;
            this.progress({
              phase: 'pull',
              campaign,
              done: cursor - start,
              total: Math.max(page.lastSeq - start, cursor - start),
            });
            if (!page.hasMore) break;
          }
        } catch (error) {
          problems.push(problemOf(campaign, 'pull', error));
        }
        try {
          await this.followHeld(campaign, heldNow > 0);
        } catch (error) {
          problems.push(problemOf(campaign, 'pull', error));
        }
      }
      const report: RoundReport = {
        pushed,
        pulled,
        duplicates,
        held,
        refused,
        campaigns,
        setAside,
        problems,
        clockOffsetMs,
      };
      if (problems.length > 0) throw new SyncRoundError(report);
      this.failures = 0;
      this.setStatus({ state: 'up-to-date', at: this.now(), report });
      return report;
    } catch (error) {
      this.failures += 1;
      const nextAttemptAt = this.running ? this.now() + this.backoffMs() : null;
      if (error instanceof ServerUnreachableError) {
        this.setStatus({ state: 'offline', reason: error.message, nextAttemptAt: nextAttemptAt ?? this.now() });
      } else if (error instanceof SyncRoundError) {
        const first = error.report.problems[0] as RoundProblem;
        this.setStatus({
          state: 'error',
          reason: first.message,
          code: first.code,
          nextAttemptAt,
          report: error.report,
        });
      } else if (error instanceof SyncHttpError) {
        const reason = error.status === 401 ? `Log in again: ${error.message}` : error.message;
        this.setStatus({ state: 'error', reason, code: error.code, nextAttemptAt });
      } else {
        this.setStatus({
          state: 'error',
          reason: error instanceof Error ? error.message : String(error),
          code: 'LOCAL',
          nextAttemptAt,
        });
      }
      throw error;
    }
  }

  /**
   * Asks the server what became of this account's held edits of a campaign (after a push the
   * server held something, or while the replica waits for a decision) and keeps the answer, so
   * the author sees that an edit was rejected, by whom, and what they wrote. A server without
   * the route (older) is not asked again this round.
   */
  private async followHeld(campaign: string, heldNow: boolean): Promise<void> {
    const { replica, client } = this.options;
    if (!replica.recordHeldOutcomes || !(heldNow || replica.awaitsHeldDecision?.(campaign))) return;
    let answer;
    try {
      answer = await client.listOwnHeld(campaign);
    } catch (error) {
      if (error instanceof SyncHttpError && error.status === 404) return;
      throw error;
    }
    replica.recordHeldOutcomes(
      campaign,
      answer.held.map((held) => ({
        changeId: held.change.id,
        visitId: held.visitId,
        table: held.change.table,
        rowId: held.change.rowId,
        column: held.change.column,
        state: held.state,
        receivedAt: held.receivedAt,
        decidedBy: held.decidedBy,
        decidedAt: held.decidedAt,
        editedText: held.editedText,
      })),
    );
  }

  /** Exponential backoff with ±20% jitter: 1 s, 2 s, 4 s ... up to maxBackoffMs (default 5 min). */
  private backoffMs(): number {
    const initial = this.options.initialBackoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 5 * 60 * 1000;
    const base = Math.min(max, initial * 2 ** Math.max(0, this.failures - 1));
    const jitter = 0.8 + 0.4 * (this.options.random ?? Math.random)();
    return Math.round(base * jitter);
  }

  private async backgroundLoop(): Promise<void> {
    while (this.running) {
      this.pendingTrigger = false;
      let wait: number;
      try {
        await this.syncOnce();
        wait = this.options.intervalMs ?? 60_000;
      } catch {
        const status = this.current;
        wait =
          (status.state === 'offline' || status.state === 'error') && status.nextAttemptAt !== null
            ? Math.max(0, status.nextAttemptAt - this.now())
            : this.backoffMs();
      }
      if (!this.running) break;
      if (this.pendingTrigger) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

/**
 * Refusals someone can mend, so the refused change is worth sending again (each round, before the
 * new changes) until it is stored: AUTHOR_MISMATCH (the team lead puts the right address on the
 * member the change is signed as). The refused changes stay in the laptop's log and apply there;
 * the list of waiting ones is kept per server and campaign in the sync state (`refusedPushKey`),
 * so it survives a restart. Other refusals are final and listed in their round only: the server
 * corrected the field (FIELD_SERVER_OWNED, and MEMBERS_TEAM_LEAD_ONLY, whose member rows the
 * server re-asserts: the lead's team is the one that counts), or the change can never be stored.
 */
export const MENDABLE: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['AUTHOR_MISMATCH']);
/**
 * Refusals of this laptop's own changes that no mending can make pass (AUTHOR_OTHER_ACCOUNT:
 * signed as a member who is another account): the changes are set aside in the replica (they stay
 * applied here, listed with the reason on the Conflicten page) and never sent again. An older
 * server that answers AUTHOR_MISMATCH for these keeps them in the MENDABLE retry.
 */
export const FINAL: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['AUTHOR_OTHER_ACCOUNT']);
/** At most this many refused changes wait per campaign (the newest are kept). */
const MAX_WAITING_REFUSED = 5000;

export function refusedPushKey(serverId: string, campaign: string): string {
  return `refused:${serverId}:${campaign}`;
}

/** The refused changes that wait to be sent again, as the sync state keeps them (an unreadable entry is dropped). */
export function readRefused(raw: string | null): RefusedChange[] {
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is RefusedChange =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as RefusedChange).id === 'string' &&
        isReasonCode((item as RefusedChange).code) &&
        typeof (item as RefusedChange).reason === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * A full push batch ends before the run of changes of its last row, so that a row's changes made
 * in one write travel together: the server needs a new deterministic row's creating values in the
 * push that creates it (server/row-claims.ts). A batch that is one row's run only is kept whole.
 */
export function rowAligned<T extends { readonly change: { readonly table: string; readonly rowId: string } }>(
  batch: readonly T[],
  limit: number,
): readonly T[] {
  const last = batch[batch.length - 1];
  if (!last || batch.length < limit) return batch;
  let end = batch.length;
  while (
    end > 0 &&
    batch[end - 1]?.change.table === last.change.table &&
    batch[end - 1]?.change.rowId === last.change.rowId
  )
    end -= 1;
  return end === 0 ? batch : batch.slice(0, end);
}
