import { describe, expect, it } from 'vitest';
import { campaignCreateInput, currentWorkingYear } from './campaign';

describe('campaign input', () => {
  it('accepts a name and a working year of two consecutive years, trimmed', () => {
    expect(campaignCreateInput.parse({ name: '  Integratie 2025  ', workingYear: ' 2025-2026 ' })).toEqual({
      name: 'Integratie 2025',
      workingYear: '2025-2026',
    });
  });

  it.each([
    [{ name: '', workingYear: '2025-2026' }, 'name', 'errors.fields.nameRequired'],
    [{ name: '   ', workingYear: '2025-2026' }, 'name', 'errors.fields.nameRequired'],
    [{ name: 'x'.repeat(121), workingYear: '2025-2026' }, 'name', 'errors.fields.nameTooLong'],
    [{ name: 'A', workingYear: '2025' }, 'workingYear', 'errors.fields.workingYearFormat'],
    [{ name: 'A', workingYear: '2025-2027' }, 'workingYear', 'errors.fields.workingYearFormat'],
    [{ name: 'A', workingYear: '2026-2025' }, 'workingYear', 'errors.fields.workingYearFormat'],
  ])('refuses %j on %s with an i18n key', (input, path, key) => {
    const result = campaignCreateInput.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((candidate) => candidate.path.join('.') === path);
    expect(issue?.message).toBe(key);
  });

  it('refuses unknown fields', () => {
    expect(campaignCreateInput.safeParse({ name: 'A', workingYear: '2025-2026', admin: true }).success).toBe(false);
  });

  it('knows the working year starts on 1 September', () => {
    expect(currentWorkingYear(new Date(2026, 7, 31))).toBe('2025-2026');
    expect(currentWorkingYear(new Date(2026, 8, 1))).toBe('2026-2027');
    expect(currentWorkingYear(new Date(2027, 0, 15))).toBe('2026-2027');
  });
});
