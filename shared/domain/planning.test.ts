import { describe, expect, it } from 'vitest';
import type { Visit } from './model';
import { monthGrid, planToCsv, planWarnings } from './planning';

const visit = (
  id: string,
  date: string,
  a: string | null,
  b: string | null,
  status: Visit['status'] = 'planned',
): Visit => ({
  id,
  campaign_id: 'c',
  organisation_id: 'o',
  date,
  member_a: a,
  member_b: b,
  status,
  deleted: false,
});

describe('planWarnings', () => {
  it('warns when a member has two visits on one day and when a duo is incomplete, ignoring cancelled visits', () => {
    const warnings = planWarnings([
      visit('v1', '2015-03-12', 'anna', 'bart'),
      visit('v2', '2015-03-12', 'chris', 'anna'),
      visit('v3', '2015-03-12', 'bart', 'dirk', 'cancelled'),
      visit('v4', '2015-03-13', 'chris', null),
    ]);
    expect(warnings).toEqual([
      { kind: 'doubleBooked', memberId: 'anna', date: '2015-03-12', visitIds: ['v1', 'v2'] },
      { kind: 'incompleteDuo', visitId: 'v4' },
    ]);
  });
});

describe('monthGrid', () => {
  it('starts on Monday and covers whole weeks of the month', () => {
    const days = monthGrid(2015, 2);
    expect(days[0]).toEqual({ date: '2015-02-23', inMonth: false });
    expect(days.filter((day) => day.inMonth)).toHaveLength(31);
    expect(days.length % 7).toBe(0);
  });
});

describe('planToCsv', () => {
  it('quotes cells with separators, quotes or line breaks', () => {
    expect(planToCsv(['a', 'b'], [['x;y', 'say "hi"']])).toBe('a;b\r\n"x;y";"say ""hi"""\r\n');
  });

  it('escapes an organisation name that a spreadsheet would run as a formula', () => {
    expect(planToCsv(['organisatie'], [['=HYPERLINK("http://x")'], ['-Centrum']])).toBe(
      `organisatie\r\n"'=HYPERLINK(""http://x"")"\r\n"'-Centrum"\r\n`,
    );
  });
});
