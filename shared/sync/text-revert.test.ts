import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { revertTextUpdate, updateAddsNothing } from './text-revert';
import { YTEXT_KEY } from './text-update';

function edit(state: Uint8Array | null, clientId: number, change: (text: Y.Text) => void): Uint8Array {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  change(doc.getText(YTEXT_KEY));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const text = doc.getText(YTEXT_KEY).toString();
  doc.destroy();
  return text;
}

describe('revertTextUpdate', () => {
  it('takes back an edit that inserted and deleted, on every replica that has both updates', () => {
    const approved = edit(null, 1, (text) => text.insert(0, 'De leerlingen zijn tevreden.'));
    const rejected = edit(approved, 2, (text) => {
      text.delete(19, 8);
      text.insert(19, 'ontevreden, zegt niemand');
    });
    expect(textOf([approved, rejected])).toBe('De leerlingen zijn ontevreden, zegt niemand.');
    const result = revertTextUpdate([approved], rejected, 'text');
    expect(result.approvedText).toBe('De leerlingen zijn tevreden.');
    expect(result.editedText).toBe('De leerlingen zijn ontevreden, zegt niemand.');
    expect(result.revert).not.toBeNull();
    const revert = result.revert as Uint8Array;
    // The author's laptop (approved + rejected merged), and a laptop that gets all three, in any order.
    expect(textOf([approved, rejected, revert])).toBe('De leerlingen zijn tevreden.');
    expect(textOf([revert, rejected, approved])).toBe('De leerlingen zijn tevreden.');
    // A laptop keeps its texts garbage-collected (deleted content dropped): the revert still applies.
    const laptop = new Y.Doc({ gc: true });
    Y.applyUpdate(laptop, approved);
    Y.applyUpdate(laptop, rejected);
    const collected = Y.encodeStateAsUpdate(laptop);
    laptop.destroy();
    expect(textOf([collected, revert])).toBe('De leerlingen zijn tevreden.');
    // A later edit on top of the reverted text merges normally.
    const later = edit(Y.mergeUpdates([approved, rejected, revert]), 3, (text) => text.insert(0, 'Echt: '));
    expect(textOf([approved, rejected, revert, later])).toBe('Echt: De leerlingen zijn tevreden.');
  });

  it('answers no revert for an edit that changed nothing', () => {
    const approved = edit(null, 1, (text) => text.insert(0, 'Zelfde'));
    const result = revertTextUpdate([approved], approved, 'text');
    expect(result.revert).toBeNull();
    expect(result.editedText).toBe('Zelfde');
  });
});

describe('updateAddsNothing', () => {
  it('knows a snapshot of known updates from an update with something new', () => {
    const approved = edit(null, 1, (text) => text.insert(0, 'Goed.'));
    const late = edit(approved, 2, (text) => text.insert(5, ' Heel goed.'));
    const snapshot = Y.mergeUpdates([approved, late]);
    expect(updateAddsNothing([approved, late], snapshot)).toBe(true);
    expect(updateAddsNothing([approved], snapshot)).toBe(false);
    const deletion = edit(snapshot, 2, (text) => text.delete(0, 1));
    expect(updateAddsNothing([approved, late], deletion)).toBe(false);
    // An update whose history is unknown is never "nothing".
    expect(updateAddsNothing([], late)).toBe(false);
  });
});
