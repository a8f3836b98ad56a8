import fc from 'fast-check';
import { describe, it } from 'vitest';
import { convergenceProperty } from './store-convergence-model';

/**
 * Convergence: three replicas make random edits and exchange bundles in random order, some
 * lost, some imported twice, old ones imported late; all end identical in records, texts and
 * conflicts, and no typed word is lost (see store-convergence-model.ts).
 * VELDWERK_PROPERTY_RUNS sets the number of schedules (CI: 500; the full bench runs 10,000).
 */
const RUNS = Number(process.env.VELDWERK_PROPERTY_RUNS ?? 500);

describe('three replicas converge', () => {
  it(`end identical after random edits and shuffled, duplicated and lost bundles (${RUNS} schedules)`, async () => {
    await fc.assert(convergenceProperty(), { numRuns: RUNS });
  }, 600_000);
});
