import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** A range of the editor's document. */
export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Where a hit of the anonymisation check is in a section's editor: the first text block whose
 * text contains the hit with its context (`before` + `text` + `after`, as the check cut it), or
 * else the hit's text on its own. Inline atoms (footnotes, counters, breaks) count as one
 * object character, so text across them is not matched. Answers null when it is not there
 * (a live block's text, or a sentence edited since the check).
 */
export function findTextRange(doc: ProseMirrorNode, text: string, before = '', after = ''): TextRange | null {
  if (!text) return null;
  const needles = before || after ? [{ needle: `${before}${text}${after}`, skip: before.length }] : [];
  needles.push({ needle: text, skip: 0 });
  for (const { needle, skip } of needles) {
    let found: TextRange | null = null;
    doc.descendants((node, position) => {
      if (found) return false;
      if (!node.isTextblock) return true;
      let joined = '';
      const positions: number[] = [];
      node.forEach((child, offset) => {
        const start = position + 1 + offset;
        if (child.isText) {
          const value = child.text ?? '';
          for (let index = 0; index < value.length; index += 1) positions.push(start + index);
          joined += value;
        } else {
          positions.push(start);
          joined += '\uFFFC';
        }
      });
      const at = joined.indexOf(needle);
      if (at >= 0) {
        const from = positions[at + skip];
        const last = positions[at + skip + text.length - 1];
        if (from !== undefined && last !== undefined) found = { from, to: last + 1 };
      }
      return false;
    });
    if (found) return found;
  }
  return null;
}
