import * as Y from 'yjs';
import type { CommentAnchor } from '../contract/reports';

/*
 * Comment anchors: a selection of a section kept as two Yjs relative positions (base64 of
 * Y.encodeRelativePosition), so it follows the text it was made on through concurrent edits on
 * any laptop. The editor makes them from ProseMirror positions with y-tiptap's
 * absolutePositionToRelativePosition; these helpers make and read them on the Yjs types
 * directly (services, tests, export). base64 through btoa/atob, which browsers and Node share.
 */

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The one encoding of an anchor: two Y.RelativePositions as base64. The services make them on the
 * Yjs types (anchorIn), the editor from ProseMirror positions through y-tiptap's mapping
 * (renderer/src/reports/editor/comment-anchors.ts); both write and read them through these two.
 */
export function encodeAnchor(start: Y.RelativePosition, end: Y.RelativePosition): CommentAnchor {
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/** The relative positions of an anchor, or null when it does not decode. */
export function decodeAnchor(anchor: CommentAnchor): { start: Y.RelativePosition; end: Y.RelativePosition } | null {
  try {
    return {
      start: Y.decodeRelativePosition(fromBase64(anchor.start)),
      end: Y.decodeRelativePosition(fromBase64(anchor.end)),
    };
  } catch {
    return null;
  }
}

/** An anchor over [from, to) of one text of the section (a paragraph's Y.XmlText). */
export function anchorIn(text: Y.XmlText, from: number, to: number): CommentAnchor {
  // The end is kept with association -1 (to the character before it), so typing right after the selection does not widen it.
  return encodeAnchor(
    Y.createRelativePositionFromTypeIndex(text, from, 0),
    Y.createRelativePositionFromTypeIndex(text, to, -1),
  );
}

/** Where an anchor points now: its text and offsets, and the selected string; null when its text was deleted. */
export function resolveAnchor(
  doc: Y.Doc,
  anchor: CommentAnchor,
): { readonly text: Y.XmlText; readonly from: number; readonly to: number; readonly selected: string } | null {
  const positions = decodeAnchor(anchor);
  if (!positions) return null;
  const start = Y.createAbsolutePositionFromRelativePosition(positions.start, doc);
  const end = Y.createAbsolutePositionFromRelativePosition(positions.end, doc);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  const from = Math.min(start.index, end.index);
  const to = Math.max(start.index, end.index);
  let plain = '';
  for (const op of start.type.toDelta() as { insert?: unknown }[])
    plain += typeof op.insert === 'string' ? op.insert : ' ';
  return { text: start.type, from, to, selected: plain.slice(from, to) };
}
