import type { Principal } from './auth/tokens';
import { forbidden } from './errors';
import type { Membership } from './store/store';

/**
 * Who may do what. Membership of a campaign gates every read and write of it; roles gate the
 * workflow: a region's coordinator (or the team lead) approves that region's visits and report,
 * a sector's lead finalises that sector's report, the team lead finalises the final report.
 */
export function campaignRoles(principal: Principal, campaign: string): Membership[] {
  return principal.memberships.filter((membership) => membership.campaign === campaign);
}

/** The member's roles in the campaign; 403 when they have none (also for campaigns that do not exist, so ids do not leak). */
export function requireMember(principal: Principal, campaign: string): Membership[] {
  const roles = campaignRoles(principal, campaign);
  if (roles.length === 0)
    throw forbidden(`You are not a member of campaign "${campaign}", so you cannot read or change it.`);
  return roles;
}

export function isTeamLead(roles: readonly Membership[]): boolean {
  return roles.some((role) => role.role === 'team-lead');
}

export function coordinatesRegion(roles: readonly Membership[], regionId: string): boolean {
  return isTeamLead(roles) || roles.some((role) => role.role === 'region-coordinator' && role.scope === regionId);
}

export function requireRegionCoordinator(roles: readonly Membership[], regionId: string, action: string): void {
  if (!coordinatesRegion(roles, regionId)) {
    throw forbidden(`Only the region coordinator of region "${regionId}" or the team lead may ${action}.`);
  }
}

export function requireSectorLead(roles: readonly Membership[], sectorId: string, action: string): void {
  if (!roles.some((role) => role.role === 'sector-lead' && role.scope === sectorId)) {
    throw forbidden(`Only the sector lead of sector "${sectorId}" may ${action}.`);
  }
}

export function requireTeamLead(roles: readonly Membership[], action: string): void {
  if (!isTeamLead(roles)) throw forbidden(`Only the team lead may ${action}.`);
}

/** Roles that may see and decide held edits at all (the region check comes per visit). */
export function mayReviewHeld(roles: readonly Membership[]): boolean {
  return roles.some((role) => role.role === 'team-lead' || role.role === 'region-coordinator');
}
