import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionText } from './document';
import { moveUpdate, resolveMoves } from './migration-moves';

/** A section document as a laptop of schema 1 left it (its old Y.Text), plus that laptop's migration move. */
function migrated(oldText: Uint8Array, sectionId = 's1'): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, oldText);
  const text = doc.getText('text').toString();
  doc.destroy();
  return Y.mergeUpdates([oldText, moveUpdate(sectionId, text)]);
}

function oldText(parts: readonly { client: number; at: number; text: string }[], base?: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  for (const part of parts) {
    doc.clientID = part.client;
    doc.getText('text').insert(part.at, part.text);
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

describe('resolveMoves', () => {
  const base = oldText([{ client: 7, at: 0, text: 'Alpha.' }]);

  it('leaves one move alone', () => {
    expect(resolveMoves('s1', migrated(base))).toBeNull();
  });

  it('replaces two moves by the merged old text, with the same update on either side', () => {
    const a = migrated(oldText([{ client: 11, at: 6, text: ' Gamma.' }], base));
    const b = migrated(oldText([{ client: 12, at: 5, text: ' beta' }], base));
    const met = Y.mergeUpdates([a, b]);
    expect(sectionText(met)).toContain('\n');
    const repair = resolveMoves('s1', met);
    expect(repair?.lostWords).toEqual([]);
    expect(sectionText(Y.mergeUpdates([met, repair?.update ?? new Uint8Array()]))).toBe('Alpha beta. Gamma.');
    // The other laptop, merging in the other order, makes the same repair.
    expect(resolveMoves('s1', Y.mergeUpdates([b, a]))?.update).toEqual(repair?.update);
    expect(resolveMoves('s1', Y.mergeUpdates([met, repair?.update ?? new Uint8Array()]))).toBeNull();
  });

  it('keeps the move whose old text already held the other', () => {
    const a = migrated(base);
    const b = migrated(oldText([{ client: 12, at: 6, text: ' Beta.' }], base));
    const met = Y.mergeUpdates([a, b]);
    const repaired = Y.mergeUpdates([met, resolveMoves('s1', met)?.update ?? new Uint8Array()]);
    expect(sectionText(repaired)).toBe('Alpha. Beta.');
    // Keeping b's move made no new items: nothing of b (or what was typed into it) is replaced.
    expect(Y.encodeStateVectorFromUpdate(repaired)).toEqual(Y.encodeStateVectorFromUpdate(met));
  });
});
