import type { TFunction } from 'i18next';
import type { Quadrant } from '../../../shared/swot/quadrants';

export function quadrantLabel(t: TFunction, quadrant: Quadrant): string {
  return t(`swot.quadrants.${quadrant}`);
}

/** The 2×2 layout of a SWOT: strengths | weaknesses over opportunities | threats. */
export const GRID: readonly (readonly [Quadrant, Quadrant])[] = [
  ['strengths', 'weaknesses'],
  ['opportunities', 'threats'],
];

/** The quadrant beside or below in the 2×2 grid, for moving an item with Alt+arrow keys. */
export function neighbourQuadrant(quadrant: Quadrant, key: string): Quadrant | null {
  const row = GRID.findIndex((pair) => pair.includes(quadrant));
  const column = GRID[row]?.indexOf(quadrant) ?? -1;
  const target =
    key === 'ArrowLeft'
      ? [row, column - 1]
      : key === 'ArrowRight'
        ? [row, column + 1]
        : key === 'ArrowUp'
          ? [row - 1, column]
          : key === 'ArrowDown'
            ? [row + 1, column]
            : null;
  if (!target) return null;
  const [r, c] = target as [number, number];
  return GRID[r]?.[c] ?? null;
}
