/**
 * Case- and accent-folding with a map back to the original text, so that a match found in the
 * folded text can be shown and replaced in the original. The folding is the one of the search
 * index and of SWOT item keys (shared/swot/normalize.ts): NFD, combining marks dropped,
 * lower-cased, white space runs as one space. It is applied per code point here (not to the whole string) because the matcher
 * needs every folded offset to point back at the original character it came from.
 */
export interface FoldedText {
  readonly folded: string;
  /** For every UTF-16 unit of `folded`, the offset of the original character it came from; one extra entry for the end. */
  readonly origin: readonly number[];
}

export function foldChar(char: string): string {
  return char
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function foldText(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  let lastSpace = false;
  for (const char of text) {
    const code = char.charCodeAt(0);
    // ASCII (most of a Dutch report) folds without Unicode normalization: a fast path, same result.
    const ascii = code < 128;
    const space = ascii ? code === 32 || (code >= 9 && code <= 13) : /\s/u.test(char);
    // Runs of white space fold to one space (as the gazetteer's keys have them).
    if (space && lastSpace) {
      offset += char.length;
      continue;
    }
    lastSpace = space;
    const piece = space
      ? ' '
      : ascii
        ? code >= 65 && code <= 90
          ? String.fromCharCode(code + 32)
          : char
        : foldChar(char);
    for (let index = 0; index < piece.length; index += 1) origin.push(offset);
    folded += piece;
    offset += char.length;
  }
  origin.push(offset);
  return { folded, origin };
}

/** The folded key of a term (white space runs collapsed), as the gazetteer stores it. */
export function foldKey(term: string): string {
  return foldText(term).folded.replace(/\s+/gu, ' ').trim();
}

/** Maps a folded half-open range back to the original text. */
export function originalRange(text: FoldedText, start: number, end: number): { start: number; end: number } {
  const from = text.origin[start] ?? 0;
  // The end maps to the original offset just after the last folded unit's character.
  const lastOrigin = text.origin[end - 1] ?? from;
  let to = text.origin[end] ?? lastOrigin + 1;
  if (to <= lastOrigin) to = lastOrigin + 1;
  return { start: from, end: to };
}
