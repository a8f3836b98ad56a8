/**
 * The key under which unclustered SWOT items (and lemma names) are compared: two texts that
 * differ only in case, accents or spacing are "the same item" for the scoring rule.
 *
 * NFD splits accented letters into base letter + combining mark; the marks (Unicode category M)
 * are dropped, the rest is lower-cased, runs of white space become one space and the ends are
 * trimmed. "  Goede  SAMENWERKING met de coördinator " → "goede samenwerking met de coordinator".
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}
