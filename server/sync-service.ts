import { randomBytes } from 'node:crypto';
import type { Change, JsonValue } from '../shared/sync/change';
import { ClockSkewError, DEFAULT_MAX_CLOCK_SKEW_MS, formatHlc, HybridLogicalClock, parseHlc } from '../shared/sync/hlc';
import { VISIT_SCOPED_TABLES } from '../shared/sync/schema';
import { validateChange } from '../shared/sync/validate';
import type { RefusedChange } from './api';
import { checkAuthors, refuseMemberRow } from './authorship';
import { CampaignWrites } from './campaign-writes';
import type { Principal } from './auth/tokens';
import { coordinatesRegion, isTeamLead, mayReviewHeld, requireMember, requireRegionCoordinator } from './authz';
import { conflict, forbidden, notFound, ServerError } from './errors';
import type { SqlExecutor } from './store/sql';
import type { HeldChange, HeldState, LoggedServerChange, OwnHeldChange, ServerStore } from './store/store';
import { redundantTextHolds, rejectionOf } from './held-rejection';
import { forgedDerivedRows, ownedRows } from './row-claims';
import {
  checkReportTransition,
  findLockedSectionEdits,
  mayDecideSectionHold,
  reportScope,
  requireSectionHoldDecider,
  SECTION_HOLD_PREFIX,
  SERVER_REPORT_COLUMNS,
  sectionOfHold,
  type ReportFreezer,
  type ReportTarget,
} from './report-rules';

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

const SERVER_OWNED: Readonly<Record<string, readonly string[]>> = {
  visits: ['submitted', 'approved'],
  reports: ['submitted', 'approved', 'final'],
};
const STATUS_FALLBACK: Readonly<Record<string, string>> = { visits: 'planned', reports: 'draft' };
const SUBMITTABLE = new Set(['planned', 'in_progress', 'done']);

/** How many of a member's own held edits the server reports back at most (newest first). */
const OWN_HELD_LIMIT = 200;

/** Schema version stamped on the changes the server writes itself (the status fields exist since the first schema). */
export const SERVER_CHANGE_SCHEMA = 1;

export interface PushResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly held: number;
  readonly refused: readonly RefusedChange[];
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
  /** The allowed clock skew of laptops (default DEFAULT_MAX_CLOCK_SKEW_MS). */
  readonly maxClockSkewMs?: number;
  readonly now?: () => number;
  /** Resolves a report's blocks at finalise (server/report-rules.ts); without it the server refuses to finalise. */
  readonly freezeReport?: ReportFreezer;
}

function isWorkflowField(change: Change): boolean {
  return change.table in SERVER_OWNED && change.column === 'status';
}

function serverOwned(table: string, value: JsonValue | undefined): boolean {
  return typeof value === 'string' && (SERVER_OWNED[table] ?? []).includes(value);
}

/** The server's own changes pass the same validation as everyone's (shared/sync/validate.ts). */
function checkOwnChange(change: Change): void {
  const verdict = validateChange(change);
  if (!verdict.ok) throw new Error(`The server made an invalid change (${verdict.code}): ${verdict.message}`);
}

/**
 * Fields that decide who may review a record: a visit's region comes from its organisation's
 * region, a report's reviewer from its kind and scope, an edit's hold from its row's visit. Once
 * set (the row exists on the server), only the team lead changes them; anyone else's change is
 * refused and the server's value re-asserted, so nobody can move a record into their own scope,
 * approve it and move it back.
 */
const GUARDED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  organisations: ['region_id'],
  visits: ['organisation_id'],
  reports: ['kind', 'scope_id'],
  ...Object.fromEntries(VISIT_SCOPED_TABLES.map((table) => [table, ['visit_id']])),
};

/** The field whose presence in the log means the row exists on the server (for workflow rows). */
const ROW_CREATING_FIELD: Readonly<Record<string, string>> = { visits: 'organisation_id', reports: 'kind' };

function isGuardedField(change: Change): boolean {
  return (GUARDED_FIELDS[change.table] ?? []).includes(change.column);
}

function fieldKey(change: Change): string {
  return `${change.table}\u0000${change.rowId}\u0000${change.column}`;
}

/** Whether two changes with the same id are the same change (a replay), field by field. */
function sameChange(a: Change, b: Change): boolean {
  return (
    a.hlc === b.hlc &&
    a.node === b.node &&
    a.author === b.author &&
    a.campaign === b.campaign &&
    a.table === b.table &&
    a.rowId === b.rowId &&
    a.column === b.column &&
    a.prev === b.prev &&
    a.schema === b.schema &&
    JSON.stringify(a.value) === JSON.stringify(b.value)
  );
}

function asString(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export class SyncService {
  readonly clock: HybridLogicalClock;
  readonly node: string;
  /** The writes of each campaign queued in this process (PostgreSQL; see writeCampaign). */
  private readonly campaignWrites: CampaignWrites;

  private constructor(
    readonly store: ServerStore,
    clock: HybridLogicalClock,
    private readonly freezeReport: ReportFreezer | null,
  ) {
    this.clock = clock;
    this.node = clock.node;
    this.campaignWrites = new CampaignWrites((fn) => store.transaction(fn));
  }

  static async create(store: ServerStore, options: SyncServiceOptions = {}): Promise<SyncService> {
    // Each server process has its own node id, so that several nodes in front of one database never issue equal stamps.
    const node = `srv${randomBytes(6).toString('hex')}`;
    const clock = new HybridLogicalClock(node, {
      last: null,
      maxDriftMs: options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS,
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
    return new SyncService(store, clock, options.freezeReport ?? null);
  }

  /**
   * Refuses a batch with a stamp further ahead of the server's wall clock than the allowed skew:
   * the laptop's clock is wrong. Such a change would win over every later edit and drag every
   * clock that sees it; within the skew, the server's clock follows stamps as a hybrid clock does.
   */
  checkClock(changes: readonly Change[]): void {
    for (const change of changes) {
      try {
        this.clock.checkDrift(change.hlc);
      } catch (error) {
        if (error instanceof ClockSkewError) {
          throw new ServerError(
            422,
            'CLOCK_SKEW',
            `A change is stamped ${Math.round(error.aheadMs / 60_000)} minutes in the future by this laptop's clock (the server allows ${Math.round(this.clock.maxDriftMs / 60_000)}): ` +
              'correct its date and time; its changes are sent once they are no longer in the future. Receiving changes goes on.',
          );
        }
        throw error;
      }
    }
  }

  /**
   * `node`: the pushing laptop's own node id, as its client declares it. A node id belongs to the
   * account that first declared it; a push declaring another account's node is refused, and so is
   * every change of a node bound to another account (a forged signature, or a partner's changes
   * relayed: the partner's laptop pushes those itself). Changes of a node nobody declared yet
   * (a partner laptop that never synced) pass as relayed.
   */
  async push(principal: Principal, campaign: string, changes: readonly Change[], node?: string): Promise<PushResult> {
    const roles = requireMember(principal, campaign);
    changes.forEach((change, index) => {
      if (change.campaign !== campaign) {
        throw new ServerError(
          400,
          'WRONG_CAMPAIGN',
          `changes[${index}] belongs to campaign "${change.campaign}", but was pushed to campaign "${campaign}"; nothing was stored.`,
        );
      }
    });
    this.checkClock(changes);
    const pushedBy = principal.user.id;
    const teamLead = isTeamLead(roles);
    const result = await this.writeCampaign(campaign, async (tx) => {
      const lastSeq = await this.store.lockCampaign(tx, campaign);
      if (lastSeq === null) throw notFound(`Campaign "${campaign}" does not exist.`);
      const refused: RefusedChange[] = [];
      if (node !== undefined && (await this.store.bindNode(tx, node, pushedBy)) !== pushedBy) {
        throw new ServerError(
          403,
          'NODE_OF_OTHER_USER',
          `Laptop ${node} belongs to another account on this server; nothing was stored.`,
        );
      }
      const owners = await this.store.nodeOwners(tx, [...new Set(changes.map((change) => change.node))]);
      const own: Change[] = [];
      for (const change of changes) {
        const owner = owners.get(change.node);
        if (owner === undefined || owner === pushedBy) own.push(change);
        else
          refused.push({
            id: change.id,
            code: 'NODE_OF_OTHER_USER',
            reason: `Change ${change.id} was made on laptop ${change.node}, which belongs to another account; it was not stored.`,
          });
      }
      const unique = new Map<string, Change>();
      for (const change of own) {
        const first = unique.get(change.id);
        if (!first) unique.set(change.id, change);
        else if (!sameChange(first, change))
          refused.push({
            id: change.id,
            code: 'DUPLICATE_ID_CONFLICT',
            reason: `Two different changes carry the id ${change.id}; the first was kept.`,
          });
      }
      const known = await this.store.knownChanges(tx, campaign, [...unique.keys()]);
      const fresh: Change[] = [];
      for (const change of unique.values()) {
        const stored = known.get(change.id);
        if (!stored) fresh.push(change);
        else if (!sameChange(stored, change))
          refused.push({
            id: change.id,
            code: 'DUPLICATE_ID_CONFLICT',
            reason: `The server already has a different change with the id ${change.id}; yours was not stored.`,
          });
      }

      const duplicateCount = changes.length - fresh.length - refused.length;
      // A row id is one campaign's: a member of another campaign pushing it (ids can be computed)
      // would otherwise break every laptop that is a member of both.
      const foreignRows = new Map<string, string>();
      for (const table of new Set(
        fresh.filter((change) => change.table !== 'campaigns').map((change) => change.table),
      )) {
        const rows = await this.store.rowsOfOtherCampaigns(
          tx,
          campaign,
          table,
          fresh.filter((change) => change.table === table).map((change) => change.rowId),
        );
        for (const [rowId, owner] of rows) foreignRows.set(`${table}\u0000${rowId}`, owner);
      }
      // ... unless the id is this campaign's by construction: then whoever pushed it elsewhere first was forging it.
      if (foreignRows.size > 0)
        for (const key of await ownedRows(this.store, tx, campaign, fresh, foreignRows)) foreignRows.delete(key);
      // ... and a new row whose deterministic id does not hash from this campaign was computed from another's.
      for (const key of await forgedDerivedRows(this.store, tx, campaign, fresh, new Set(foreignRows.keys())))
        foreignRows.set(key, 'another campaign');
      if (foreignRows.size > 0) {
        for (let index = fresh.length - 1; index >= 0; index -= 1) {
          const change = fresh[index] as Change;
          if (!foreignRows.has(`${change.table}\u0000${change.rowId}`)) continue;
          refused.push({
            id: change.id,
            code: 'ROW_OF_OTHER_CAMPAIGN',
            reason: `${change.table} row ${change.rowId} belongs to another campaign; your change was not applied.`,
          });
          fresh.splice(index, 1);
        }
      }

      const corrections: Change[] = [];
      const correct = (change: Change, current: { value: JsonValue; hlc: string } | undefined, value: JsonValue) => {
        if (current && current.hlc >= change.hlc) return;
        // Re-assert the server's value with a newer stamp, so the laptop that wrote it converges back.
        const after = current && current.hlc > change.hlc ? current.hlc : change.hlc;
        corrections.push(
          this.serverChange(
            principal,
            campaign,
            change.table,
            change.rowId,
            change.column,
            value,
            current?.hlc || null,
            after,
          ),
        );
      };

      const guarded = fresh.filter(isGuardedField);
      const guardedValues = await this.latestOfFields(tx, campaign, guarded);
      // A report's scope is decided when the report is made, even when it is none (the final report).
      const unscoped = guarded.filter(
        (change) => change.table === 'reports' && change.column === 'scope_id' && !guardedValues.has(fieldKey(change)),
      );
      for (const rowKey of await this.existingRows(tx, campaign, unscoped))
        guardedValues.set(`${rowKey}\u0000scope_id`, { value: null, hlc: '' });
      // Member rows are the team lead's (server/authorship.ts): what the server has of them is re-asserted to anyone else.
      const memberValues = teamLead
        ? new Map<string, { value: JsonValue; hlc: string }>()
        : await this.latestOfFields(
            tx,
            campaign,
            fresh.filter((change) => change.table === 'members'),
          );
      const isServerOwned = (change: Change) =>
        change.table === 'reports' && SERVER_REPORT_COLUMNS.includes(change.column);
      const serverOwnedValues = await this.latestOfFields(tx, campaign, fresh.filter(isServerOwned));
      const afterGuard: Change[] = [];
      for (const change of fresh) {
        if (isServerOwned(change)) {
          refused.push({
            id: change.id,
            code: 'FIELD_SERVER_OWNED',
            reason: `reports.${change.column} of report ${change.rowId} is written only by the server's report workflow; your change was not applied.`,
          });
          // The laptop applied its own write: re-assert the server's value (none: null) so it converges back.
          const current = serverOwnedValues.get(fieldKey(change));
          correct(change, current, current?.value ?? null);
          continue;
        }
        const memberRefusal = refuseMemberRow(change, teamLead);
        if (memberRefusal) {
          refused.push(memberRefusal);
          // A member row the server has converges back on the laptop that changed it; a new one gets nothing.
          const current = memberValues.get(fieldKey(change));
          if (current) correct(change, current, current.value);
          continue;
        }
        if (!isGuardedField(change)) {
          afterGuard.push(change);
          continue;
        }
        const current = guardedValues.get(fieldKey(change));
        if (teamLead || !current || JSON.stringify(current.value) === JSON.stringify(change.value)) {
          afterGuard.push(change);
          continue;
        }
        refused.push({
          id: change.id,
          code: 'FIELD_SERVER_OWNED',
          reason: `${change.table}.${change.column} of ${change.rowId} decides who may review it; only the team lead changes it once it is set. Your change was not applied.`,
        });
        correct(change, current, current.value);
      }

      // Authorship after the guards, so that only member addresses this batch may set count.
      const authored = await checkAuthors(this.store, tx, campaign, principal, afterGuard);
      refused.push(...authored.refused);
      const signed = authored.signed;

      const candidates: Change[] = [];
      const statusFields = signed.filter(isWorkflowField);
      const statusNow = await this.latestOfFields(tx, campaign, statusFields);
      const rowsInBatch = new Set(
        signed.filter((change) => !isWorkflowField(change)).map((change) => `${change.table}\u0000${change.rowId}`),
      );
      const existing = await this.existingRows(
        tx,
        campaign,
        statusFields.filter(
          (change) => !statusNow.has(fieldKey(change)) && !rowsInBatch.has(`${change.table}\u0000${change.rowId}`),
        ),
      );
      for (const change of signed) {
        if (!isWorkflowField(change)) {
          candidates.push(change);
          continue;
        }
        const current = statusNow.get(fieldKey(change));
        if (!serverOwned(change.table, change.value) && !serverOwned(change.table, current?.value)) {
          candidates.push(change);
          continue;
        }
        const currentValue = asString(current?.value) ?? (STATUS_FALLBACK[change.table] as string);
        const what = change.table === 'visits' ? `visit ${change.rowId}` : `report ${change.rowId}`;
        refused.push({
          id: change.id,
          code: 'STATUS_SERVER_OWNED',
          reason: `The status of ${what} is "${currentValue}" and changes only through the server's review workflow; your change to "${String(change.value)}" was not applied.`,
        });
        // A row the server has never seen gets no correction: it would create that row on every laptop.
        const known =
          current !== undefined ||
          rowsInBatch.has(`${change.table}\u0000${change.rowId}`) ||
          existing.has(`${change.table}\u0000${change.rowId}`);
        if (known) correct(change, current, currentValue);
      }

      const holds = await this.findApprovedVisitEdits(tx, campaign, candidates);
      for (const [id, sectionId] of await findLockedSectionEdits(this.store, tx, campaign, candidates))
        holds.set(id, `${SECTION_HOLD_PREFIX}${sectionId}`);
      // A compaction snapshot of a text whose edit is held adds nothing: not held a second time.
      const redundant = await redundantTextHolds(
        this.store,
        tx,
        campaign,
        candidates.filter((change) => holds.has(change.id)),
      );
      for (const id of redundant) holds.delete(id);
      const live = candidates.filter((change) => !holds.has(change.id) && !redundant.has(change.id));
      let seq = await this.store.appendChanges(tx, campaign, lastSeq, live, pushedBy);
      seq = await this.store.appendChanges(tx, campaign, seq, corrections, 'server');
      await this.store.holdChanges(
        tx,
        campaign,
        [...holds.entries()].map(([id, visitId]) => {
          const section = sectionOfHold(visitId);
          return {
            change: unique.get(id) as Change,
            visitId,
            reason: section ? `report section ${section} is locked by its owner` : `visit ${visitId} is approved`,
          };
        }),
        pushedBy,
      );
      return {
        accepted: live.length,
        duplicates: duplicateCount + redundant.size,
        held: holds.size,
        refused,
        lastSeq: seq,
      };
    });
    const newest = changes.reduce<string | null>(
      (max, change) => (max === null || change.hlc > max ? change.hlc : max),
      null,
    );
    if (newest) this.clock.receive(newest);
    return result;
  }

  /**
   * A transaction that takes the campaign's write lock (lockCampaign first). On PostgreSQL the
   * writes of one campaign in this process queue here, in memory, and those waiting together run
   * in one transaction, each in a savepoint of its own (`campaign-writes.ts`): only one pooled
   * connection waits for the campaign's row lock instead of every push holding one idle (which
   * kept pulls and authentication waiting), and one COMMIT serves the group. SQLite needs none of
   * it: its one writing connection already queues and commits waiting writes together.
   */
  private writeCampaign<T>(campaign: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.store.driver.dialect !== 'postgres') return this.store.transaction(fn);
    return this.campaignWrites.run(campaign, fn);
  }

  /** The logged value of each change's own field (table, row, column). */
  private async latestOfFields(
    tx: SqlExecutor,
    campaign: string,
    changes: readonly Change[],
  ): Promise<Map<string, { value: JsonValue; hlc: string }>> {
    const byField = new Map<string, { table: string; column: string; rowIds: string[] }>();
    for (const change of changes) {
      const key = `${change.table}\u0000${change.column}`;
      const entry = byField.get(key) ?? { table: change.table, column: change.column, rowIds: [] };
      entry.rowIds.push(change.rowId);
      byField.set(key, entry);
    }
    const out = new Map<string, { value: JsonValue; hlc: string }>();
    for (const { table, column, rowIds } of byField.values()) {
      const values = await this.store.latestValues(tx, campaign, table, column, rowIds);
      for (const [rowId, value] of values) out.set(`${table}\u0000${rowId}\u0000${column}`, value);
    }
    return out;
  }

  /** "table\0row" of the rows among these changes' rows that the log knows (by their creating field). */
  private async existingRows(tx: SqlExecutor, campaign: string, changes: readonly Change[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const table of new Set(changes.map((change) => change.table))) {
      const column = ROW_CREATING_FIELD[table];
      if (!column) continue;
      const values = await this.store.latestValues(
        tx,
        campaign,
        table,
        column,
        changes.filter((change) => change.table === table).map((change) => change.rowId),
      );
      for (const rowId of values.keys()) out.add(`${table}\u0000${rowId}`);
    }
    return out;
  }

  async pull(principal: Principal, campaign: string, after: number, limit: number): Promise<PullResult> {
    requireMember(principal, campaign);
    const { changes: page, lastSeq } = await this.store.pageAfter(campaign, after, limit + 1);
    const hasMore = page.length > limit;
    const served: LoggedServerChange[] = hasMore ? page.slice(0, limit) : page;
    const cursor = served.length > 0 ? (served[served.length - 1] as LoggedServerChange).seq : after;
    return { changes: served.map((entry) => entry.change), cursor, hasMore, lastSeq };
  }

  /**
   * Changes among candidates that edit an approved visit: change id → visit id. A change edits a
   * visit when it is of the visit's own row, or of a row whose visit_id (as logged, or as set in
   * this batch) is that visit: both count, so moving a row out of an approved visit in the same
   * batch as editing it is held too.
   */
  private async findApprovedVisitEdits(
    tx: SqlExecutor,
    campaign: string,
    candidates: readonly Change[],
  ): Promise<Map<string, string>> {
    const visitsOf = new Map<string, Set<string>>();
    const add = (changeId: string, visitId: string) =>
      visitsOf.set(changeId, (visitsOf.get(changeId) ?? new Set()).add(visitId));
    const batchVisitIds = new Map<string, Set<string>>();
    for (const change of candidates) {
      if (change.column === 'visit_id' && typeof change.value === 'string') {
        const key = `${change.table}\u0000${change.rowId}`;
        batchVisitIds.set(key, (batchVisitIds.get(key) ?? new Set()).add(change.value));
      }
    }
    const lookups = new Map<string, string[]>();
    for (const change of candidates) {
      if (change.table === 'visits') {
        add(change.id, change.rowId);
        continue;
      }
      for (const visitId of batchVisitIds.get(`${change.table}\u0000${change.rowId}`) ?? []) add(change.id, visitId);
      lookups.set(change.table, [...(lookups.get(change.table) ?? []), change.rowId]);
    }
    for (const [table, rowIds] of lookups) {
      const values = await this.store.latestValues(tx, campaign, table, 'visit_id', rowIds);
      for (const change of candidates) {
        if (change.table !== table) continue;
        const visitId = asString(values.get(change.rowId)?.value);
        if (visitId) add(change.id, visitId);
      }
    }
    if (visitsOf.size === 0) return new Map();
    const statuses = await this.store.latestValues(tx, campaign, 'visits', 'status', [
      ...new Set([...visitsOf.values()].flatMap((set) => [...set])),
    ]);
    const held = new Map<string, string>();
    for (const [changeId, visitIds] of visitsOf) {
      const approved = [...visitIds].find((visitId) => statuses.get(visitId)?.value === 'approved');
      if (approved) held.set(changeId, approved);
    }
    return held;
  }

  /**
   * A change the server writes itself, stamped by its own clock, or just after `after` (the
   * value it replaces) when that is later: the server's value must win, but a stamp from a
   * laptop's future (an old log, a skewed laptop within the allowance) must not move the
   * server's clock, which stamps everything after it.
   */
  private serverChange(
    principal: Principal,
    campaign: string,
    table: string,
    rowId: string,
    column: string,
    value: JsonValue,
    prev: string | null,
    after: string | null = prev,
  ): Change {
    let hlc = this.clock.tick();
    if (after !== null && hlc <= after) {
      const base = parseHlc(after);
      hlc = formatHlc(
        base.counter < 0xffff
          ? { wallMs: base.wallMs, counter: base.counter + 1, node: this.node }
          : { wallMs: base.wallMs + 1, counter: 0, node: this.node },
      );
    }
    const change: Change = {
      id: hlc,
      hlc,
      node: this.node,
      author: principal.user.email,
      campaign,
      table,
      rowId,
      column,
      value,
      prev,
      schema: SERVER_CHANGE_SCHEMA,
    };
    checkOwnChange(change);
    return change;
  }

  private async regionOfVisit(tx: SqlExecutor, campaign: string, visitId: string): Promise<string> {
    const organisation = asString(
      (await this.store.latestValues(tx, campaign, 'visits', 'organisation_id', [visitId])).get(visitId)?.value,
    );
    if (!organisation)
      throw notFound(`Visit "${visitId}" is not known to the server (or has no organisation yet): sync it first.`);
    const region = asString(
      (await this.store.latestValues(tx, campaign, 'organisations', 'region_id', [organisation])).get(organisation)
        ?.value,
    );
    if (!region)
      throw conflict(`The organisation of visit "${visitId}" has no region, so no coordinator can approve it yet.`);
    return region;
  }

  async transitionVisit(
    principal: Principal,
    campaign: string,
    visitId: string,
    to: VisitTarget,
  ): Promise<TransitionResult> {
    const roles = requireMember(principal, campaign);
    return this.writeCampaign(campaign, async (tx) => {
      const lastSeq = await this.store.lockCampaign(tx, campaign);
      if (lastSeq === null) throw notFound(`Campaign "${campaign}" does not exist.`);
      const region = await this.regionOfVisit(tx, campaign, visitId);
      const current = (await this.store.latestValues(tx, campaign, 'visits', 'status', [visitId])).get(visitId);
      const from = asString(current?.value) ?? 'planned';
      const allowed =
        to === 'submitted'
          ? SUBMITTABLE.has(from)
          : to === 'approved'
            ? from === 'submitted'
            : from === 'submitted' || from === 'approved';
      if (!allowed) throw conflict(`Visit "${visitId}" is ${from}; it cannot become ${to}.`);
      if (to === 'approved') requireRegionCoordinator(roles, region, `approve visits in region "${region}"`);
      if (to === 'done')
        requireRegionCoordinator(roles, region, `send visits in region "${region}" back for more work`);
      const change = this.serverChange(principal, campaign, 'visits', visitId, 'status', to, current?.hlc ?? null);
      const seq = await this.store.appendChanges(tx, campaign, lastSeq, [change], 'server');
      return { status: to, change, seq };
    });
  }

  /**
   * Moves a report through its workflow (server/report-rules.ts). With `to: 'final'` the server
   * resolves every live block of the report from its own change log (freezeReport) and records
   * the values as reports.frozen_blocks in the same transaction; values a laptop sends are
   * ignored. Reopening clears them. A send-back comment is kept in reports.status_comment.
   */
  async transitionReport(
    principal: Principal,
    campaign: string,
    reportId: string,
    to: ReportTarget,
    options: { readonly comment?: string } = {},
  ): Promise<TransitionResult> {
    const roles = requireMember(principal, campaign);
    const freeze = this.freezeReport;
    if (to === 'final' && !freeze)
      throw new Error('This server was built without a report resolver (freezeReport): it cannot finalise reports.');
    return this.writeCampaign(campaign, async (tx) => {
      const lastSeq = await this.store.lockCampaign(tx, campaign);
      if (lastSeq === null) throw notFound(`Campaign "${campaign}" does not exist.`);
      const report = await reportScope(this.store, tx, campaign, reportId);
      const current = (await this.store.latestValues(tx, campaign, 'reports', 'status', [reportId])).get(reportId);
      const from = asString(current?.value) ?? 'draft';
      checkReportTransition(roles, report, from, to);
      const change = this.serverChange(principal, campaign, 'reports', reportId, 'status', to, current?.hlc ?? null);
      const extra: Change[] = [];
      const previous = async (column: string) =>
        (await this.store.latestValues(tx, campaign, 'reports', column, [reportId])).get(reportId) ?? null;
      const comment = await previous('status_comment');
      const wantedComment = to === 'draft' && options.comment ? options.comment : null;
      if (wantedComment !== (asString(comment?.value) ?? null))
        extra.push(
          this.serverChange(
            principal,
            campaign,
            'reports',
            reportId,
            'status_comment',
            wantedComment,
            comment?.hlc ?? null,
          ),
        );
      const frozen = await previous('frozen_blocks');
      if (to === 'final')
        extra.push(
          this.serverChange(
            principal,
            campaign,
            'reports',
            reportId,
            'frozen_blocks',
            freeze ? freeze(campaign, reportId, await this.store.allChanges(tx, campaign)) : {},
            frozen?.hlc ?? null,
          ),
        );
      else if (from === 'final' && frozen && frozen.value !== null)
        extra.push(this.serverChange(principal, campaign, 'reports', reportId, 'frozen_blocks', null, frozen.hlc));
      const seq = await this.store.appendChanges(tx, campaign, lastSeq, [change, ...extra], 'server');
      return { status: to, change, changes: [change, ...extra], seq };
    });
  }

  /** Held edits the principal may review: the team lead sees all, a region coordinator those of their regions' visits. */
  async listHeld(principal: Principal, campaign: string, state: HeldState | undefined): Promise<HeldChange[]> {
    const roles = requireMember(principal, campaign);
    if (!mayReviewHeld(roles))
      throw forbidden('Only region coordinators and the team lead review edits of approved visits.');
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
        if (region !== null ? coordinatesRegion(roles, region) : roles.some((role) => role.role === 'team-lead'))
          visible.push(item);
      }
    });
    return visible;
  }

  /** The held edits the principal pushed in a campaign (newest first), so their laptop can say what became of them. */
  async listOwnHeld(principal: Principal, campaign: string): Promise<OwnHeldChange[]> {
    requireMember(principal, campaign);
    return this.store.listOwnHeld(campaign, principal.user.id, OWN_HELD_LIMIT);
  }

  async decideHeld(
    principal: Principal,
    campaign: string,
    changeId: string,
    decision: 'accept' | 'reject',
  ): Promise<{ state: HeldState; seq: number | null }> {
    const roles = requireMember(principal, campaign);
    return this.writeCampaign(campaign, async (tx) => {
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
        // The author's laptop applied the edit when it was typed: log what brings it back (held-rejection.ts).
        const rejection = await rejectionOf(
          this.store,
          tx,
          campaign,
          held.change,
          (table, rowId, column, value, prev, after) =>
            this.serverChange(principal, campaign, table, rowId, column, value, prev, after),
        );
        await this.store.decideHeld(tx, campaign, changeId, 'rejected', principal.user.id, rejection.editedText);
        let seq = lastSeq;
        for (const { change, pushedBy } of rejection.changes)
          seq = await this.store.appendChanges(
            tx,
            campaign,
            seq,
            [change],
            pushedBy === 'author' ? held.pushedBy : 'server',
          );
        return { state: 'rejected' as const, seq: seq === lastSeq ? null : seq };
      }
      await this.store.decideHeld(tx, campaign, changeId, 'accepted', principal.user.id);
      const seq = await this.store.appendChanges(tx, campaign, lastSeq, [held.change], held.pushedBy);
      return { state: 'accepted' as const, seq };
    });
  }
}
