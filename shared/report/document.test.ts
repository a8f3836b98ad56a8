import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  deterministicUpdate,
  loadSectionDoc,
  paragraphsJson,
  sectionFragment,
  sectionJson,
  sectionText,
  unknownContent,
  wordCount,
} from './document';
import { reportSchema } from './extensions';
import { parseLiveBlock, sourceFingerprint, type ReportJson } from './model';

const chapter: ReportJson = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Wat denken de stakeholders?' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'In ' },
        {
          type: 'counter',
          attrs: {
            blockId: 'c1',
            metric: 'visits',
            scopeKind: 'sector',
            scopeId: 'sc-1',
            groupId: null,
            lemmaId: null,
            form: 'kOfN',
          },
        },
        { type: 'text', text: ' centra', marks: [{ type: 'bold' }] },
        { type: 'footnote', attrs: { text: 'Bron: gesprekken.' } },
      ],
    },
    { type: 'swotTable', attrs: { blockId: 'b1', sectorId: 'sc-1', groupId: 'rg-1', quadrant: 'all' } },
    {
      type: 'sourceQuote',
      attrs: {
        blockId: 'q1',
        sourceTable: 'good_practices',
        sourceId: 'gp-1',
        visitId: 'v-1',
        fingerprint: sourceFingerprint('Goed'),
        quotedAt: null,
      },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Goed' }] }],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cel' }] }] }],
        },
      ],
    },
  ],
};

describe('report document model', () => {
  it('has the StarterKit, table and report nodes in one schema', () => {
    const schema = reportSchema();
    for (const name of [
      'paragraph',
      'heading',
      'blockquote',
      'bulletList',
      'orderedList',
      'table',
      'tableCell',
      'footnote',
      'swotTable',
      'lemmaParagraphs',
      'teamSwot',
      'participants',
      'counter',
      'sourceQuote',
    ]) {
      expect(schema.nodes[name], name).toBeDefined();
    }
    for (const name of ['bold', 'italic', 'link']) expect(schema.marks[name], name).toBeDefined();
  });

  it('round-trips a chapter through a Y.XmlFragment', () => {
    const update = deterministicUpdate('seed', chapter);
    const json = sectionJson(update);
    expect(json.content?.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'swotTable',
      'sourceQuote',
      'table',
    ]);
    expect(json.content?.[2]?.attrs).toMatchObject({ sectorId: 'sc-1', groupId: 'rg-1', quadrant: 'all' });
    expect(sectionText(update)).toBe('Wat denken de stakeholders?\nIn  centra\nGoed\ncel');
  });

  it('builds the same content the same way twice, so merging both does not duplicate it', () => {
    const first = deterministicUpdate('section-1', paragraphsJson('Eén\nTwee'));
    const second = deterministicUpdate('section-1', paragraphsJson('Eén\nTwee'));
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const doc = loadSectionDoc(first);
    Y.applyUpdate(doc, second);
    expect(sectionFragment(doc).length).toBe(2);
    expect(sectionText(Y.encodeStateAsUpdate(doc))).toBe('Eén\nTwee');
    // Other content under the same seed never collides with these items: both are kept.
    Y.applyUpdate(doc, deterministicUpdate('section-1', paragraphsJson('Drie')));
    expect(sectionFragment(doc).length).toBe(3);
  });

  it('validates live-block attributes and refuses numbers they should not carry', () => {
    expect(parseLiveBlock('swotTable', { sectorId: 's', groupId: 'g' })).toEqual({
      type: 'swotTable',
      attrs: { blockId: null, sectorId: 's', groupId: 'g', quadrant: 'all' },
    });
    expect(parseLiveBlock('swotTable', { sectorId: 's', groupId: 'g', score: 5 })).toBeNull();
    expect(parseLiveBlock('counter', { metric: 'lemma', scopeId: 's' })).toBeNull();
    expect(parseLiveBlock('paragraph', {})).toBeNull();
  });

  it('names content the schema does not know, so an editor opens it read-only instead of deleting it', () => {
    const doc = loadSectionDoc(deterministicUpdate('seed', chapter));
    expect(unknownContent(sectionFragment(doc))).toEqual([]);
    const future = new Y.XmlElement('timeline');
    const text = new Y.XmlText();
    text.insert(0, 'nieuw', { glow: true });
    future.insert(0, [text]);
    sectionFragment(doc).push([future]);
    expect(unknownContent(sectionFragment(doc))).toEqual(['glow', 'timeline']);
    // The store's plain text keeps it.
    expect(sectionText(Y.encodeStateAsUpdate(doc))).toContain('nieuw');
  });

  it('counts words', () => {
    expect(wordCount('Vier van de acht centra — l’équipe, 2026.')).toBe(7);
  });
});
