import { z } from 'zod';

/** The four quadrants of a SWOT table, in the order every table shows them. */
export const QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;

export type Quadrant = (typeof QUADRANTS)[number];

export const quadrantSchema = z.enum(QUADRANTS);

export function isQuadrant(value: unknown): value is Quadrant {
  return typeof value === 'string' && (QUADRANTS as readonly string[]).includes(value);
}

/** A record with one (fresh) value per quadrant, e.g. `byQuadrant(() => [])`. */
export function byQuadrant<T>(make: (quadrant: Quadrant) => T): Record<Quadrant, T> {
  return {
    strengths: make('strengths'),
    weaknesses: make('weaknesses'),
    opportunities: make('opportunities'),
    threats: make('threats'),
  };
}
