import * as Y from 'yjs';
import { fragmentText, sectionFragment } from '../report/document';
import { YTEXT_KEY, type TextRoot } from './text-update';

/**
 * Taking back one Yjs update of a shared text (a held late edit the coordinator rejected). Yjs
 * has no "remove an update": the laptop that made the edit has already merged it, and merging is
 * forever. What can be done is a new update that undoes it: Yjs's own UndoManager, scoped to the
 * rejected update's transaction, deletes what it inserted and inserts again what it deleted.
 * Applied after the rejected update, on any replica, the text reads as it did before the edit.
 */
export interface TextRevert {
  /** The Yjs update that takes the edit back (null when it changed nothing that can be undone). */
  readonly revert: Uint8Array | null;
  /** The text before the edit (as approved). */
  readonly approvedText: string;
  /** The text with the edit (what its author wrote, kept for them to copy). */
  readonly editedText: string;
}

const REJECTED = Symbol('rejected-edit');

function textOf(doc: Y.Doc, root: TextRoot): string {
  return root === 'xml' ? fragmentText(sectionFragment(doc)) : doc.getText(YTEXT_KEY).toString();
}

/**
 * The update that reverts `rejected` on top of `approved` (the field's updates that stand, in any
 * order). The revert names the rejected update's items, so a replica must have the rejected
 * update too for the revert to take effect: the server logs both (see server/sync-service.ts).
 */
export function revertTextUpdate(approved: readonly Uint8Array[], rejected: Uint8Array, root: TextRoot): TextRevert {
  // gc off: the undo must find the content the rejected edit deleted.
  const doc = new Y.Doc({ gc: false, guid: 'veldwerk-text' });
  try {
    for (const update of approved) Y.applyUpdate(doc, update);
    const type = root === 'xml' ? sectionFragment(doc) : doc.getText(YTEXT_KEY);
    const approvedText = textOf(doc, root);
    const undo = new Y.UndoManager(type, { trackedOrigins: new Set([REJECTED]), captureTimeout: 0 });
    Y.applyUpdate(doc, rejected, REJECTED);
    const editedText = textOf(doc, root);
    const before = Y.encodeStateVector(doc);
    undo.undo();
    undo.destroy();
    const revert = Y.encodeStateAsUpdate(doc, before);
    const changed = textOf(doc, root) !== editedText || Y.encodeStateVector(doc).toString() !== before.toString();
    return { revert: changed ? revert : null, approvedText, editedText };
  } finally {
    doc.destroy();
  }
}

/**
 * Whether an update adds nothing to what `known` (updates of the same field) already holds: no
 * new items, no new deletions. A laptop's compaction snapshot of a text with a held edit is such
 * an update (it holds the approved text and the held edit), and holding it again would ask the
 * coordinator to decide the same edit twice.
 */
export function updateAddsNothing(known: readonly Uint8Array[], update: Uint8Array): boolean {
  const doc = new Y.Doc({ gc: false, guid: 'veldwerk-text' });
  try {
    for (const bytes of known) Y.applyUpdate(doc, bytes);
    const before = Y.snapshot(doc);
    Y.applyUpdate(doc, update);
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false;
    return Y.equalSnapshots(before, Y.snapshot(doc));
  } finally {
    doc.destroy();
  }
}
