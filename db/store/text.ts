import * as Y from 'yjs';
import { fragmentText, sectionFragment } from '../../shared/report/document';
import { YTEXT_KEY } from '../../shared/sync/schema';

/**
 * Shared texts are Yjs documents holding one Y.Text under YTEXT_KEY. The store keeps the merged
 * state of each text field and turns a plain-text save (an autosaving textarea) into a minimal
 * Yjs update, so concurrent edits by two people merge character-wise instead of overwriting.
 */

/** A stable Yjs client id for this node, so one node's edits extend one Yjs client history. */
export function yjsClientId(node: string): number {
  // FNV-1a 32-bit: a cheap stable hash; collisions only cost Yjs a client id reshuffle.
  let hash = 0x811c9dc5;
  for (let i = 0; i < node.length; i += 1) {
    hash ^= node.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes canonical base64 only (so one update has exactly one spelling). */
export function decodeBase64(text: string): Uint8Array | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}

export function loadDoc(state: Uint8Array | null, clientId?: number): Y.Doc {
  // A fixed guid: the default (a random uuid per document) costs more than the merge itself.
  const doc = new Y.Doc({ gc: true, guid: 'veldwerk-text' });
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  // Set after loading: Yjs picks a new random id when a remote update carries the doc's own id.
  if (clientId !== undefined) doc.clientID = clientId;
  return doc;
}

export interface MergedText {
  readonly state: Uint8Array;
  readonly text: string;
}

/** The Yjs type a text column's document holds (shared/sync/schema.ts ColumnSpec.root). */
export type TextRoot = 'text' | 'xml';

/** The plain text of a loaded document: its Y.Text, or its report fragment's text blocks. */
export function docText(doc: Y.Doc, root: TextRoot = 'text'): string {
  return root === 'xml' ? fragmentText(sectionFragment(doc)) : doc.getText(YTEXT_KEY).toString();
}

/** Merges an update into a state. Throws when the update is not a Yjs update. */
export function mergeUpdate(state: Uint8Array | null, update: Uint8Array, root: TextRoot = 'text'): MergedText {
  if (update.byteLength === 0) throw new Error('empty update');
  const doc = loadDoc(state);
  try {
    Y.applyUpdate(doc, update);
    const text = docText(doc, root);
    // The first update of a field is already a complete state: no need to re-encode it.
    return { state: state && state.byteLength > 0 ? Y.encodeStateAsUpdate(doc) : update, text };
  } finally {
    doc.destroy();
  }
}

export function plainText(state: Uint8Array | null): string {
  if (!state || state.byteLength === 0) return '';
  const doc = loadDoc(state);
  try {
    return doc.getText(YTEXT_KEY).toString();
  } finally {
    doc.destroy();
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export interface TextEdit extends MergedText {
  readonly update: Uint8Array;
}

/**
 * The Yjs update that turns the document's current text into `next` with one delete and one
 * insert around the common prefix and suffix (never splitting a surrogate pair), with the new
 * merged state. Null when the text is unchanged.
 */
export function diffToUpdate(state: Uint8Array | null, next: string, clientId: number): TextEdit | null {
  const doc = loadDoc(state, clientId);
  try {
    return diffDoc(doc, next);
  } finally {
    doc.destroy();
  }
}

/** diffToUpdate on a loaded document, which is left holding the new text. */
function diffDoc(doc: Y.Doc, next: string): TextEdit | null {
  const text = doc.getText(YTEXT_KEY);
  const current = text.toString();
  if (current === next) return null;
  let prefix = 0;
  const maxPrefix = Math.min(current.length, next.length);
  while (prefix < maxPrefix && current.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix += 1;
  if (prefix > 0 && isHighSurrogate(current.charCodeAt(prefix - 1))) prefix -= 1;
  let suffix = 0;
  const maxSuffix = Math.min(current.length, next.length) - prefix;
  while (
    suffix < maxSuffix &&
    current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  )
    suffix += 1;
  if (suffix > 0 && isLowSurrogate(current.charCodeAt(current.length - suffix))) suffix -= 1;
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    const removed = current.length - prefix - suffix;
    if (removed > 0) text.delete(prefix, removed);
    const inserted = next.slice(prefix, next.length - suffix);
    if (inserted.length > 0) text.insert(prefix, inserted);
  });
  return { update: Y.encodeStateAsUpdate(doc, before), state: Y.encodeStateAsUpdate(doc), text: text.toString() };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/**
 * diffToUpdate for an autosaving editor: keeps the document of the last edited text loaded, so
 * the next save of the same field does not decode the whole state again. The cached document is
 * used only when the stored state is byte for byte the state it produced (a rolled-back save, a
 * merged remote update or another field's edit makes it reload), so results are those of
 * diffToUpdate.
 */
export class TextEditCache {
  private entry: { key: string; state: Uint8Array; doc: Y.Doc } | null = null;

  constructor(private readonly clientId: number) {}

  diff(key: string, state: Uint8Array | null, next: string): TextEdit | null {
    const cached = this.entry;
    const hit = cached !== null && cached.key === key && state !== null && sameBytes(cached.state, state);
    const doc = hit ? cached.doc : loadDoc(state, this.clientId);
    if (!hit) this.clear();
    // While diffing nothing is cached: an exception leaves no half-edited document behind.
    this.entry = null;
    let edit: TextEdit | null;
    try {
      edit = diffDoc(doc, next);
    } catch (error) {
      doc.destroy();
      throw error;
    }
    const current = edit ? edit.state : state;
    if (current && current.byteLength > 0) this.entry = { key, state: current, doc };
    else doc.destroy();
    return edit;
  }

  clear(): void {
    this.entry?.doc.destroy();
    this.entry = null;
  }
}
