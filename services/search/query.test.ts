import { describe, expect, it } from 'vitest';
import { ftsQuery } from './query';

describe('ftsQuery', () => {
  it('makes every word a quoted prefix term, so operators and quotes are never syntax', () => {
    expect(ftsQuery('wachtlijst NT2')).toBe('"wachtlijst"* "NT2"*');
    expect(ftsQuery('"OR" NEAR(x) -y *')).toBe('"OR"* "NEAR"* "x"* "y"*');
    expect(ftsQuery('coördinatie')).toBe('"coördinatie"*');
  });

  it('answers null when nothing searchable is left', () => {
    expect(ftsQuery('  "*" - ')).toBeNull();
  });
});
