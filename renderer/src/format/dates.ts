/**
 * Dates and times as the user reads them, in the UI language (i18n.language): the one place the
 * renderer formats them. Calendar dates (YYYY-MM-DD) are days, not instants: they are formatted in
 * UTC so that no time zone moves them to the day before.
 */

export function formatDate(
  language: string,
  date: string | null,
  style: 'long' | 'medium' | 'full' | 'short' = 'medium',
): string {
  if (!date) return '—';
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: style, timeZone: 'UTC' }).format(day);
}

/** The day of a moment (ISO date-time), in the laptop's time zone; null when there is none or it is no date. */
export function formatDayOf(
  language: string,
  moment: string | null,
  style: 'long' | 'medium' | 'full' | 'short' = 'long',
): string | null {
  if (!moment) return null;
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(language, { dateStyle: style }).format(date);
}

/** A moment (ISO date-time or ms) with date and time, in the laptop's time zone. */
export function formatDateTime(language: string, moment: string | number | null): string {
  if (moment === null || moment === '') return '—';
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "december 2026" in Dutch, "December 2026" in English: the month as the language writes it. */
export function formatMonth(language: string, month: string): string {
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month.slice(0, 7)}-01T00:00:00Z`),
  );
}
