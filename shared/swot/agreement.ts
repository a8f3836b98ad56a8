import { normalizeText } from './normalize';

/*
 * Agreement between two members who clustered the same scope blind: Cohen's kappa over
 * item → lemma label. "Unclustered" (label null) is a category of its own. Only items both
 * members labelled are compared; the others are counted in `onlyFirst`/`onlySecond`.
 *
 * Labels are matched as `normalizeText` compares them ("Samenwerking" = "samenwerking "), since
 * two people naming the same lemma rarely agree on case or accents; pass `labelKey` to change
 * that. Lemmas are per quadrant, so callers that want an item in a different quadrant to count
 * as disagreement put the quadrant in the label (e.g. "strengths/Samenwerking").
 *
 * κ = (p_o − p_e) / (1 − p_e), computed from integer counts as (n·a − s) / (n² − s) with a the
 * agreeing items and s = Σ_c first_c · second_c, so that p_e = 1 is detected exactly.
 * Degenerate cases, documented results:
 * - no items in common: observed, expected and kappa are null, `degenerate: 'noItems'`;
 * - both members put every item in one and the same category (p_e = 1): kappa is undefined
 *   (0/0), so kappa is null with observed = expected = 1 and `degenerate: 'singleCategory'`.
 *   When only one member uses a single category p_e < 1 and kappa is defined (it is ≤ 0).
 */

export interface ClusteringLabel {
  readonly item: string;
  /** The lemma the member put the item under, or null when the member left it unclustered. */
  readonly label: string | null;
}

export interface AgreementResult {
  /** Items both members labelled: the base of the figures. */
  readonly items: number;
  readonly agreements: number;
  /** Distinct categories used by either member over the compared items (unclustered included). */
  readonly categories: number;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly kappa: number | null;
  readonly degenerate: 'noItems' | 'singleCategory' | null;
  readonly onlyFirst: number;
  readonly onlySecond: number;
}

export interface AgreementOptions {
  readonly labelKey?: (label: string) => string;
}

function labelsByItem(
  labels: readonly ClusteringLabel[],
  who: string,
  key: (label: string) => string,
): Map<string, string | null> {
  const map = new Map<string, string | null>();
  const repeated = new Set<string>();
  for (const { item, label } of labels) {
    if (map.has(item)) repeated.add(item);
    map.set(item, label === null ? null : key(label));
  }
  if (repeated.size > 0)
    throw new RangeError(
      `the ${who} clustering labels these items more than once: ${[...repeated].map((id) => JSON.stringify(id)).join(', ')}`,
    );
  return map;
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function cohenKappa(
  first: readonly ClusteringLabel[],
  second: readonly ClusteringLabel[],
  options: AgreementOptions = {},
): AgreementResult {
  const key = options.labelKey ?? normalizeText;
  const a = labelsByItem(first, 'first', key);
  const b = labelsByItem(second, 'second', key);
  const firstCounts = new Map<string | null, number>();
  const secondCounts = new Map<string | null, number>();
  let n = 0;
  let agreements = 0;
  for (const [item, label] of a) {
    if (!b.has(item)) continue;
    const other = b.get(item) as string | null;
    n += 1;
    if (label === other) agreements += 1;
    increment(firstCounts, label);
    increment(secondCounts, other);
  }
  const onlyFirst = a.size - n;
  const onlySecond = b.size - n;
  const categories = new Set([...firstCounts.keys(), ...secondCounts.keys()]).size;
  const base = { items: n, agreements, categories, onlyFirst, onlySecond };
  if (n === 0) return { ...base, observed: null, expected: null, kappa: null, degenerate: 'noItems' };
  let chance = 0;
  for (const [category, count] of firstCounts) chance += count * (secondCounts.get(category) ?? 0);
  const observed = agreements / n;
  const expected = chance / (n * n);
  if (chance === n * n) return { ...base, observed, expected, kappa: null, degenerate: 'singleCategory' };
  return { ...base, observed, expected, kappa: (n * agreements - chance) / (n * n - chance), degenerate: null };
}
