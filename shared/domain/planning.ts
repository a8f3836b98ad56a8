import { z } from 'zod';
import { idSchema } from '../contract/define';
import { toCsv } from '../export/csv';
import { isCalendarDate } from '../sync/dates';
import { ISO_DATE } from '../sync/schema';
import type { Member, Visit } from './model';

/**
 * Planning of visits per region (region coordinator): a visit is one day of a duo at an
 * organisation. The warnings are computed from the visits when read, never stored.
 */
export const PLANNABLE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type PlannableStatus = (typeof PLANNABLE_STATUSES)[number];

export const visitDateSchema = z
  .string()
  .trim()
  .regex(ISO_DATE, { message: 'planning.errors.dateRequired' })
  .refine(isCalendarDate, { message: 'planning.errors.dateInvalid' });

const optionalMember = z
  .union([idSchema, z.literal('')])
  .nullable()
  .optional()
  .transform((value) => (value === '' || value === undefined ? null : value));

const visitFields = {
  organisationId: idSchema,
  date: visitDateSchema,
  memberA: optionalMember,
  memberB: optionalMember,
  status: z.enum(PLANNABLE_STATUSES),
};

const sameMemberTwice = (value: { memberA: string | null; memberB: string | null }) =>
  value.memberA === null || value.memberA !== value.memberB;

export const visitCreateInput = z
  .object({ campaignId: idSchema, ...visitFields })
  .strict()
  .refine(sameMemberTwice, { message: 'planning.errors.sameMember', path: ['memberB'] });
export const visitUpdateInput = z
  .object({ id: idSchema, ...visitFields, status: z.enum(PLANNABLE_STATUSES).optional() })
  .strict()
  .refine(sameMemberTwice, { message: 'planning.errors.sameMember', path: ['memberB'] });
export type VisitCreateInput = z.input<typeof visitCreateInput>;

export const visitRetireInput = z.object({ id: idSchema, retired: z.boolean() }).strict();
export const planningGetInput = z.object({ campaignId: idSchema }).strict();

export interface Planning {
  /** Every visit of the campaign that is not deleted, by date. */
  readonly visits: readonly Visit[];
  /** Visits taken off the plan (tombstones): listed apart, can be restored. */
  readonly retiredVisits: readonly Visit[];
}

export type PlanWarning =
  | {
      readonly kind: 'doubleBooked';
      readonly memberId: string;
      readonly date: string;
      readonly visitIds: readonly string[];
    }
  | { readonly kind: 'incompleteDuo'; readonly visitId: string };

/**
 * What a coordinator must look at: a member booked for two visits on one day, and visits whose
 * duo is not complete (fewer than two members). Cancelled visits count for neither.
 */
export function planWarnings(visits: readonly Visit[], members: readonly Member[] = []): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const active = visits.filter((visit) => !visit.deleted && visit.status !== 'cancelled');
  const byMemberDay = new Map<string, string[]>();
  for (const visit of active) {
    if (!visit.date) continue;
    for (const member of new Set([visit.member_a, visit.member_b])) {
      if (!member) continue;
      const key = `${member}\u0000${visit.date}`;
      byMemberDay.set(key, [...(byMemberDay.get(key) ?? []), visit.id]);
    }
  }
  const name = (id: string) => members.find((member) => member.id === id)?.name ?? id;
  const doubles = [...byMemberDay.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([key, ids]) => {
      const [memberId = '', date = ''] = key.split('\u0000');
      return { kind: 'doubleBooked' as const, memberId, date, visitIds: ids };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || name(a.memberId).localeCompare(name(b.memberId)));
  warnings.push(...doubles);
  for (const visit of active) {
    if (!visit.member_a || !visit.member_b || visit.member_a === visit.member_b)
      warnings.push({ kind: 'incompleteDuo', visitId: visit.id });
  }
  return warnings;
}

/** The days of a month view: whole weeks from Monday, as ISO dates, with whether each lies in the month. */
export function monthGrid(year: number, month: number): Array<{ readonly date: string; readonly inMonth: boolean }> {
  const first = new Date(Date.UTC(year, month, 1));
  const offset = (first.getUTCDay() + 6) % 7;
  const start = new Date(Date.UTC(year, month, 1 - offset));
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const total = Math.ceil((offset + daysInMonth) / 7) * 7;
  const days: Array<{ date: string; inMonth: boolean }> = [];
  for (let index = 0; index < total; index += 1) {
    const day = new Date(start.getTime() + index * 86_400_000);
    days.push({ date: day.toISOString().slice(0, 10), inMonth: day.getUTCMonth() === month });
  }
  return days;
}

/** The plan as CSV (semicolon separated, formula-escaped: shared/export/csv.ts), header first. */
export function planToCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return toCsv([header, ...rows]);
}
