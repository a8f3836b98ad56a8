import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorIn, resolveAnchor } from './anchors';
import { deterministicUpdate, paragraphsJson, sectionFragment, textBlocks } from './document';

// A comment's anchor follows the words it was made on through concurrent edits on other laptops.

function replica(client: number, state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  Y.applyUpdate(doc, state);
  return doc;
}

describe('comment anchors', () => {
  it('survive concurrent inserts and deletes before, inside-adjacent and after the selection', () => {
    const base = deterministicUpdate('s1', paragraphsJson('De centra werken goed samen met de gemeente.'));
    const mine = replica(1, base);
    const theirs = replica(2, base);
    const text = textBlocks(sectionFragment(mine))[0] as Y.XmlText;
    const anchor = anchorIn(text, 'De centra werken '.length, 'De centra werken goed samen'.length);
    expect(resolveAnchor(mine, anchor)?.selected).toBe('goed samen');

    // Meanwhile on the other laptop: words before it, right after it and a deletion at the start.
    const other = textBlocks(sectionFragment(theirs))[0] as Y.XmlText;
    other.insert('De centra werken goed samen'.length, ' en vlot');
    other.insert('De '.length, 'acht ');
    other.delete(0, 3);
    const update = Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine));
    // And here, a new paragraph in front of everything.
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Inleiding.')]);
    sectionFragment(mine).insert(0, [paragraph]);
    Y.applyUpdate(mine, update);
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));

    for (const doc of [mine, theirs]) {
      const resolved = resolveAnchor(doc, anchor);
      expect(resolved?.selected).toBe('goed samen');
      expect(resolved?.text.toString()).toContain('acht centra werken goed samen en vlot');
    }
  });

  it('reads as gone when the anchored paragraph was deleted', () => {
    const doc = replica(1, deterministicUpdate('s1', paragraphsJson('Weg\nBlijft')));
    const anchor = anchorIn(textBlocks(sectionFragment(doc))[0] as Y.XmlText, 0, 3);
    sectionFragment(doc).delete(0, 1);
    expect(resolveAnchor(doc, anchor)).toBeNull();
  });
});

describe('anchor encoding', () => {
  it('reads back what it wrote, and refuses what does not decode', async () => {
    const { decodeAnchor, encodeAnchor } = await import('./anchors');
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    doc.getXmlFragment('doc').push([text]);
    text.insert(0, 'De centra werken samen.');
    const start = Y.createRelativePositionFromTypeIndex(text, 3, 0);
    const end = Y.createRelativePositionFromTypeIndex(text, 9, -1);
    const anchor = encodeAnchor(start, end);
    const decoded = decodeAnchor(anchor);
    if (!decoded) throw new Error('the anchor did not decode');
    expect(encodeAnchor(decoded.start, decoded.end)).toEqual(anchor);
    expect(Y.createAbsolutePositionFromRelativePosition(decoded.start, doc)?.index).toBe(3);
    expect(Y.createAbsolutePositionFromRelativePosition(decoded.end, doc)?.index).toBe(9);
    expect(decodeAnchor({ start: '%%%', end: 'AA==' })).toBeNull();
  });
});
