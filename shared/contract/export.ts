import { z } from 'zod';
import { ANONYMITY_HIT_KINDS, type ANONYMITY_ACTIONS } from '../sync/schema';
import { DEFAULT_K, type HitKind } from '../anonymise/check';
import type { PrintView } from '../export/html';
import { channel, idSchema } from './define';
import type { JobView } from './sync';

/*
 * Channels of export (issue 11): the anonymisation review of a report, the decisions about its
 * hits (the audit trail), and the export itself as a job (DOCX, Markdown, PDF) or, in browser
 * mode, the print view for the browser's own print.
 */

export const EXPORT_FORMATS = ['docx', 'pdf', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Live values (marked "concept") or the values frozen when the report was finalised. */
export const EXPORT_VALUES = ['live', 'frozen'] as const;
export type ExportValues = (typeof EXPORT_VALUES)[number];

const language = z.enum(['nl-BE', 'en']).default('nl-BE');

/**
 * k of the small-cell rule: a figure shown for fewer than k organisations is a hit. One schema for
 * every place it enters (the export dialog, the services, `veldwerk report export --k`).
 */
export const MIN_K = 1;
export const MAX_K = 100;
export const anonymityKSchema = z
  .number({ message: 'export.errors.kRange' })
  .int({ message: 'export.errors.kRange' })
  .min(MIN_K, { message: 'export.errors.kRange' })
  .max(MAX_K, { message: 'export.errors.kRange' });

const selection = {
  reportId: idSchema,
  k: anonymityKSchema.default(DEFAULT_K),
  values: z.enum(EXPORT_VALUES).default('live'),
  /** The sections to export, in report order; null: all of them. */
  sectionIds: z.array(idSchema).max(500).nullable().default(null),
  language,
};

export const exportSelectionInput = z.object(selection).strict();

export interface AnonymityDecisionView {
  readonly action: (typeof ANONYMITY_ACTIONS)[number];
  readonly replacement: string | null;
  readonly reason: string | null;
  readonly authorName: string | null;
  readonly decidedAt: string | null;
}

export interface AnonymityHitView {
  readonly key: string;
  readonly kind: HitKind;
  readonly text: string;
  readonly where: string;
  readonly before: string;
  readonly after: string;
  readonly suggestions: readonly string[];
  readonly decision: AnonymityDecisionView | null;
  /** Whether the text can be reworded in place (it is the report's own text, not a live block's). */
  readonly rewordable: boolean;
  readonly sectionId: string | null;
}

export interface AnonymityReview {
  readonly reportId: string;
  readonly k: number;
  /** Every hit, decided or not, in document order. */
  readonly hits: readonly AnonymityHitView[];
  /** Hits without a decision: export is refused while this is above 0. */
  readonly unresolved: number;
}

export interface ReportExportResult {
  readonly format: ExportFormat;
  readonly fileName: string;
  /** Where the file was saved (desktop app, CLI); null when it is handed to the browser. */
  readonly path: string | null;
  /** The file as base64 when it is handed to the browser as a download; null when saved. */
  readonly base64: string | null;
  readonly bytes: number;
  /** Set when a font of the document is not installed and another one was used. */
  readonly fontFallback: { readonly missing: string; readonly used: string } | null;
  /** The user closed the save dialog: nothing was written. */
  readonly cancelled: boolean;
}

export type ReportExportJob = JobView<ReportExportResult>;

const decisionShape = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('replace'),
      replacement: z.string().trim().min(1, { message: 'export.errors.replacementRequired' }).max(500),
    })
    .strict(),
  z
    .object({
      action: z.literal('allow'),
      reason: z.string().trim().min(3, { message: 'export.errors.reasonRequired' }).max(2000),
    })
    .strict(),
]);

export const exportChannels = {
  'export.review': channel<AnonymityReview>()(exportSelectionInput),
  'export.decide': channel<{ readonly id: string }>()(
    z
      .object({
        reportId: idSchema,
        key: z.string().min(3).max(700),
        kind: z.enum(ANONYMITY_HIT_KINDS),
        term: z.string().min(1).max(500),
        decision: decisionShape,
      })
      .strict(),
  ),
  'export.undecide': channel<{ readonly id: string }>()(
    z.object({ reportId: idSchema, key: z.string().min(3).max(700) }).strict(),
  ),
  /** Rewords a sentence of the report's own text in place (the section's document is edited). */
  'export.reword': channel<{ readonly sectionId: string }>()(
    z
      .object({
        reportId: idSchema,
        sectionId: idSchema,
        find: z.string().min(1).max(2000),
        replace: z.string().max(2000),
      })
      .strict(),
  ),
  /** Starts an export; refused (CONFLICT, naming the hits) while a hit is unresolved. */
  'export.start': channel<{ readonly jobId: string }>()(
    z
      .object({
        ...selection,
        format: z.enum(EXPORT_FORMATS),
        teamName: z.string().trim().min(1, { message: 'export.errors.teamRequired' }).max(200),
        /** 'download': hand the bytes to the renderer (browser mode); 'dialog': ask where to save (desktop app). */
        destination: z.enum(['download', 'dialog']).default('download'),
      })
      .strict(),
  ),
  'jobs.reportExport': channel<ReportExportJob>()(z.object({ jobId: idSchema }).strict()),
  /** The print view (HTML) of a report for the browser's own print; refused like export.start. */
  'export.printView': channel<PrintView>()(
    z.object({ ...selection, teamName: z.string().trim().min(1).max(200) }).strict(),
  ),
} as const;
