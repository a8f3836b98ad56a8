import { describe, expect, it } from 'vitest';
import { catalogs, lookupMessage, type Messages } from './index';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('i18n catalogs', () => {
  const dutch = keys(catalogs['nl-BE']).sort();

  it('have the same keys in every language', () => {
    expect(keys(catalogs.en).sort()).toEqual(dutch);
  });

  it('use the same placeholders in every language', () => {
    for (const key of dutch) {
      const nl = lookupMessage(catalogs['nl-BE'], key) ?? '';
      const en = lookupMessage(catalogs.en, key) ?? '';
      expect(placeholders(en), key).toEqual(placeholders(nl));
    }
  });

  it('have no empty messages', () => {
    for (const language of Object.keys(catalogs) as (keyof typeof catalogs)[]) {
      for (const key of dutch)
        expect(lookupMessage(catalogs[language] as Messages, key)?.trim(), `${language} ${key}`).toBeTruthy();
    }
  });

  it('look up dotted keys and answer undefined for anything else', () => {
    expect(lookupMessage(catalogs['nl-BE'], 'errors.fields.nameRequired')).toBe('Geef de campagne een naam.');
    expect(lookupMessage(catalogs['nl-BE'], 'errors.fields')).toBeUndefined();
    expect(lookupMessage(catalogs['nl-BE'], 'errors.nope')).toBeUndefined();
    expect(lookupMessage(catalogs['nl-BE'], 'constructor')).toBeUndefined();
  });
});
