import { describe, expect, it } from 'vitest';
import { isCalendarDate, isCalendarDateTime } from './dates';

describe('calendar dates', () => {
  it('accepts days that exist, leap days included', () => {
    for (const day of ['2025-01-31', '2024-02-29', '2000-02-29', '2025-12-01'])
      expect(isCalendarDate(day), day).toBe(true);
  });
  it('refuses days that do not exist and other spellings', () => {
    for (const day of [
      '2025-13-45',
      '2025-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-00-10',
      '2025-01-00',
      '0000-01-01',
      '2025-1-1',
      '2025-01-01T00:00',
    ]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
  });
  it('checks the day and the time of a date-time', () => {
    expect(isCalendarDateTime('2025-03-01T09:30')).toBe(true);
    expect(isCalendarDateTime('2025-03-01T09:30:59.123+02:00')).toBe(true);
    expect(isCalendarDateTime('2025-03-01T09:30:00Z')).toBe(true);
    for (const bad of [
      '2025-13-45T09:30',
      '2025-02-30T09:30',
      '2025-03-01T24:00',
      '2025-03-01T09:60',
      '2025-03-01T09:30:61',
      '2025-03-01T09:30+25:00',
    ]) {
      expect(isCalendarDateTime(bad), bad).toBe(false);
    }
  });
});
