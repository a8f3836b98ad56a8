import { sameEmail } from '../shared/domain/email';
import type { Change, JsonValue } from '../shared/sync/change';
import type { Principal } from './auth/tokens';
import { coordinatesRegion, isTeamLead } from './authz';
import { conflict, forbidden, notFound } from './errors';
import type { SqlExecutor } from './store/sql';
import type { Membership, ServerStore } from './store/store';

/*
 * The server's report rules (issue 16):
 * - Workflow: submit (draft → submitted) and finalise (→ final) by the report's responsible
 *   member: region report its coordinator (or the team lead), sector report that sector's lead,
 *   final report the team lead; approve (submitted → approved) by the team lead; send back /
 *   reopen (→ draft, with a comment) by the responsible member or the team lead. The status,
 *   the send-back comment and the frozen block values are the server's to write.
 * - Frozen values: at finalise the server resolves every live block of the report from its own
 *   change log (ReportFreezer, the board's code), whatever the finalising laptop sends; only
 *   reopening the report clears them.
 * - Locks: a locked section takes edits from its owner only (owner_id, else the report's pen
 *   holder; a member id, matched to the change's authenticated author). Others' edits of it,
 *   and anyone but the owner changing its lock or owner, are held like late edits of approved
 *   visits, for the owner or the team lead to accept or reject.
 */

export type ReportTarget = 'draft' | 'submitted' | 'approved' | 'final';

/**
 * Resolves every live block of a report from the campaign's change log, by block key. The server
 * cannot import services/, so the function that does it with the SWOT board's own code
 * (services/reports/freeze.ts) is handed to the server when it is built (cli/commands/server.ts).
 */
export type ReportFreezer = (
  campaign: string,
  reportId: string,
  changes: readonly Change[],
) => Readonly<Record<string, JsonValue>>;

/** Columns of reports that only the server writes. */
export const SERVER_REPORT_COLUMNS: readonly string[] = ['frozen_blocks', 'status_comment'];

/** Held edits of a locked section carry this prefix where a held visit edit carries its visit id. */
export const SECTION_HOLD_PREFIX = 'report-section:';

export function sectionOfHold(visitId: string): string | null {
  return visitId.startsWith(SECTION_HOLD_PREFIX) ? visitId.slice(SECTION_HOLD_PREFIX.length) : null;
}

function asString(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function responsible(roles: readonly Membership[], kind: string, scope: string): boolean {
  if (kind === 'region') return coordinatesRegion(roles, scope);
  if (kind === 'sector') return roles.some((role) => role.role === 'sector-lead' && role.scope === scope);
  if (kind === 'final') return isTeamLead(roles);
  return false;
}

const WHO: Record<string, string> = {
  region: 'the region coordinator (or the team lead)',
  sector: "the sector's lead",
  final: 'the team lead',
};

/** Refuses (403/409) a report transition the rule does not allow. */
export function checkReportTransition(
  roles: readonly Membership[],
  report: { id: string; kind: string; scope: string },
  from: string,
  to: ReportTarget,
): void {
  const allowedFrom: Record<ReportTarget, readonly string[]> = {
    submitted: ['draft'],
    approved: ['submitted'],
    draft: ['submitted', 'approved', 'final'],
    final: ['draft', 'submitted', 'approved'],
  };
  if (!allowedFrom[to].includes(from)) throw conflict(`Report "${report.id}" is ${from}; it cannot become ${to}.`);
  const mayAct =
    to === 'approved'
      ? isTeamLead(roles)
      : to === 'draft'
        ? responsible(roles, report.kind, report.scope) || isTeamLead(roles)
        : responsible(roles, report.kind, report.scope);
  if (!mayAct) {
    const who =
      to === 'approved'
        ? 'the team lead'
        : to === 'draft'
          ? `${WHO[report.kind] ?? 'the responsible member'} or the team lead`
          : (WHO[report.kind] ?? 'the responsible member');
    throw forbidden(`Only ${who} may make report "${report.id}" ${to}.`);
  }
}

/** The member who owns each section (its owner, else the report's pen holder); null when there is none. */
async function ownerMembers(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  sectionIds: readonly string[],
): Promise<Map<string, string | null>> {
  const owners = await store.latestValues(tx, campaign, 'report_sections', 'owner_id', sectionIds);
  const reports = await store.latestValues(tx, campaign, 'report_sections', 'report_id', sectionIds);
  const penHolders = await store.latestValues(tx, campaign, 'reports', 'pen_holder_id', [
    ...new Set([...reports.values()].map((entry) => asString(entry.value) ?? '')),
  ]);
  const memberOf = new Map<string, string | null>();
  for (const id of sectionIds) {
    const report = asString(reports.get(id)?.value);
    memberOf.set(id, asString(owners.get(id)?.value) ?? (report ? asString(penHolders.get(report)?.value) : null));
  }
  return memberOf;
}

/**
 * Changes of locked sections pushed by someone other than the owner: change id → section id.
 * The owner is a member id and is compared with the change's author, which the push has already
 * authenticated against the account (server/authorship.ts): no e-mail address is compared here, so
 * an account whose address merely reads like the owner's cannot write in the locked section.
 */
export async function findLockedSectionEdits(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  candidates: readonly Change[],
): Promise<Map<string, string>> {
  const sectionChanges = candidates.filter((change) => change.table === 'report_sections');
  if (sectionChanges.length === 0) return new Map();
  const sectionIds = [...new Set(sectionChanges.map((change) => change.rowId))];
  const locked = await store.latestValues(tx, campaign, 'report_sections', 'locked', sectionIds);
  const owners = await ownerMembers(store, tx, campaign, sectionIds);
  const held = new Map<string, string>();
  for (const change of sectionChanges) {
    const owner = owners.get(change.rowId) ?? null;
    // A section nobody owns (no owner, no pen holder) cannot be locked against anyone.
    if (owner === null || owner === change.author) continue;
    // Held: any edit while it is locked, and locking it (only the owner locks).
    if (locked.get(change.rowId)?.value === true || (change.column === 'locked' && change.value === true))
      held.set(change.id, change.rowId);
  }
  return held;
}

/** Whether the principal may see and decide a held edit of a section: its owner or the team lead. */
export async function mayDecideSectionHold(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  principal: Principal,
  roles: readonly Membership[],
  sectionId: string,
): Promise<boolean> {
  if (isTeamLead(roles)) return true;
  // Deciding is a request, not a signed change: the owner member's address (team-lead-guarded
  // once set, server/authorship.ts) must be the account's (shared/domain/email.ts).
  const owner = (await ownerMembers(store, tx, campaign, [sectionId])).get(sectionId);
  if (!owner) return false;
  const address = asString((await store.latestValues(tx, campaign, 'members', 'email', [owner])).get(owner)?.value);
  return sameEmail(address, principal.user.email);
}

export async function requireSectionHoldDecider(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  principal: Principal,
  roles: readonly Membership[],
  sectionId: string,
): Promise<void> {
  if (!(await mayDecideSectionHold(store, tx, campaign, principal, roles, sectionId))) {
    throw forbidden(
      `Only the owner of report section "${sectionId}" or the team lead may accept or reject edits of it while it is locked.`,
    );
  }
}

export async function reportScope(
  store: ServerStore,
  tx: SqlExecutor,
  campaign: string,
  reportId: string,
): Promise<{ id: string; kind: string; scope: string }> {
  const kind = asString((await store.latestValues(tx, campaign, 'reports', 'kind', [reportId])).get(reportId)?.value);
  if (!kind) throw notFound(`Report "${reportId}" is not known to the server: sync it first.`);
  const scope =
    asString((await store.latestValues(tx, campaign, 'reports', 'scope_id', [reportId])).get(reportId)?.value) ?? '';
  return { id: reportId, kind, scope };
}
