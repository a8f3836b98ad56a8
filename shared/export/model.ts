import type { ResolvableBlock, ResolvedBlock, ResolvedBlockValue } from '../contract/reports';
import { blockKey, parseLiveBlock, sourceQuoteAttrs, type ReportJson } from '../report/model';
import { QUADRANTS, type Quadrant } from '../swot/quadrants';

/*
 * The export model: one report as a flat tree of headings, paragraphs, lists, tables, quotes and
 * SWOT tables, with every live block replaced by its resolved (live or frozen) values. The DOCX
 * writer, the print view (HTML for PDF), Markdown and the anonymisation check all read this one
 * model, so what is checked is exactly what is written.
 */

export interface TextInline {
  readonly kind: 'text';
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly strike?: boolean;
  readonly code?: boolean;
  readonly href?: string;
}
export type Inline = TextInline | { readonly kind: 'footnote'; readonly text: string } | { readonly kind: 'break' };

export interface SwotRowModel {
  readonly rank: number;
  readonly lemma: string;
  readonly k: number;
  readonly display: string;
  /** How many organisations the row's conversations come from (for the small-cell rule). */
  readonly organisations: number;
  /** Set when the row is a small cell whose score and count are hidden: the label shown instead. */
  readonly suppressed?: string;
}

/** The score and count cells of a SWOT row as every writer shows them (hidden for a suppressed small cell). */
export function swotRowCells(
  row: SwotRowModel,
  conversationCount: number,
  labels: ExportLabels,
): { readonly score: string; readonly count: string } {
  if (row.suppressed !== undefined) return { score: row.suppressed, count: '–' };
  return { score: row.display, count: fill(labels.kOfN, { k: row.k, n: conversationCount }) };
}

export type ExportBlock =
  | { readonly kind: 'heading'; readonly level: number; readonly inlines: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly (readonly ExportBlock[])[] }
  | { readonly kind: 'quote'; readonly blocks: readonly ExportBlock[] }
  | { readonly kind: 'table'; readonly headerRows: number; readonly rows: readonly (readonly (readonly Inline[])[])[] }
  | {
      readonly kind: 'swot';
      readonly title: string;
      readonly conversationCount: number;
      readonly quadrants: readonly { readonly quadrant: Quadrant; readonly rows: readonly SwotRowModel[] }[];
      readonly live: boolean;
    }
  | { readonly kind: 'rule' }
  | { readonly kind: 'code'; readonly text: string }
  /** A block that could not be resolved: said plainly in the file instead of silently left out. */
  | { readonly kind: 'missing'; readonly text: string };

export interface ExportSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly ExportBlock[];
}

export interface ExportDocument {
  readonly title: string;
  readonly campaignName: string;
  /** ISO date of the export. */
  readonly date: string;
  readonly teamName: string;
  /** True when live values are shown (the file is marked "concept"). */
  readonly concept: boolean;
  readonly sections: readonly ExportSection[];
}

/** Words of the export the writers need (from the export i18n catalog). */
export interface ExportLabels {
  readonly quadrants: Readonly<Record<Quadrant, string>>;
  readonly rank: string;
  readonly lemma: string;
  readonly score: string;
  /** With {{k}} and {{n}}: "{{k}} van {{n}}". */
  readonly kOfN: string;
  readonly conversationsColumn: string;
  /** "8 gesprekken" (plural forms from the catalog). */
  readonly conversations: (count: number) => string;
  readonly category: string;
  readonly participants: string;
  readonly total: string;
  readonly concept: string;
  readonly contents: string;
  readonly page: string;
  readonly campaign: string;
  readonly date: string;
  readonly team: string;
  readonly missingBlock: string;
  readonly noLemmas: string;
}

/** Every live block and quote of the sections, once each, for the resolvers. */
export function collectBlocks(contents: readonly ReportJson[]): ResolvableBlock[] {
  const found = new Map<string, ResolvableBlock>();
  const visit = (node: ReportJson) => {
    const live = parseLiveBlock(node.type, node.attrs);
    if (live) found.set(blockKey(live), live);
    if (node.type === 'sourceQuote') {
      const attrs = sourceQuoteAttrs.safeParse(node.attrs ?? {});
      if (attrs.success)
        found.set(blockKey({ type: 'sourceQuote', attrs: attrs.data }), { type: 'sourceQuote', attrs: attrs.data });
    }
    for (const child of node.content ?? []) visit(child);
  };
  for (const content of contents) visit(content);
  return [...found.values()];
}

export type ResolvedValues = ReadonlyMap<string, ResolvedBlock>;
/** Organisations behind a set of visit ids (a SWOT row's evidence), for the small-cell rule. */
export type OrganisationsOf = (visitIds: readonly string[]) => number;

function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

function inlinesOf(node: ReportJson, values: ResolvedValues, labels: ExportLabels): Inline[] {
  const out: Inline[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'text') {
      const marks = new Set((child.marks ?? []).map((mark) => mark.type));
      const link = child.marks?.find((mark) => mark.type === 'link');
      const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : undefined;
      out.push({
        kind: 'text',
        text: child.text ?? '',
        ...(marks.has('bold') ? { bold: true } : {}),
        ...(marks.has('italic') ? { italic: true } : {}),
        ...(marks.has('underline') ? { underline: true } : {}),
        ...(marks.has('strike') ? { strike: true } : {}),
        ...(marks.has('code') ? { code: true } : {}),
        ...(href ? { href } : {}),
      });
    } else if (child.type === 'hardBreak') {
      out.push({ kind: 'break' });
    } else if (child.type === 'footnote') {
      const text = typeof child.attrs?.text === 'string' ? child.attrs.text : '';
      if (text.trim()) out.push({ kind: 'footnote', text });
    } else if (child.type === 'counter') {
      const live = parseLiveBlock('counter', child.attrs);
      const resolved = live ? values.get(blockKey(live)) : undefined;
      out.push({
        kind: 'text',
        text: resolved?.ok && resolved.value.type === 'counter' ? resolved.value.text : labels.missingBlock,
      });
    } else {
      out.push(...inlinesOf(child, values, labels));
    }
  }
  return out;
}

function swotBlock(
  value: Extract<ResolvedBlockValue, { type: 'swotTable' }>,
  live: boolean,
  labels: ExportLabels,
  organisationsOf: OrganisationsOf,
): ExportBlock {
  return {
    kind: 'swot',
    title: `${value.sectorName} · ${value.groupName}`,
    conversationCount: value.conversationCount,
    live,
    quadrants: value.quadrants.map((quadrant) => ({
      quadrant: quadrant.quadrant,
      rows: quadrant.rows.map((row) => ({
        rank: row.rank,
        lemma: row.lemma,
        k: row.k,
        display: row.display,
        organisations: organisationsOf(row.evidence.visits),
      })),
    })),
  };
}

function resolvedBlocks(
  resolved: ResolvedBlock | undefined,
  content: readonly ExportBlock[],
  labels: ExportLabels,
  organisationsOf: OrganisationsOf,
): ExportBlock[] {
  if (!resolved || !resolved.ok)
    return [
      {
        kind: 'missing',
        text: resolved && !resolved.ok ? `${labels.missingBlock} (${resolved.message})` : labels.missingBlock,
      },
    ];
  const value = resolved.value;
  const live = !resolved.frozen;
  const paragraph = (text: string): ExportBlock => ({ kind: 'paragraph', inlines: [{ kind: 'text', text }] });
  switch (value.type) {
    case 'swotTable':
      return [swotBlock(value, live, labels, organisationsOf)];
    case 'lemmaParagraphs': {
      if (value.paragraphs.length === 0) return [paragraph(labels.noLemmas)];
      return value.paragraphs.map((row) => ({
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: row.lemma, bold: true },
          { kind: 'text', text: ` (${row.display}; ${fill(labels.kOfN, { k: row.k, n: value.conversationCount })})` },
          ...(row.narrative.trim() ? [{ kind: 'text' as const, text: ` ${row.narrative.trim()}` }] : []),
        ],
      }));
    }
    case 'teamSwot':
      return [
        {
          kind: 'table',
          headerRows: 0,
          rows: value.quadrants.map((quadrant) => [
            [{ kind: 'text', text: labels.quadrants[quadrant.quadrant], bold: true }],
            quadrant.lemmas.flatMap((lemma, index): Inline[] => [
              ...(index > 0 ? [{ kind: 'break' as const }] : []),
              { kind: 'text', text: lemma.name },
            ]),
          ]),
        },
      ];
    case 'participants':
      return [
        {
          kind: 'table',
          headerRows: 1,
          rows: [
            [
              [{ kind: 'text', text: labels.category, bold: true }],
              [{ kind: 'text', text: labels.participants, bold: true }],
              [{ kind: 'text', text: labels.conversationsColumn, bold: true }],
            ],
            ...value.rows.map((row) => [
              [{ kind: 'text' as const, text: row.category }],
              [{ kind: 'text' as const, text: String(row.participants) }],
              [{ kind: 'text' as const, text: String(row.conversations) }],
            ]),
            [
              [{ kind: 'text', text: labels.total, bold: true }],
              [{ kind: 'text', text: String(value.total), bold: true }],
              [{ kind: 'text', text: String(value.conversationCount), bold: true }],
            ],
          ],
        },
      ];
    case 'sourceQuote':
      return [{ kind: 'quote', blocks: content }];
    case 'counter':
      return [paragraph(value.text)];
  }
}

function blocksOf(
  node: ReportJson,
  values: ResolvedValues,
  labels: ExportLabels,
  organisationsOf: OrganisationsOf,
): ExportBlock[] {
  const children = () => (node.content ?? []).flatMap((child) => blocksOf(child, values, labels, organisationsOf));
  const live = parseLiveBlock(node.type, node.attrs);
  if (live) return resolvedBlocks(values.get(blockKey(live)), [], labels, organisationsOf);
  switch (node.type) {
    case 'doc':
      return children();
    case 'heading': {
      const level = typeof node.attrs?.level === 'number' ? Math.min(6, Math.max(1, node.attrs.level)) : 2;
      return [{ kind: 'heading', level, inlines: inlinesOf(node, values, labels) }];
    }
    case 'paragraph':
      return [{ kind: 'paragraph', inlines: inlinesOf(node, values, labels) }];
    case 'bulletList':
    case 'orderedList':
      return [
        {
          kind: 'list',
          ordered: node.type === 'orderedList',
          items: (node.content ?? []).map((item) =>
            (item.content ?? []).flatMap((child) => blocksOf(child, values, labels, organisationsOf)),
          ),
        },
      ];
    case 'blockquote':
      return [{ kind: 'quote', blocks: children() }];
    case 'sourceQuote':
      // The quote's text is the report's own content (its source only tells the editor whether it changed).
      return [{ kind: 'quote', blocks: children() }];
    case 'horizontalRule':
      return [{ kind: 'rule' }];
    case 'codeBlock':
      return [{ kind: 'code', text: (node.content ?? []).map((child) => child.text ?? '').join('') }];
    case 'table': {
      const rows = (node.content ?? []).map((row) =>
        (row.content ?? []).map((cell) => {
          const blocks = (cell.content ?? []).flatMap((child) =>
            inlinesOf(child, values, labels).concat([{ kind: 'break' as const }]),
          );
          return blocks.slice(0, -1);
        }),
      );
      let headerRows = 0;
      for (const row of node.content ?? []) {
        if ((row.content ?? []).length > 0 && (row.content ?? []).every((cell) => cell.type === 'tableHeader'))
          headerRows += 1;
        else break;
      }
      return [{ kind: 'table', headerRows, rows }];
    }
    default:
      return children();
  }
}

export interface BuildInput {
  readonly title: string;
  readonly campaignName: string;
  readonly date: string;
  readonly teamName: string;
  readonly sections: readonly { readonly id: string; readonly title: string; readonly content: ReportJson }[];
  readonly values: ResolvedValues;
  readonly labels: ExportLabels;
  readonly organisationsOf: OrganisationsOf;
  /** Live values (not the frozen ones of a final report): the file is marked "concept". */
  readonly concept: boolean;
}

/** Builds the export model of a report. */
export function buildExportDocument(input: BuildInput): ExportDocument {
  const sections = input.sections.map((section) => ({
    id: section.id,
    title: section.title,
    blocks: blocksOf(section.content, input.values, input.labels, input.organisationsOf),
  }));
  return {
    title: input.title,
    campaignName: input.campaignName,
    date: input.date,
    teamName: input.teamName,
    concept: input.concept,
    sections,
  };
}

/** The plain text of inlines (footnotes left out). */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'text' ? inline.text : inline.kind === 'break' ? '\n' : '')).join('');
}

export { blockKey, QUADRANTS };
