import { z } from 'zod';
import type { Language } from '../i18n';
import type { Quadrant } from '../swot/quadrants';
import { liveBlockSchema, sourceQuoteAttrs, type ReportJson } from '../report/model';
import { channel, idSchema } from './define';

/*
 * Channels of the reports workspace (issue 16): reports and their sections, a section's Yjs
 * state and local updates, live blocks resolved from the records (with the evidence behind each
 * number), comments, section owners and locks, versions and the report workflow.
 *
 * A section's editor loads `reports.section.state` before it is created, sends every local Yjs
 * update through `reports.section.update`, and on a pushed change event asks
 * `reports.section.state` again with its state vector and applies the answer with a remote
 * origin (so it is not sent back).
 */

export const REPORT_KIND_VALUES = ['region', 'sector', 'final'] as const;
export type ReportKind = (typeof REPORT_KIND_VALUES)[number];
export const REPORT_STATUS_VALUES = ['draft', 'submitted', 'approved', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUS_VALUES)[number];
export const REPORT_ACTIONS = ['submit', 'approve', 'sendBack', 'finalise'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

const base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'errors.fields.base64' });
const language = z.enum(['nl-BE', 'en']).default('nl-BE');

export interface ReportSummary {
  readonly id: string;
  readonly campaignId: string;
  readonly kind: ReportKind;
  /** The region (region report) or sector (sector report); null for the final report. */
  readonly scopeId: string | null;
  readonly scopeName: string | null;
  readonly title: string;
  readonly status: ReportStatus;
  readonly penHolderId: string | null;
  readonly penHolderName: string | null;
  readonly sectionCount: number;
  /** The newest change of the report or its sections: when (ISO) and by whom. */
  readonly lastEditAt: string | null;
  readonly lastEditBy: string | null;
  readonly lastEditByName: string | null;
}

export interface ReportSectionView {
  readonly id: string;
  readonly reportId: string;
  readonly title: string;
  readonly sortOrder: number;
  /** The template section it was made from (null: added by hand). */
  readonly templateKey: string | null;
  /** For a region report's visit section: the visit it is about. */
  readonly visitId: string | null;
  /** The owner; null means the report's pen holder. */
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly locked: boolean;
  /** Whether this profile's member may edit the section now (not locked by someone else, report not final). */
  readonly mayEdit: boolean;
  readonly wordCount: number;
  readonly lastEditAt: string | null;
  readonly lastEditByName: string | null;
}

export interface ReportDetail {
  readonly report: ReportSummary;
  readonly sections: readonly ReportSectionView[];
  /** Workflow actions this profile's member may take now (the server has the last word). */
  readonly actions: readonly ReportAction[];
  /** A final report shows the block values frozen when it was finalised. */
  readonly frozen: boolean;
  /** The comment of the last send-back, if any. */
  readonly sentBackComment: string | null;
}

export interface SectionState {
  readonly sectionId: string;
  readonly reportId: string;
  /** base64 Yjs update: the whole state, or what the caller's state vector lacks. */
  readonly update: string;
  /** base64 state vector of the stored state. */
  readonly stateVector: string;
  readonly locked: boolean;
  readonly mayEdit: boolean;
  /**
   * Node and mark names the report schema does not know (a newer app made them): the editor must
   * then show the section read-only, since binding it would delete them. Empty normally.
   */
  readonly unknownContent: readonly string[];
}

/** Ids behind a number: the evidence panel asks `reports.evidence` for their details. */
export interface EvidenceRefs {
  readonly items: readonly string[];
  readonly conversations: readonly string[];
  readonly visits: readonly string[];
}

export interface ResolvedSwotRow {
  readonly rank: number;
  readonly lemma: string;
  readonly lemmaId: string | null;
  /** k: conversations with the lemma; the scope's N is the block's conversationCount. */
  readonly k: number;
  readonly score: number;
  readonly display: string;
  readonly evidence: EvidenceRefs;
}

export type ResolvedBlockValue =
  | {
      readonly type: 'swotTable';
      readonly sectorName: string;
      readonly groupName: string;
      readonly conversationCount: number;
      readonly quadrants: readonly { readonly quadrant: Quadrant; readonly rows: readonly ResolvedSwotRow[] }[];
      readonly evidence: EvidenceRefs;
    }
  | {
      readonly type: 'lemmaParagraphs';
      readonly sectorName: string;
      readonly groupName: string;
      readonly conversationCount: number;
      readonly paragraphs: readonly (ResolvedSwotRow & { readonly quadrant: Quadrant; readonly narrative: string })[];
    }
  | {
      readonly type: 'teamSwot';
      readonly sectorName: string;
      readonly quadrants: readonly {
        readonly quadrant: Quadrant;
        readonly lemmas: readonly { readonly id: string; readonly name: string; readonly narrative: string }[];
      }[];
    }
  | {
      readonly type: 'participants';
      readonly scopeName: string;
      readonly conversationCount: number;
      readonly rows: readonly {
        readonly categoryId: string;
        readonly category: string;
        readonly participants: number;
        readonly conversations: number;
        readonly evidence: EvidenceRefs;
      }[];
      readonly total: number;
      readonly evidence: EvidenceRefs;
    }
  | {
      readonly type: 'counter';
      readonly k: number;
      readonly n: number;
      /** As the block's form reads in the language asked: "4", "vier", "vier van de acht". */
      readonly text: string;
      readonly evidence: EvidenceRefs;
    }
  | {
      readonly type: 'sourceQuote';
      /** False when the source was deleted or is unknown here. */
      readonly exists: boolean;
      /** True when the source's text changed after it was quoted. */
      readonly changed: boolean;
      readonly currentText: string | null;
      readonly sourceLabel: string;
      readonly evidence: EvidenceRefs;
    };

export type ResolvedBlock =
  | { readonly ok: true; readonly blockId: string | null; readonly frozen: boolean; readonly value: ResolvedBlockValue }
  | {
      readonly ok: false;
      readonly blockId: string | null;
      readonly code: 'NOT_FOUND' | 'INVALID';
      readonly message: string;
    };

export const resolvableBlockSchema = z.union([
  liveBlockSchema,
  z.object({ type: z.literal('sourceQuote'), attrs: sourceQuoteAttrs }).strict(),
]);
export type ResolvableBlock = z.output<typeof resolvableBlockSchema>;

export interface EvidenceView {
  readonly items: readonly {
    readonly id: string;
    readonly quadrant: Quadrant;
    readonly text: string;
    readonly lemma: string | null;
    readonly conversationId: string;
    readonly visitId: string;
  }[];
  readonly conversations: readonly {
    readonly id: string;
    readonly visitId: string;
    readonly label: string;
    readonly groups: readonly string[];
  }[];
  readonly visits: readonly {
    readonly id: string;
    readonly organisation: string;
    readonly date: string | null;
    readonly status: string;
  }[];
}

export interface CommentAnchor {
  /** base64 Y.RelativePosition (Y.encodeRelativePosition) of the selection's start and end in the section's fragment. */
  readonly start: string;
  readonly end: string;
}

export interface CommentView {
  readonly id: string;
  readonly reportId: string;
  readonly sectionId: string;
  readonly parentId: string | null;
  readonly authorId: string;
  readonly authorName: string;
  readonly text: string;
  readonly anchor: CommentAnchor | null;
  /** The selected text when the comment was made. */
  readonly quote: string;
  readonly resolved: boolean;
  readonly createdAt: string | null;
  readonly replies: readonly CommentView[];
}

export const VERSION_REASONS = ['submitted', 'approved', 'final', 'manual'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

export interface VersionSummary {
  readonly id: string;
  readonly reportId: string;
  readonly name: string;
  readonly reason: VersionReason;
  readonly createdAt: string | null;
  readonly authorName: string | null;
}

export interface VersionDetail {
  readonly version: VersionSummary;
  readonly sections: readonly {
    readonly sectionId: string;
    readonly title: string;
    readonly sortOrder: number;
    readonly content: ReportJson;
    readonly text: string;
  }[];
}

/** One section of a comparison: the text as runs kept, inserted or deleted (word by word). */
export interface SectionComparison {
  readonly sectionId: string;
  readonly title: string;
  readonly state: 'same' | 'changed' | 'added' | 'removed';
  readonly parts: readonly { readonly text: string; readonly kind: 'same' | 'inserted' | 'deleted' }[];
}

/** What a region coordinator can pull into a region report, per visit of the region. */
export interface RegionSources {
  readonly regionName: string;
  readonly visits: readonly {
    readonly id: string;
    readonly organisation: string;
    readonly date: string | null;
    readonly status: string;
    readonly duo: readonly string[];
    readonly goodPractices: readonly { readonly id: string; readonly text: string; readonly fingerprint: string }[];
    readonly notes: readonly {
      readonly id: string;
      readonly question: string | null;
      readonly author: string;
      readonly text: string;
      readonly fingerprint: string;
    }[];
    readonly items: readonly {
      readonly id: string;
      readonly quadrant: Quadrant;
      readonly text: string;
      readonly fingerprint: string;
    }[];
  }[];
}

export interface TemplateSectionSpec {
  readonly key: string;
  readonly title: string;
  /** 'visit': one section per visit of the region (region report). */
  readonly repeat: 'once' | 'visit';
  /** Initial content (ProseMirror JSON) with `{sector}`-style placeholders already resolved per report. */
  readonly content: ReportJson | null;
}

export const templateSectionSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{1,60}$/),
    title: z.string().min(1).max(500),
    repeat: z.enum(['once', 'visit']).default('once'),
    content: z.unknown().nullable().default(null),
  })
  .strict();

const reportRef = z.object({ reportId: idSchema }).strict();
const sectionRef = z.object({ sectionId: idSchema }).strict();

export const reportChannels = {
  'reports.list': channel<readonly ReportSummary[]>()(z.object({ campaignId: idSchema }).strict()),
  /** Creates the reports and sections the templates call for that do not exist yet (idempotent, deterministic ids). */
  'reports.createMissing': channel<{ readonly created: number; readonly sectionsCreated: number }>()(
    z.object({ campaignId: idSchema }).strict(),
  ),
  'reports.get': channel<ReportDetail>()(reportRef),
  'reports.setPenHolder': channel<{ readonly id: string }>()(
    z.object({ reportId: idSchema, memberId: idSchema.nullable() }).strict(),
  ),
  'reports.section.add': channel<{ readonly id: string }>()(
    z
      .object({
        reportId: idSchema,
        title: z.string().trim().min(1).max(500),
        afterSectionId: idSchema.nullable().default(null),
      })
      .strict(),
  ),
  'reports.section.rename': channel<{ readonly id: string }>()(
    z.object({ sectionId: idSchema, title: z.string().trim().min(1).max(500) }).strict(),
  ),
  'reports.section.state': channel<SectionState>()(
    z.object({ sectionId: idSchema, stateVector: base64.nullable().default(null) }).strict(),
  ),
  /** Applies a local Yjs update of the editor; refused (nothing stored) when the section is locked by another or the report is final. */
  'reports.section.update': channel<{ readonly savedAt: string; readonly stateVector: string }>()(
    z.object({ sectionId: idSchema, update: base64.min(4) }).strict(),
  ),
  'reports.section.json': channel<{ readonly content: ReportJson; readonly text: string }>()(sectionRef),
  'reports.section.setOwner': channel<{ readonly id: string }>()(
    z.object({ sectionId: idSchema, ownerId: idSchema.nullable() }).strict(),
  ),
  'reports.section.lock': channel<{ readonly id: string; readonly locked: boolean }>()(
    z.object({ sectionId: idSchema, locked: z.boolean() }).strict(),
  ),
  'reports.blocks.resolve': channel<readonly ResolvedBlock[]>()(
    z
      .object({
        campaignId: idSchema,
        reportId: idSchema.nullable().default(null),
        blocks: z.array(resolvableBlockSchema).max(500),
        language,
      })
      .strict(),
  ),
  'reports.evidence': channel<EvidenceView>()(
    z
      .object({
        campaignId: idSchema,
        items: z.array(idSchema).max(2000).default([]),
        conversations: z.array(idSchema).max(2000).default([]),
        visits: z.array(idSchema).max(2000).default([]),
      })
      .strict(),
  ),
  'reports.regionSources': channel<RegionSources>()(reportRef),
  'reports.comments.list': channel<readonly CommentView[]>()(reportRef),
  'reports.comments.add': channel<{ readonly id: string }>()(
    z
      .object({
        sectionId: idSchema,
        text: z.string().trim().min(1).max(20_000),
        parentId: idSchema.nullable().default(null),
        anchor: z
          .object({ start: base64.max(2000), end: base64.max(2000) })
          .strict()
          .nullable()
          .default(null),
        quote: z.string().max(2000).default(''),
      })
      .strict(),
  ),
  'reports.comments.setResolved': channel<{ readonly id: string }>()(
    z.object({ commentId: idSchema, resolved: z.boolean() }).strict(),
  ),
  'reports.versions.list': channel<readonly VersionSummary[]>()(reportRef),
  'reports.versions.create': channel<{ readonly id: string }>()(
    z.object({ reportId: idSchema, name: z.string().trim().min(1).max(200) }).strict(),
  ),
  'reports.versions.get': channel<VersionDetail>()(z.object({ versionId: idSchema }).strict()),
  /** Compares two versions (or a version with the current text: `to` null) section by section. */
  'reports.versions.compare': channel<readonly SectionComparison[]>()(
    z.object({ from: idSchema, to: idSchema.nullable().default(null) }).strict(),
  ),
  /** Submit, approve, send back (with a comment) or finalise, through the server (offline: refused, nothing changes). */
  'reports.workflow': channel<{ readonly status: ReportStatus }>()(
    z
      .object({ reportId: idSchema, action: z.enum(REPORT_ACTIONS), comment: z.string().trim().max(5000).default('') })
      .strict(),
  ),
  'reports.templates.get': channel<Readonly<Record<ReportKind, readonly TemplateSectionSpec[]>>>()(
    z.object({ campaignId: idSchema }).strict(),
  ),
  'reports.templates.save': channel<{ readonly id: string }>()(
    z
      .object({
        campaignId: idSchema,
        kind: z.enum(REPORT_KIND_VALUES),
        sections: z.array(templateSectionSchema).min(1).max(100),
      })
      .strict(),
  ),
} as const;

export type { Language };
