import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  deterministicUpdate,
  fragmentText,
  paragraphsJson,
  sectionFragment,
  sectionJson,
  textBlocks,
} from './document';
import { seededRandom } from '../random';

// Property: three replicas of one section edit it concurrently (words typed into paragraphs, new
// paragraphs), their Yjs updates delivered shuffled, duplicated and late; in the end all three
// hold one document, and every word anyone typed is in it.

type Op =
  | { readonly kind: 'word'; readonly replica: number; readonly block: number; readonly at: number }
  | { readonly kind: 'paragraph'; readonly replica: number; readonly at: number }
  | { readonly kind: 'deliver'; readonly replica: number; readonly count: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('word' as const), replica: fc.nat(2), block: fc.nat(20), at: fc.nat(50) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('paragraph' as const), replica: fc.nat(2), at: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      replica: fc.nat(2),
      count: fc.integer({ min: 1, max: 8 }),
    }),
  },
);

/** Word boundaries of a text block: its end and every space (inserting " wN" there never splits or joins a word). */
function boundaries(text: string): number[] {
  const points = new Set([text.length]);
  for (let i = 0; i < text.length; i += 1) if (text[i] === ' ') points.add(i);
  return [...points].sort((a, b) => a - b);
}

describe('concurrent edits of one section', () => {
  it('converge on three replicas with every typed word present', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.integer(), (ops, seed) => {
        const next = seededRandom(seed);
        const base = deterministicUpdate('section', paragraphsJson('begin\neinde'));
        const replicas = [0, 1, 2].map((index) => {
          const doc = new Y.Doc();
          doc.clientID = 100 + index;
          Y.applyUpdate(doc, base);
          return doc;
        });
        const updates: Uint8Array[] = [];
        replicas.forEach((doc) =>
          doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && updates.push(update)),
        );
        const words: string[] = [];
        const deliver = (doc: Y.Doc, update: Uint8Array) => Y.applyUpdate(doc, update, 'remote');
        for (const step of ops) {
          const doc = replicas[step.replica] as Y.Doc;
          const fragment = sectionFragment(doc);
          if (step.kind === 'word') {
            const blocks = textBlocks(fragment);
            const block = blocks[step.block % blocks.length];
            if (!block) continue;
            const points = boundaries(block.toString());
            const word = `w${words.length}`;
            words.push(word);
            block.insert(points[step.at % points.length] as number, ` ${word}`);
          } else if (step.kind === 'paragraph') {
            const word = `p${words.length}`;
            words.push(word);
            const paragraph = new Y.XmlElement('paragraph');
            const text = new Y.XmlText();
            text.insert(0, word);
            paragraph.insert(0, [text]);
            fragment.insert(step.at % (fragment.length + 1), [paragraph]);
          } else {
            // Late and partial: a few random updates (maybe ones it has, maybe twice), out of order.
            for (let i = 0; i < step.count && updates.length > 0; i += 1)
              deliver(doc, updates[Math.floor(next() * updates.length)] as Uint8Array);
          }
        }
        // Everyone finally receives everything, shuffled, some twice.
        for (const doc of replicas) {
          const all = [...updates, ...updates.filter(() => next() < 0.3)];
          for (let i = all.length - 1; i > 0; i -= 1) {
            const j = Math.floor(next() * (i + 1));
            [all[i], all[j]] = [all[j] as Uint8Array, all[i] as Uint8Array];
          }
          for (const update of all) deliver(doc, update);
        }
        const texts = replicas.map((doc) => fragmentText(sectionFragment(doc)));
        expect(texts[1]).toBe(texts[0]);
        expect(texts[2]).toBe(texts[0]);
        const json = replicas.map((doc) => sectionJson(Y.encodeStateAsUpdate(doc)));
        expect(json[1]).toEqual(json[0]);
        expect(json[2]).toEqual(json[0]);
        const present = new Set((texts[0] as string).split(/\s+/));
        for (const word of words) expect(present.has(word), word).toBe(true);
        expect(present.has('begin') && present.has('einde')).toBe(true);
        replicas.forEach((doc) => doc.destroy());
      }),
      { numRuns: 150 },
    );
  });
});
