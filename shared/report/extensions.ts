import { getSchema, mergeAttributes, Node, type AnyExtension, type Attribute } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';
import { REPORT_NODES, type ReportNodeName } from './model';

/*
 * The report editor's schema as TipTap extensions: StarterKit (headings, paragraphs, bold,
 * italic, lists, block quotes, links, ...), tables, footnotes and the report's live-block and
 * quote nodes. Schema only: the renderer adds node views with `.extend({ addNodeView })` and
 * passes them to reportExtensions(); the services, the CLI and export call reportSchema() in
 * Node to read a section's Y.XmlFragment as ProseMirror JSON (./document.ts).
 * Attributes are kept in the HTML as data-* attributes so copy/paste keeps a block.
 */

type AttrSpec = Record<string, Partial<Attribute>>;

function dataAttrs(defaults: Readonly<Record<string, string | null>>): AttrSpec {
  const spec: AttrSpec = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const html = `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    spec[name] = {
      default: fallback,
      parseHTML: (element) => element.getAttribute(html) ?? fallback,
      renderHTML: (attributes: Record<string, unknown>) => {
        const value = attributes[name];
        return value === null || value === undefined ? {} : { [html]: String(value) };
      },
    };
  }
  return spec;
}

function atomBlock(name: ReportNodeName, defaults: Readonly<Record<string, string | null>>): Node {
  const tag = `div[data-report-node="${name}"]`;
  return Node.create({
    name,
    group: 'block',
    atom: true,
    selectable: true,
    draggable: true,
    addAttributes: () => dataAttrs(defaults),
    parseHTML: () => [{ tag }],
    renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-report-node': name })],
  });
}

export const SwotTable = atomBlock(REPORT_NODES.swotTable, {
  blockId: null,
  sectorId: null,
  groupId: null,
  quadrant: 'all',
});
export const LemmaParagraphs = atomBlock(REPORT_NODES.lemmaParagraphs, {
  blockId: null,
  sectorId: null,
  groupId: null,
  quadrant: 'all',
});
export const TeamSwot = atomBlock(REPORT_NODES.teamSwot, { blockId: null, sectorId: null, quadrant: 'all' });
export const Participants = atomBlock(REPORT_NODES.participants, { blockId: null, scopeKind: 'sector', scopeId: null });

export const Counter = Node.create({
  name: REPORT_NODES.counter,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes: () =>
    dataAttrs({
      blockId: null,
      metric: 'lemma',
      scopeKind: 'sector',
      scopeId: null,
      groupId: null,
      lemmaId: null,
      form: 'kOfN',
    }),
  parseHTML: () => [{ tag: `span[data-report-node="${REPORT_NODES.counter}"]` }],
  renderHTML: ({ HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { 'data-report-node': REPORT_NODES.counter }),
  ],
});

export const Footnote = Node.create({
  name: REPORT_NODES.footnote,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes: () => dataAttrs({ text: '' }),
  parseHTML: () => [{ tag: `sup[data-report-node="${REPORT_NODES.footnote}"]` }],
  renderHTML: ({ HTMLAttributes }) => [
    'sup',
    mergeAttributes(HTMLAttributes, { 'data-report-node': REPORT_NODES.footnote }),
  ],
});

/** A quote pulled from a visit (good practice, note, SWOT item): its paragraphs, with a link to the source. */
export const SourceQuote = Node.create({
  name: REPORT_NODES.sourceQuote,
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes: () =>
    dataAttrs({
      blockId: null,
      sourceTable: 'good_practices',
      sourceId: null,
      visitId: null,
      fingerprint: '00000000',
      quotedAt: null,
    }),
  parseHTML: () => [{ tag: `blockquote[data-report-node="${REPORT_NODES.sourceQuote}"]` }],
  renderHTML: ({ HTMLAttributes }) => [
    'blockquote',
    mergeAttributes(HTMLAttributes, { 'data-report-node': REPORT_NODES.sourceQuote }),
    0,
  ],
});

export type ReportNodeExtensions = Record<Exclude<ReportNodeName, never>, AnyExtension>;

export const REPORT_NODE_EXTENSIONS: ReportNodeExtensions = {
  footnote: Footnote,
  swotTable: SwotTable,
  lemmaParagraphs: LemmaParagraphs,
  teamSwot: TeamSwot,
  participants: Participants,
  counter: Counter,
  sourceQuote: SourceQuote,
};

/**
 * Every extension of the report editor. `replace` swaps a report node for an extended copy (the
 * renderer's node views: `SwotTable.extend({ addNodeView })`); its name must stay the same.
 * Undo/redo is left out: with collaboration the Yjs undo manager (per person) takes its place.
 */
export function reportExtensions(replace: Partial<ReportNodeExtensions> = {}): AnyExtension[] {
  const nodes = { ...REPORT_NODE_EXTENSIONS, ...replace };
  for (const [name, extension] of Object.entries(nodes)) {
    if (extension.name !== name)
      throw new Error(`reportExtensions: the replacement for ${name} is named ${extension.name}`);
  }
  return [
    StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
    TableKit.configure({ table: { resizable: false } }),
    ...Object.values(nodes),
  ];
}

let cached: Schema | null = null;

/** The ProseMirror schema of a report section (the same nodes and marks as the editor's). */
export function reportSchema(): Schema {
  cached ??= getSchema(reportExtensions());
  return cached;
}
