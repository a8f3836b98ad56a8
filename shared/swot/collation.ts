/**
 * Dutch collation for names shown in SWOT tables: base sensitivity, so case and accents do not
 * change the order ("coördinatie" sorts with "coordinatie"), and numeric, so "lemma 2" comes
 * before "lemma 10". Intl is an ECMAScript built-in, so this stays valid in shared/.
 */
const dutch = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/**
 * Compares two names by Dutch collation; names the collator finds equal (e.g. differing only in
 * case) fall back to code-point order so that every sort stays deterministic.
 */
export function compareDutch(a: string, b: string): number {
  const byCollation = dutch.compare(a, b);
  if (byCollation !== 0) return byCollation;
  return a < b ? -1 : a > b ? 1 : 0;
}
