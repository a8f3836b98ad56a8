import { describe, expect, it } from 'vitest';
import { growthExponent } from '../bench/scale';

describe('the scale benchmark growth exponent', () => {
  it('is 0 for a flat figure, 1 for a linear one, 2 for a quadratic one', () => {
    const sizes = [1, 4, 16];
    expect(growthExponent(sizes.map((x) => ({ x, y: 7 })))).toBe(0);
    expect(growthExponent(sizes.map((x) => ({ x, y: 3 * x })))).toBe(1);
    expect(growthExponent(sizes.map((x) => ({ x, y: 0.5 * x * x })))).toBe(2);
  });

  it('answers null where it cannot say: one size, or figures of zero', () => {
    expect(growthExponent([{ x: 1, y: 5 }])).toBeNull();
    expect(
      growthExponent([
        { x: 1, y: 0 },
        { x: 4, y: 0 },
      ]),
    ).toBeNull();
  });
});
