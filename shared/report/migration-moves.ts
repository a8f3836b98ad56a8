import * as Y from 'yjs';
import { YTEXT_KEY } from '../sync/text-update';
import {
  deterministicUpdate,
  fragmentText,
  loadSectionDoc,
  paragraphsJson,
  sectionFragment,
  wordCount,
} from './document';

/*
 * Migration 004 moved each old plain-text body (a Y.Text) into the section's fragment as a
 * "move": a deterministic Yjs update whose client id is a hash of the section and the text
 * (shared/report/document.ts deterministicUpdate). Two laptops that migrated the same text made
 * the same items; two laptops whose old texts differed (each had edits the other had not yet
 * received) made two moves, and when they meet the fragment holds both: the common text twice.
 *
 * Each move registers itself in the document (the map MOVES_KEY: its client id -> the text it was
 * made from), so every replica can tell the moves apart from what people typed. When a merged
 * document holds live content of two or more moves, `resolveMoves` replaces them by the move of
 * the merged old text: the Y.Text, which is a CRDT too, already holds both laptops' old edits,
 * merged without doubling. The answer depends on the document's state only (the moves' ids, the
 * merged Y.Text), never on which laptop computes it or when, so every laptop that resolves the
 * same state makes the same Yjs update (same deletions, same deterministic items) and their
 * repairs merge into one document. Deletions only grow: a later, third move is resolved the same
 * way, replacing the merged one.
 *
 * Words typed into a move's paragraphs after the migration and before the laptops met would go
 * with that move's content: `lostWords` names them, and the caller keeps the document as it was
 * before the repair as a report version (db/report-moves.ts), so nothing typed is lost.
 */

/** The map of a section's document that registers migration moves. */
export const MOVES_KEY = 'migration-004';

const moveSeed = (sectionId: string): string => `migration-004:${sectionId}`;

/** The move of an old plain-text body into a section's fragment, the same on every laptop for the same section and text. */
export function moveUpdate(sectionId: string, text: string): Uint8Array {
  const content = deterministicUpdate(moveSeed(sectionId), paragraphsJson(text));
  const doc = loadSectionDoc(content);
  try {
    // The registration comes after the fragment's items, with the same client: a move made by
    // an earlier build (fragment only) is a prefix of this one, so the two still merge as one.
    const [client] = Y.decodeStateVector(Y.encodeStateVector(doc)).keys();
    if (client === undefined) return content;
    doc.clientID = client;
    const before = Y.encodeStateVector(doc);
    doc.getMap<string>(MOVES_KEY).set(String(client), text);
    return Y.mergeUpdates([content, Y.encodeStateAsUpdate(doc, before)]);
  } finally {
    doc.destroy();
  }
}

export interface MovesRepair {
  /** The Yjs update that makes the repair (deletions, and the merged move where one is added). */
  readonly update: Uint8Array;
  /** Words of the fragment before the repair that it no longer holds (typed into a replaced move). */
  readonly lostWords: readonly string[];
}

function words(text: string): Set<string> {
  return new Set(text.toLocaleLowerCase('nl-BE').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []);
}

/** The live top-level elements of the fragment, with the Yjs client that made each. */
function topLevel(fragment: Y.XmlFragment): { index: number; client: number }[] {
  return fragment.toArray().map((child, index) => ({ index, client: child._item?.id.client ?? -1 }));
}

/** The repair of a section's document holding live content of two or more migration moves, or null when there is nothing to repair. */
export function resolveMoves(sectionId: string, state: Uint8Array): MovesRepair | null {
  const doc = loadSectionDoc(state);
  try {
    const moves = doc.getMap<string>(MOVES_KEY);
    if (moves.size < 2) return null;
    const fragment = sectionFragment(doc);
    const registered = new Set([...moves.keys()].map(Number));
    const live = [...new Set(topLevel(fragment).map((element) => element.client))].filter((client) =>
      registered.has(client),
    );
    if (live.length < 2) return null;
    const merged = doc.getText(YTEXT_KEY).toString();
    const mergedMove = moveUpdate(sectionId, merged);
    const [mergedClient] = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(mergedMove)).keys();
    const known = mergedClient !== undefined && Y.getState(doc.store, mergedClient) > 0;
    // The merged text's move is one of the live ones (one laptop's old text held the other's):
    // keep it. When it cannot be added (no text, or made and replaced before), keep the lowest.
    const keep =
      mergedClient !== undefined && live.includes(mergedClient)
        ? mergedClient
        : wordCount(merged) === 0 || known
          ? Math.min(...live)
          : null;
    const before = Y.encodeStateVector(doc);
    const textBefore = fragmentText(fragment);
    doc.transact(() => {
      const doomed = topLevel(fragment).filter((element) => element.client !== keep && live.includes(element.client));
      for (const element of doomed.reverse()) fragment.delete(element.index, 1);
    });
    if (keep === null) Y.applyUpdate(doc, mergedMove);
    const after = words(fragmentText(fragment));
    return {
      update: Y.encodeStateAsUpdate(doc, before),
      lostWords: [...words(textBefore)].filter((word) => !after.has(word)),
    };
  } finally {
    doc.destroy();
  }
}
