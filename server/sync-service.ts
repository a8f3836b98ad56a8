import { randomBytes } from 'node:crypto';
import type { Change, JsonValue } from '../shared/sync/change';
import { ClockSkewError, HybridLogicalClock, DEFAULT_MAX_DRIFT_MS } from '../shared/sync/hlc';
import { checkChangeTarget, SYNC_SCHEMA_VERSION } from '../shared/sync/schema';
import type { Principal } from './auth/tokens';
import { coordinatesRegion, mayReviewHeld, requireMember, requireRegionCoordinator } from './authz';
import { badRequest, conflict, forbidden, notFound, ServerError } from './errors';
import type { SqlExecutor } from './store/sql';
import type { HeldChange, HeldState, LoggedServerChange, ServerStore } from './store/store';
import { checkReportTransition, findLockedSectionEdits, mayDecideSectionHold, reportScope, requireSectionHoldDecider, SECTION_HOLD_PREFIX, SERVER_REPORT_COLUMNS, sectionOfHold, type ReportTarget } from './report-rules';

/**
 * The server's side of sync: the idempotent push, the paged pull, the workflow transitions it
 * owns (visit draft → submitted → approved, report draft → final) and the edits of approved
 * visits that it holds for the coordinator. Every write to a campaign takes the campaign's row
 * lock, so sequence numbers are handed out in commit order and a pull never skips a change.
 */
/**
 * Workflow: a visit's status moves through fieldwork states on the laptops (planned, in_progress,
 * done, cancelled); the server owns the review states: submitted (by any member), approved (by the
 * region's coordinator or the team lead), and sends a visit back to done. A report's status is
 * the laptops' until the server finalises it (region report: coordinator; sector report: that
 * sector's lead; final report: team lead). Laptops cannot write server-owned values, nor change a
 * status while it holds one: such a write is refused and the server re-asserts its value.
 */
export type VisitTarget = 'submitted' | 'approved' | 'done';
export type { ReportTarget };

const SERVER_OWNED: Readonly<Record<string, readonly string[]>> = { visits: ['submitted', 'approved'], reports: ['submitted', 'approved', 'final'] };
const STATUS_FALLBACK: Readonly<Record<string, string>> = { visits: 'planned', reports: 'draft' };
const SUBMITTABLE = new Set(['planned', 'in_progress', 'done']);

/** Schema version stamped on the changes the server writes itself (the status fields exist since the first schema). */
export const SERVER_CHANGE_SCHEMA = 1;

export interface PushResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly held: number;
  readonly refused: readonly { readonly id: string; readonly reason: string }[];
  readonly lastSeq: number;
}

export interface PullResult {
  readonly changes: readonly Change[];
  /** Pass as `after` for the next page. */
  readonly cursor: number;
  readonly hasMore: boolean;
  readonly lastSeq: number;
}

export interface TransitionResult {
  readonly status: string;
  readonly change: Change;
  /** Every change the transition wrote (the status first; a report's comment and frozen values after it). */
  readonly changes?: readonly Change[];
  readonly seq: number;
}

export interface SyncServiceOptions {
  readonly maxDriftMs?: number;
  readonly now?: () => number;
}

function isWorkflowField(change: Change): boolean {
  return change.table in SERVER_OWNED && change.column === 'status';
}

function serverOwned(table: string, value: JsonValue | undefined): boolean {
  return typeof value === 'string' && (SERVER_OWNED[table] ?? []).includes(value);
}

/** Refuses a change the laptops' registry would refuse: one such change in the log would block every laptop's pull. */
function checkTarget(change: Change, index: number): void {
  if (change.schema > SYNC_SCHEMA_VERSION) return; // a newer laptop's change: laptops of its version validate it
  const verdict = checkChangeTarget(change.table, change.column, change.value);
  if (!verdict.ok) throw badRequest(`changes[${index}]: ${verdict.reason}; nothing was stored.`);
}

function asString(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export class SyncService {
  readonly clock: HybridLogicalClock;
  readonly node: string;

  private constructor(
    readonly store: ServerStore,
    clock: HybridLogicalClock,
  ) {
    this.clock = clock;
    this.node = clock.node;
  }

  static async create(store: ServerStore, options: SyncServiceOptions = {}): Promise<SyncService> {
    // Each server process has its own node id, so that several nodes in front of one database never issue equal stamps.
    const node = `srv${randomBytes(6).toString('hex')}`;
    const clock = new HybridLogicalClock(node, {
      last: null,
      maxDriftMs: options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS,
      ...(options.now ? { now: options.now } : {}),
    });
    const newest = await store.newestHlc();
    if (newest) {
      try {
        clock.receive(newest);
      } catch (error) {
        if (!(error instanceof ClockSkewError)) throw error;
        // The log holds a stamp from the future (the server's clock went back): issue stamps after it anyway.
        clock.receive(newest.replace(/^\d{15}/, String(Date.now()).padStart(15, '0')));
      }
    }
    return new SyncService(store, clock);
  }

  /** Refuses a batch with a stamp too far in the future: the laptop's clock is wrong. */
  checkClock(changes: readonly Change[]): void {
    for (const change of changes) {
      try {
        this.clock.checkDrift(change.hlc);
      } catch (error) {
        if (error instanceof ClockSkewError) throw new ServerError(422, 'CLOCK_SKEW', error.message);
        throw error;
      }
    }
  }

  async push(principal: Principal, campaign: string, changes: readonly Change[]): Promise<PushResult> {
    requireMember(principal, campaign);
    changes.forEach((change, index) => {
      if (change.campaign !== campaign) {
        throw badRequest(`changes[${index}] belongs to campaign "${change.campaign}", but was pushed to campaign "${campaign}"; nothing was stored.`);
      }
    });
    changes.forEach(checkTarget);
    this.checkClock(changes);
    const pushedBy = principal.user.id;
    const result = await this.store.transaction(async (tx) => {
      const lastSeq = await this.store.lockCampaign(tx, campaign);
      if (lastSeq === null) throw notFound(`Campaign "${campaign}" does not exist.`);
      const unique = new Map<string, Change>();
      for (const change of changes) if (!unique.has(change.id)) unique.set(change.id, change);
      const known = await this.store.knownChangeIds(tx, campaign, [...unique.keys()]);
      const fresh = [...unique.values()].filter((change) => !known.has(change.id));

      const refused: { id: string; reason: string }[] = [];
      const corrections: Change[] = [];
      const candidates: Change[] = [];
      const statusFields = fresh.filter(isWorkflowField);
      const visitStatus = await this.store.latestValues(tx, campaign, 'visits', 'status', statusFields.filter((c) => c.table === 'visits').map((c) => c.rowId));
      const reportStatus = await this.store.latestValues(tx, campaign, 'reports', 'status', statusFields.filter((c) => c.table === 'reports').map((c) => c.rowId));
      for (const change of fresh) {
        if (change.table === 'reports' && SERVER_REPORT_COLUMNS.includes(change.column)) {
          refused.push({ id: change.id, reason: `reports.${change.column} of report ${change.rowId} is written only by the server's report workflow; your change was not applied.` });
          continue;
        }
        if (!isWorkflowField(change)) {
          candidates.push(change);
          continue;
        }
        const current = (change.table === 'visits' ? visitStatus : reportStatus).get(change.rowId);
        if (!serverOwned(change.table, change.value) && !serverOwned(change.table, current?.value)) {
          candidates.push(change);
          continue;
        }
        const currentValue = asString(current?.value) ?? (STATUS_FALLBACK[change.table] as string);
        const what = change.table === 'visits' ? `visit ${change.rowId}` : `report ${change.rowId}`;
        refused.push({ id: change.id, reason: `The status of ${what} is "${currentValue}" and changes only through the server's review workflow; your change to "${String(change.value)}" was not applied.` });
        if (!current || current.hlc < change.hlc) {
          // Re-assert the server's status with a newer stamp, so the laptop that wrote it converges back.
          this.clock.receive(change.hlc);
          corrections.push(this.serverChange(principal, campaign, change.table, change.rowId, 'status', currentValue, current?.hlc ?? null));
        }
      }

      const holds = await this.findApprovedVisitEdits(tx, campaign, candidates);
      for (const [id, sectionId] of await findLockedSectionEdits(this.store, tx, campaign, principal, candidates)) holds.set(id, `${SECTION_HOLD_PREFIX}${sectionId}`);
      const live = candidates.filter((change) => !holds.has(change.id));
      let seq = await this.store.appendChanges(tx, campaign, lastSeq, live, pushedBy);
      seq = await this.store.appendChanges(tx, campaign, seq, corrections, 'server');
      await this.store.holdChanges(
        tx,
        campaign,
        [...holds.entries()].map(([id, visitId]) => {
          const section = sectionOfHold(visitId);
          return { change: unique.get(id) as Change, visitId, reason: section ? `report section ${section} is locked by its owner` : `visit ${visitId} is approved` };
        }),
        pushedBy,
      );
      return { accepted: live.length, duplicates: changes.length - fresh.length, held: holds.size, refused, lastSeq: seq };
    });
    const newest = changes.reduce<string | null>((max, change) => (max === null || change.hlc > max ? change.hlc : max), null);
    if (newest) this.clock.receive(newest);
    return result;
  }

  async pull(principal: Principal, campaign: string, after: number, limit: number): Promise<PullResult> {
    requireMember(principal, campaign);
    const [page, lastSeq] = await Promise.all([this.store.changesAfter(campaign, after, limit + 1), this.store.lastSeq(campaign)]);
    const hasMore = page.length > limit;
    const served: LoggedServerChange[] = hasMore ? page.slice(0, limit) : page;
    const cursor = served.length > 0 ? (served[served.length - 1] as LoggedServerChange).seq : after;
    return { changes: served.map((entry) => entry.change), cursor, hasMore, lastSeq };
  }

  /** Changes among candidates that edit an approved visit (its own row, or a row whose visit_id is that visit): change id → visit id. */
  private async findApprovedVisitEdits(tx: SqlExecutor, campaign: string, candidates: readonly Change[]): Promise<Map<string, string>> {
    const visitOf = new Map<string, string>();
    const batchVisitIds = new Map<string, { value: string; hlc: string }>();
    for (const change of candidates) {
      if (change.column === 'visit_id' && typeof change.value === 'string') {
        const key = `${change.table}\u0000${change.rowId}`;
        const seen = batchVisitIds.get(key);
        if (!seen || seen.hlc < change.hlc) batchVisitIds.set(key, { value: change.value, hlc: change.hlc });
      }
    }
    const lookups = new Map<string, string[]>();
    for (const change of candidates) {
      if (change.table === 'visits') {
        visitOf.set(change.id, change.rowId);
        continue;
      }
      const fromBatch = batchVisitIds.get(`${change.table}\u0000${change.rowId}`);
      if (fromBatch) visitOf.set(change.id, fromBatch.value);
      else lookups.set(change.table, [...(lookups.get(change.table) ?? []), change.rowId]);
    }
    for (const [table, rowIds] of lookups) {
      const values = await this.store.latestValues(tx, campaign, table, 'visit_id', rowIds);
      for (const change of candidates) {
        if (change.table !== table || visitOf.has(change.id)) continue;
        const visitId = asString(values.get(change.rowId)?.value);
        if (visitId) visitOf.set(change.id, visitId);
      }
    }
    if (visitOf.size === 0) return new Map();
    const statuses = await this.store.latestValues(tx, campaign, 'visits', 'status', [...new Set(visitOf.values())]);
    const held = new Map<string, string>();
    for (const [changeId, visitId] of visitOf) {
      if (statuses.get(visitId)?.value === 'approved') held.set(changeId, visitId);
    }
    return held;
  }

  private serverChange(principal: Principal, campaign: string, table: string, rowId: string, column: string, value: JsonValue, prev: string | null): Change {
    const hlc = this.clock.tick();
    const change: Change = { id: hlc, hlc, node: this.node, author: principal.user.email, campaign, table, rowId, column, value, prev, schema: SERVER_CHANGE_SCHEMA };
    checkTarget(change, 0);
    return change;
  }

  private async regionOfVisit(tx: SqlExecutor, campaign: string, visitId: string): Promise<string> {
    const organisation = asString((await this.store.latestValues(tx, campaign, 'visits', 'organisation_id', [visitId])).get(visitId)?.value);
    if (!organisation) throw notFound(`Visit "${visitId}" is not known to the server (or has no organisation yet): sync it first.`);
    const region = asString((await this.store.latestValues(tx, campaign, 'organisations', 'region_id', [organisation])).get(organisation)?.value);
    if (!region) throw conflict(`The organisation of visit "${visitId}" has no region, so no coordinator can approve it yet.`);
    return region;
  }

  async transitionVisit(principal: Principal, campaign: string, visitId: string, to: VisitTarget): Promise<TransitionResult> {
    const roles = requireMember(principal, campaign);
    return this.store.transaction(async (tx) => {
      const lastSeq = await this.store.lockCampaign(tx, campaign);
      if (lastSeq === null) throw notFound(`Campaign "${campaign}" does not exist.`);
      const region = await this.regionOfVisit(tx, campaign, visitId);
      const current = (await this.store.latestValues(tx, campaign, 'visits', 'status', [visitId])).get(visitId);
      const from = asString(current?.value) ?? 'planned';
      const allowed = to === 'submitted' ? SUBMITTABLE.has(from) : to === 'approved' ? from === 'submitted' : from === 'submitted' || from === 'approved';
      if (!allowed) throw conflict(`Visit "${visitId}" is ${from}; it cannot become ${to}.`);
      if (to === 'approved') requireRegionCoordinator(roles, region, `approve visits in region "${region}"`);
      if (to === 'done') requireRegionCoordinator(roles, region, `send visits in region "${region}" back for more work`);
      if (current) this.clock.receive(current.hlc);
      const change = this.serverChange(principal, campaign, 'visits', visitId, 'status', to, current?.hlc ?? null);
      const seq = await this.store.appendChanges(tx, campaign, lastSeq, [change], 'server');
      return { status: to, change, seq };
    });
  }

  /**
   * Moves a report through its workflow (server/report-rules.ts). With `to: 'final'` the laptop
   * sends the resolved values of every live block (`frozen`), which the server records as
   * reports.frozen_blocks in the same transaction; reopening clears them. A send-back comment is
   * kept in reports.status_comment.
   */
  async transitionReport(
    principal: Principal,
    campaign: string,
    reportId: string,
    to: ReportTarget,
    options: { readonly comment?: string; readonly frozen?: Readonly<Record<string, JsonValue>> | null } = {},
  ): Promise<TransitionResult> {
    const roles = requireMember(principal, campaign);
    return this.store.transaction(async (tx) => {
      const lastSeq = await this.store.lockCampaign(tx, campaign);
      if (lastSeq === null) throw notFound(`Campaign "${campaign}" does not exist.`);
      const report = await reportScope(this.store, tx, campaign, reportId);
      const current = (await this.store.latestValues(tx, campaign, 'reports', 'status', [reportId])).get(reportId);
      const from = asString(current?.value) ?? 'draft';
      checkReportTransition(roles, report, from, to);
      if (current) this.clock.receive(current.hlc);
      const change = this.serverChange(principal, campaign, 'reports', reportId, 'status', to, current?.hlc ?? null);
      const extra: Change[] = [];
      const previous = async (column: string) => (await this.store.latestValues(tx, campaign, 'reports', column, [reportId])).get(reportId) ?? null;
      const comment = await previous('status_comment');
      const wantedComment = to === 'draft' && options.comment ? options.comment : null;
      if (wantedComment !== (asString(comment?.value) ?? null)) extra.push(this.serverChange(principal, campaign, 'reports', reportId, 'status_comment', wantedComment, comment?.hlc ?? null));
      const frozen = await previous('frozen_blocks');
      if (to === 'final') extra.push(this.serverChange(principal, campaign, 'reports', reportId, 'frozen_blocks', options.frozen ?? {}, frozen?.hlc ?? null));
      else if (from === 'final' && frozen && frozen.value !== null) extra.push(this.serverChange(principal, campaign, 'reports', reportId, 'frozen_blocks', null, frozen.hlc));
      const seq = await this.store.appendChanges(tx, campaign, lastSeq, [change, ...extra], 'server');
      return { status: to, change, changes: [change, ...extra], seq };
    });
  }

  /** Held edits the principal may review: the team lead sees all, a region coordinator those of their regions' visits. */
  async listHeld(principal: Principal, campaign: string, state: HeldState | undefined): Promise<HeldChange[]> {
    const roles = requireMember(principal, campaign);
    if (!mayReviewHeld(roles)) throw forbidden('Only region coordinators and the team lead review edits of approved visits.');
    const held = await this.store.listHeld(campaign, state);
    const visible: HeldChange[] = [];
    await this.store.transaction(async (tx) => {
      for (const item of held) {
        const section = sectionOfHold(item.visitId);
        if (section !== null) {
          if (await mayDecideSectionHold(this.store, tx, campaign, principal, roles, section)) visible.push(item);
          continue;
        }
        const region = await this.regionOfVisit(tx, campaign, item.visitId).catch(() => null);
        if (region !== null ? coordinatesRegion(roles, region) : roles.some((role) => role.role === 'team-lead')) visible.push(item);
      }
    });
    return visible;
  }

  async decideHeld(principal: Principal, campaign: string, changeId: string, decision: 'accept' | 'reject'): Promise<{ state: HeldState; seq: number | null }> {
    const roles = requireMember(principal, campaign);
    return this.store.transaction(async (tx) => {
      const lastSeq = await this.store.lockCampaign(tx, campaign);
      if (lastSeq === null) throw notFound(`Campaign "${campaign}" does not exist.`);
      const held = await this.store.findHeld(tx, campaign, changeId);
      if (!held) throw notFound(`No held edit "${changeId}" in campaign "${campaign}".`);
      const section = sectionOfHold(held.visitId);
      if (section !== null) await requireSectionHoldDecider(this.store, tx, campaign, principal, roles, section);
      else {
        const region = await this.regionOfVisit(tx, campaign, held.visitId);
        requireRegionCoordinator(roles, region, `accept or reject edits of approved visits in region "${region}"`);
      }
      if (held.state !== 'pending') throw conflict(`This edit was already ${held.state}.`);
      if (decision === 'reject') {
        await this.store.decideHeld(tx, campaign, changeId, 'rejected', principal.user.id);
        return { state: 'rejected' as const, seq: null };
      }
      await this.store.decideHeld(tx, campaign, changeId, 'accepted', principal.user.id);
      const seq = await this.store.appendChanges(tx, campaign, lastSeq, [held.change], held.pushedBy);
      return { state: 'accepted' as const, seq };
    });
  }
}
