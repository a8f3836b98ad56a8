import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { reportSchema } from './extensions';
import { REPORT_FRAGMENT_KEY, type ReportJson } from './model';

/*
 * A section's Yjs document and its ProseMirror JSON, readable anywhere (renderer, services, CLI,
 * export): `sectionJson(state)` reads the Y.XmlFragment with the report schema.
 *
 * Content that every laptop must create the same (template content, the migration of an old
 * plain-text body) is built by `deterministicUpdate`: a fresh Yjs document whose client id is a
 * hash of a seed and of the content, so two laptops building the same content produce the same
 * Yjs items (same client, same clocks) and merging both changes nothing: the content is never
 * duplicated (the Yjs "duplicated initial content" trap). Different content gets a different
 * client id, so it can never collide with another's items.
 */

/** FNV-1a 32-bit, hand-written: a stable Yjs client id from text, in any runtime. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function loadSectionDoc(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc({ gc: true, guid: 'veldwerk-text' });
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}

export function sectionFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(REPORT_FRAGMENT_KEY);
}

/** The ProseMirror JSON of a section's fragment (nodes the schema does not know are left out). */
export function fragmentJson(fragment: Y.XmlFragment): ReportJson {
  return yXmlFragmentToProseMirrorRootNode(fragment, reportSchema()).toJSON() as ReportJson;
}

/** The ProseMirror JSON of a section's Yjs state (an empty document when there is none). */
export function sectionJson(state: Uint8Array | null): ReportJson {
  const doc = loadSectionDoc(state);
  try {
    return fragmentJson(sectionFragment(doc));
  } finally {
    doc.destroy();
  }
}

/** A Yjs update that adds `content` (a doc node's JSON) to an empty section, the same on every laptop for the same seed and content. */
export function deterministicUpdate(seed: string, content: ReportJson): Uint8Array {
  const doc = new Y.Doc({ gc: true, guid: 'veldwerk-text' });
  const serial = JSON.stringify(content);
  // Client id 0 is not special in Yjs, but keep ids positive 32-bit like the store's.
  doc.clientID = hash32(`${seed}\u0000${serial}`) || 1;
  try {
    prosemirrorJSONToYXmlFragment(reportSchema(), content, sectionFragment(doc));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** A doc of plain paragraphs, one per line of text (blank lines dropped): how an old plain-text body reads. */
export function paragraphsJson(text: string): ReportJson {
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  return {
    type: 'doc',
    content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

function xmlTextString(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
  return out;
}

/**
 * The plain text of a fragment, one line per text block (paragraph, heading, list item's
 * paragraph, table cell, ...), read from the Yjs types directly (no schema: it never drops
 * content the schema does not know, and it is cheap enough to run on every saved update).
 * Inline atoms (counters, footnotes) read as nothing: their values are not in the text.
 */
export function fragmentText(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  const visit = (element: Y.XmlElement | Y.XmlFragment): void => {
    const children = element.toArray();
    const isTextBlock =
      children.some((child) => child instanceof Y.XmlText) ||
      (children.length === 0 && element instanceof Y.XmlElement && /^(paragraph|heading)$/.test(element.nodeName));
    if (isTextBlock) {
      lines.push(children.map((child) => (child instanceof Y.XmlText ? xmlTextString(child) : '')).join(''));
      return;
    }
    for (const child of children) if (child instanceof Y.XmlElement) visit(child);
  };
  visit(fragment);
  return lines.join('\n');
}

export function sectionText(state: Uint8Array | null): string {
  const doc = loadSectionDoc(state);
  try {
    return fragmentText(sectionFragment(doc));
  } finally {
    doc.destroy();
  }
}

/** Words of a text (runs of letters or digits), as the editor's word count shows them. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/** Every node of a document, depth first, with its JSON. */
export function* walkJson(node: ReportJson): Generator<ReportJson> {
  yield node;
  for (const child of node.content ?? []) yield* walkJson(child);
}

/** Runs an edit on a section's document as one Yjs client and answers the update it made and the new state. */
export function editSection(
  state: Uint8Array | null,
  clientId: number,
  edit: (fragment: Y.XmlFragment, doc: Y.Doc) => void,
): { readonly update: Uint8Array; readonly state: Uint8Array } {
  const doc = loadSectionDoc(state);
  doc.clientID = clientId;
  try {
    const before = Y.encodeStateVector(doc);
    doc.transact(() => edit(sectionFragment(doc), doc));
    return { update: Y.encodeStateAsUpdate(doc, before), state: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}

/** The text blocks of a fragment (paragraphs, headings, cells' paragraphs ...) in document order, as their first Y.XmlText. */
export function textBlocks(fragment: Y.XmlFragment): Y.XmlText[] {
  const blocks: Y.XmlText[] = [];
  const visit = (element: Y.XmlElement | Y.XmlFragment): void => {
    const children = element.toArray();
    const text = children.find((child): child is Y.XmlText => child instanceof Y.XmlText);
    if (text) {
      blocks.push(text);
      return;
    }
    for (const child of children) if (child instanceof Y.XmlElement) visit(child);
  };
  visit(fragment);
  return blocks;
}

/** Appends a paragraph with plain text at the end of a fragment (tests, the CLI, quotes). */
export function appendParagraph(fragment: Y.XmlFragment, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  content.insert(0, text);
  paragraph.insert(0, [content]);
  fragment.push([paragraph]);
}

/**
 * Node and mark names in a section that the report schema does not know (made by a newer
 * version of the app). The editor's binding would delete such content when it renders, so an
 * editor must open a section with unknown content read-only instead (nothing is lost: the
 * store keeps merging every update).
 */
export function unknownContent(fragment: Y.XmlFragment): string[] {
  const schema = reportSchema();
  const unknown = new Set<string>();
  const visit = (element: Y.XmlElement | Y.XmlFragment): void => {
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (!schema.nodes[child.nodeName]) unknown.add(child.nodeName);
        visit(child);
      } else if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as { attributes?: Record<string, unknown> }[]) {
          for (const mark of Object.keys(op.attributes ?? {}))
            if (!schema.marks[mark.replace(/--.*$/, '')]) unknown.add(mark);
        }
      }
    }
  };
  visit(fragment);
  return [...unknown].sort();
}
