/**
 * Real calendar dates and times, as every entry point checks them (sync registry, contract
 * inputs, planning): a pattern alone lets 2025-13-45 through, which later breaks every reader.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;
}

function isDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** YYYY-MM-DD naming a day that exists. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** YYYY-MM-DDTHH:MM[:SS[.mmm]][Z|±HH:MM] naming a day that exists and a time of day. */
export function isCalendarDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isDay(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? '0')];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[7] !== undefined && match[7] !== 'Z' && (Number(match[8]) > 23 || Number(match[9]) > 59)) return false;
  return true;
}
