import { describe, expect, it } from 'vitest';
import { checkReportTransition, sectionOfHold, SECTION_HOLD_PREFIX } from './report-rules';
import type { Membership } from './store/store';

// Who may move a report through its workflow on the server.

const role = (value: Membership['role'], scope = ''): Membership => ({ campaign: 'c1', role: value, scope });
const region = { id: 'r1', kind: 'region', scope: 'gent' };
const sector = { id: 'r2', kind: 'sector', scope: 'ic' };
const final = { id: 'r3', kind: 'final', scope: '' };

function status(
  roles: Membership[],
  report: typeof region,
  from: string,
  to: 'draft' | 'submitted' | 'approved' | 'final',
): number | 'ok' {
  try {
    checkReportTransition(roles, report, from, to);
    return 'ok';
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('report workflow rules', () => {
  it('lets the responsible member submit and finalise, the team lead approve, either send back', () => {
    const coordinator = [role('region-coordinator', 'gent')];
    const lead = [role('sector-lead', 'ic')];
    const teamLead = [role('team-lead')];
    const inspector = [role('inspector')];
    expect(status(coordinator, region, 'draft', 'submitted')).toBe('ok');
    expect(status([role('region-coordinator', 'brugge')], region, 'draft', 'submitted')).toBe(403);
    expect(status(inspector, region, 'draft', 'submitted')).toBe(403);
    expect(status(coordinator, region, 'submitted', 'approved')).toBe(403);
    expect(status(teamLead, region, 'submitted', 'approved')).toBe('ok');
    expect(status(coordinator, region, 'approved', 'final')).toBe('ok');
    expect(status(coordinator, region, 'final', 'draft')).toBe('ok');
    expect(status(lead, sector, 'draft', 'submitted')).toBe('ok');
    expect(status(teamLead, sector, 'draft', 'final')).toBe(403);
    expect(status(teamLead, sector, 'submitted', 'draft')).toBe('ok');
    expect(status(lead, final, 'draft', 'submitted')).toBe(403);
    expect(status(teamLead, final, 'draft', 'submitted')).toBe('ok');
  });

  it('refuses moves the workflow does not have', () => {
    const teamLead = [role('team-lead')];
    expect(status(teamLead, final, 'draft', 'approved')).toBe(409);
    expect(status(teamLead, final, 'final', 'final')).toBe(409);
    expect(status(teamLead, final, 'draft', 'draft')).toBe(409);
  });

  it('marks held edits of a locked section apart from held visit edits', () => {
    expect(sectionOfHold(`${SECTION_HOLD_PREFIX}rs-1`)).toBe('rs-1');
    expect(sectionOfHold('visit-1')).toBeNull();
  });
});
