import { z } from 'zod';
import { QUADRANTS, type Quadrant } from '../swot/quadrants';

/*
 * The report document model, shared by the editor (renderer), the services, the CLI and export.
 *
 * A report section's body is one Yjs document (the `report_sections.body` text field of the sync
 * registry) holding a Y.XmlFragment under REPORT_FRAGMENT_KEY, bound to a TipTap/ProseMirror
 * editor with the schema of ./extensions.ts. This file names every node, mark and attribute of
 * that schema that is not StarterKit's own, and validates the attributes of the live blocks.
 *
 * Live blocks (SWOT tables, lemma paragraphs, the team SWOT, participants, counters) store only
 * what they show (sector, respondent group, quadrant, ...), never numbers: the block resolvers of
 * ./resolve.ts recompute them from the records with the SWOT board's own scorer. A quote stores
 * its quoted text (that text is the report's own content) and a link to its source.
 */

/** The key of the Y.XmlFragment inside a section's Yjs document (the editor binding must use the same). */
export const REPORT_FRAGMENT_KEY = 'doc';

/** StarterKit's node and mark names as the report schema uses them (TipTap 3). */
export const STARTER_NODES = [
  'doc',
  'paragraph',
  'text',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'hardBreak',
  'horizontalRule',
  'codeBlock',
] as const;
export const TABLE_NODES = ['table', 'tableRow', 'tableHeader', 'tableCell'] as const;
export const MARKS = ['bold', 'italic', 'underline', 'strike', 'code', 'link'] as const;

/** The report's own nodes. */
export const REPORT_NODES = {
  footnote: 'footnote',
  swotTable: 'swotTable',
  lemmaParagraphs: 'lemmaParagraphs',
  teamSwot: 'teamSwot',
  participants: 'participants',
  counter: 'counter',
  sourceQuote: 'sourceQuote',
} as const;

export type ReportNodeName = (typeof REPORT_NODES)[keyof typeof REPORT_NODES];

/** The nodes whose content is computed from the records. */
export const LIVE_BLOCK_NODES = ['swotTable', 'lemmaParagraphs', 'teamSwot', 'participants', 'counter'] as const;
export type LiveBlockName = (typeof LIVE_BLOCK_NODES)[number];

export function isLiveBlockName(value: unknown): value is LiveBlockName {
  return typeof value === 'string' && (LIVE_BLOCK_NODES as readonly string[]).includes(value);
}

const ref = z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/);

/** One quadrant, or all four in table order. */
export const QUADRANT_CHOICES = [...QUADRANTS, 'all'] as const;
export type QuadrantChoice = Quadrant | 'all';
export const quadrantChoiceSchema = z.enum(QUADRANT_CHOICES);

/**
 * A block's id: set when the block is inserted (a random uuid), so comments, evidence and the
 * frozen values recorded at finalise can name one block of a section. Null in hand-written JSON.
 */
const blockId = ref.nullable().default(null);

/** The scored SWOT table of a sector's respondent group: rank, lemma, score and k of N. */
export const swotTableAttrs = z
  .object({ blockId, sectorId: ref, groupId: ref, quadrant: quadrantChoiceSchema.default('all') })
  .strict();

/** The lemma paragraphs (each lemma's narrative, in score order) of a sector's respondent group. */
export const lemmaParagraphsAttrs = z
  .object({ blockId, sectorId: ref, groupId: ref, quadrant: quadrantChoiceSchema.default('all') })
  .strict();

/** The team's own SWOT of a sector (unscored, alphabetical). */
export const teamSwotAttrs = z
  .object({ blockId, sectorId: ref, quadrant: quadrantChoiceSchema.default('all') })
  .strict();

/** Participants per stakeholder category over the conversations of a sector or a region. */
export const participantsAttrs = z.object({ blockId, scopeKind: z.enum(['sector', 'region']), scopeId: ref }).strict();

/**
 * A counter in running text ("vier van de acht centra"):
 * - `lemma`: k of N for one lemma of a scope (needs sectorId, groupId, lemmaId);
 * - `organisations`: organisations visited of a sector or region (N: all its organisations);
 * - `visits`: visits of a sector or region (N: all of them, k: those with the status, when given);
 * - `conversations`: conversations of a sector's respondent group (or of a sector/region).
 * `form` says how it reads: `number` ("4"), `words` ("vier"), `kOfN` ("vier van de acht").
 */
export const COUNTER_METRICS = ['lemma', 'organisations', 'visits', 'conversations'] as const;
export type CounterMetric = (typeof COUNTER_METRICS)[number];
export const COUNTER_FORMS = ['number', 'words', 'kOfN'] as const;
export type CounterForm = (typeof COUNTER_FORMS)[number];
export const counterAttrs = z
  .object({
    blockId,
    metric: z.enum(COUNTER_METRICS),
    scopeKind: z.enum(['sector', 'region']).default('sector'),
    scopeId: ref,
    groupId: ref.nullable().default(null),
    lemmaId: ref.nullable().default(null),
    form: z.enum(COUNTER_FORMS).default('kOfN'),
  })
  .strict()
  .refine(
    (value) =>
      value.metric !== 'lemma' || (value.scopeKind === 'sector' && value.groupId !== null && value.lemmaId !== null),
    {
      message: 'a lemma counter needs a sector, a respondent group and a lemma',
    },
  );

/** Where a quote comes from: a visit's good practice, a note on a guiding question, a SWOT item. */
export const QUOTE_SOURCES = ['good_practices', 'notes', 'swot_items'] as const;
export type QuoteSource = (typeof QUOTE_SOURCES)[number];
/**
 * A quote (block; its content is the quoted text, as paragraphs) with a link to its source.
 * `fingerprint` is sourceFingerprint() of the source text when it was quoted: a different
 * fingerprint now means the source changed after it was quoted.
 */
export const sourceQuoteAttrs = z
  .object({
    blockId,
    sourceTable: z.enum(QUOTE_SOURCES),
    sourceId: ref,
    visitId: ref.nullable().default(null),
    fingerprint: z.string().regex(/^[0-9a-f]{8}$/),
    quotedAt: z.string().max(40).nullable().default(null),
  })
  .strict();

/** A footnote (inline atom): its text is an attribute, shown at the foot of the section. */
export const footnoteAttrs = z.object({ text: z.string().max(5000).default('') }).strict();

export const liveBlockAttrSchemas = {
  swotTable: swotTableAttrs,
  lemmaParagraphs: lemmaParagraphsAttrs,
  teamSwot: teamSwotAttrs,
  participants: participantsAttrs,
  counter: counterAttrs,
} as const;

export type SwotTableAttrs = z.output<typeof swotTableAttrs>;
export type LemmaParagraphsAttrs = z.output<typeof lemmaParagraphsAttrs>;
export type TeamSwotAttrs = z.output<typeof teamSwotAttrs>;
export type ParticipantsAttrs = z.output<typeof participantsAttrs>;
export type CounterAttrs = z.output<typeof counterAttrs>;
export type SourceQuoteAttrs = z.output<typeof sourceQuoteAttrs>;
export type FootnoteAttrs = z.output<typeof footnoteAttrs>;

/** A live block as the resolvers take it: its node name and its validated attributes. */
export type LiveBlock =
  | { readonly type: 'swotTable'; readonly attrs: SwotTableAttrs }
  | { readonly type: 'lemmaParagraphs'; readonly attrs: LemmaParagraphsAttrs }
  | { readonly type: 'teamSwot'; readonly attrs: TeamSwotAttrs }
  | { readonly type: 'participants'; readonly attrs: ParticipantsAttrs }
  | { readonly type: 'counter'; readonly attrs: CounterAttrs };

export const liveBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('swotTable'), attrs: swotTableAttrs }).strict(),
  z.object({ type: z.literal('lemmaParagraphs'), attrs: lemmaParagraphsAttrs }).strict(),
  z.object({ type: z.literal('teamSwot'), attrs: teamSwotAttrs }).strict(),
  z.object({ type: z.literal('participants'), attrs: participantsAttrs }).strict(),
  z.object({ type: z.literal('counter'), attrs: counterAttrs }).strict(),
]);

/** Validates a node's attrs as a live block; null when the node is not a live block or its attrs are wrong. */
export function parseLiveBlock(type: string, attrs: unknown): LiveBlock | null {
  const parsed = liveBlockSchema.safeParse({ type, attrs: attrs ?? {} });
  return parsed.success ? (parsed.data as LiveBlock) : null;
}

/** ProseMirror JSON (what `Node.toJSON()` gives and `editor.getJSON()` answers). */
export interface ReportJson {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly content?: readonly ReportJson[];
  readonly marks?: readonly { readonly type: string; readonly attrs?: Readonly<Record<string, unknown>> }[];
  readonly text?: string;
}

export const reportJsonSchema: z.ZodType<ReportJson> = z.lazy(() =>
  z
    .object({
      type: z.string().min(1).max(60),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(reportJsonSchema).max(100_000).optional(),
      marks: z
        .array(
          z.object({ type: z.string().min(1).max(60), attrs: z.record(z.string(), z.unknown()).optional() }).strict(),
        )
        .max(20)
        .optional(),
      text: z.string().max(1_000_000).optional(),
    })
    .strict(),
);

/**
 * A short stable fingerprint of a quoted source text (FNV-1a 32-bit of the trimmed text, hex):
 * enough to notice that a source changed, not a security hash. Hand-written because shared/ has
 * no node:crypto and WebCrypto is asynchronous.
 */
export function sourceFingerprint(text: string): string {
  const normalized = text.trim().replace(/\s+/g, ' ');
  let hash = 0x811c9dc5;
  for (let i = 0; i < normalized.length; i += 1) {
    hash ^= normalized.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The key of a block's values: its type and what it shows (attributes without the block id, in
 * a fixed order). Two blocks showing the same thing have the same values, so frozen values are
 * kept per key and found again whatever the block's id.
 */
export function blockKey(block: { readonly type: string; readonly attrs: Readonly<Record<string, unknown>> }): string {
  const shown = Object.keys(block.attrs)
    .filter((name) => name !== 'blockId' && name !== 'quotedAt')
    .sort()
    .map((name) => [name, block.attrs[name] ?? null]);
  return `${block.type}|${JSON.stringify(shown)}`;
}
