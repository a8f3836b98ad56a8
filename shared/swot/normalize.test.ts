import { describe, expect, it } from 'vitest';
import { compareDutch } from './collation';
import { normalizeText } from './normalize';
import { QUADRANTS, byQuadrant, isQuadrant, quadrantSchema } from './quadrants';

describe('normalizeText', () => {
  it('ignores case, accents and surrounding and repeated spaces', () => {
    expect(normalizeText('  Goede  SAMENWERKING met de coördinator ')).toBe('goede samenwerking met de coordinator');
    expect(normalizeText('Financiële\tsteun\n')).toBe('financiele steun');
    expect(normalizeText('ÉÈÊË àçñ')).toBe('eeee acn');
  });

  it('treats precomposed and decomposed accents alike', () => {
    expect(normalizeText('coo\u0308rdinatie')).toBe(normalizeText('co\u00f6rdinatie'));
  });

  it('keeps punctuation and digits, which carry meaning', () => {
    expect(normalizeText('NT2-aanbod (2024)')).toBe('nt2-aanbod (2024)');
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' \u00a0 ')).toBe('');
  });
});

describe('quadrants', () => {
  it('lists the four quadrants in table order and validates them', () => {
    expect(QUADRANTS).toEqual(['strengths', 'weaknesses', 'opportunities', 'threats']);
    expect(quadrantSchema.safeParse('threats').success).toBe(true);
    expect(quadrantSchema.safeParse('kansen').success).toBe(false);
    expect(isQuadrant('opportunities')).toBe(true);
    expect(isQuadrant('Strengths')).toBe(false);
    expect(isQuadrant(3)).toBe(false);
  });

  it('builds a fresh value per quadrant', () => {
    const lists = byQuadrant((): string[] => []);
    lists.strengths.push('x');
    expect(lists.weaknesses).toEqual([]);
    expect(Object.keys(lists)).toEqual([...QUADRANTS]);
  });
});

describe('compareDutch', () => {
  it('orders by Dutch collation, ignoring case and accents, numbers numerically', () => {
    const names = ['zorg', 'Coördinatie', 'aanbod', 'lemma 10', 'Beleid', 'lemma 2', 'coordinatie'];
    expect([...names].sort(compareDutch)).toEqual([
      'aanbod',
      'Beleid',
      'Coördinatie',
      'coordinatie',
      'lemma 2',
      'lemma 10',
      'zorg',
    ]);
  });

  it('falls back to code-point order for names the collator finds equal', () => {
    expect(compareDutch('Zorg', 'zorg')).toBeLessThan(0);
    expect(compareDutch('zorg', 'Zorg')).toBeGreaterThan(0);
    expect(compareDutch('zorg', 'zorg')).toBe(0);
  });
});
