/**
 * Turns what a user types into a safe FTS5 query: every word must occur (as a prefix, so
 * "coörd" finds "coördinatie"); quotes and operators are taken literally, never as syntax.
 * Answers null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const words = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
