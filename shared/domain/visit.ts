import { z } from 'zod';
import { idSchema } from '../contract/define';
import { maxChars } from '../sync/limits';
import type {
  Conversation,
  GoodPractice,
  GuidingQuestion,
  Member,
  Note,
  Organisation,
  Region,
  RespondentGroup,
  Sector,
  StakeholderCategory,
  Visit,
  VisitDocument,
} from './model';

/**
 * A visit's preparation page and its conversations (the duo's visit day). Notes are per author:
 * each member of the duo types in their own notes and sees the other's beside them.
 */

/** Largest document accepted through the contract: 10 MiB of file (the bridge takes 16 MiB bodies) (base64 grows it by a third). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_NOTE_CHARS = 100_000;

export const visitGetInput = z.object({ visitId: idSchema }).strict();
/** One participant count of a conversation; the screen checks each field with it before saving. */
export const participantCountSchema = z
  .number()
  .int({ message: 'visit.errors.countWhole' })
  .min(0, { message: 'visit.errors.countNegative' })
  .max(10_000, { message: 'visit.errors.countTooLarge' });

export const conversationGetInput = z.object({ conversationId: idSchema }).strict();

export const conversationAddInput = z
  .object({
    visitId: idSchema,
    respondentGroupIds: z.array(idSchema).min(1, { message: 'visit.errors.groupsRequired' }).max(20),
  })
  .strict();

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localDateTime = z.string().regex(ISO_DATE_TIME, { message: 'visit.errors.timeFormat' }).nullable();

export const conversationUpdateInput = z
  .object({
    id: idSchema,
    startsAt: localDateTime.optional(),
    endsAt: localDateTime.optional(),
    participantCounts: z.record(idSchema, participantCountSchema).optional(),
  })
  .strict()
  .refine((value) => !value.startsAt || !value.endsAt || value.startsAt <= value.endsAt, {
    message: 'visit.errors.endBeforeStart',
    path: ['endsAt'],
  });

export const noteSaveInput = z
  .object({
    conversationId: idSchema,
    /** null: the free notes of the conversation. */
    guidingQuestionId: idSchema.nullable(),
    text: z.string().max(MAX_NOTE_CHARS, { message: 'visit.errors.noteTooLong' }),
  })
  .strict();

export const preparationSaveInput = z
  .object({ visitId: idSchema, text: z.string().max(MAX_NOTE_CHARS, { message: 'visit.errors.noteTooLong' }) })
  .strict();

export const documentAddInput = z
  .object({
    visitId: idSchema,
    title: z
      .string()
      .trim()
      .min(1, { message: 'visit.errors.titleRequired' })
      .max(maxChars('documents', 'title'), { message: 'visit.errors.titleTooLong' }),
    fileName: z.string().max(500),
    mimeType: z.string().max(100),
    /** The file's bytes, base64. */
    content: z.string().max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4, { message: 'visit.errors.fileTooLarge' }),
  })
  .strict();
export const documentRenameInput = z
  .object({
    id: idSchema,
    title: z
      .string()
      .trim()
      .min(1, { message: 'visit.errors.titleRequired' })
      .max(maxChars('documents', 'title'), { message: 'visit.errors.titleTooLong' }),
  })
  .strict();
export const documentOpenInput = z.object({ id: idSchema }).strict();
export const documentSearchInput = z.object({ visitId: idSchema, query: z.string().max(200) }).strict();

export const goodPracticeText = z
  .string()
  .trim()
  .min(1, { message: 'visit.errors.practiceRequired' })
  .max(maxChars('good_practices', 'text'), { message: 'visit.errors.practiceTooLong' });
export const goodPracticeAddInput = z.object({ visitId: idSchema, text: goodPracticeText }).strict();
export const goodPracticeUpdateInput = z.object({ id: idSchema, text: goodPracticeText }).strict();
export const retireByIdInput = z.object({ id: idSchema, retired: z.boolean() }).strict();

export interface VisitDocumentView {
  readonly document: VisitDocument;
  /** The file is stored in this profile (a document synced from another laptop may still be on its way). */
  readonly available: boolean;
  /** Characters of searchable text extracted from the file (0: none, e.g. a scanned PDF). */
  readonly textLength: number;
}

export interface ConversationSummary {
  readonly conversation: Conversation;
  readonly groupNames: readonly string[];
  /** Notes per author id that have text. */
  readonly noteCount: number;
}

export interface VisitDetail {
  readonly visit: Visit;
  readonly organisation: Organisation | null;
  readonly sector: Sector | null;
  readonly region: Region | null;
  readonly duo: readonly Member[];
  readonly conversations: readonly ConversationSummary[];
  readonly respondentGroups: readonly RespondentGroup[];
  readonly documents: readonly VisitDocumentView[];
  /** Retired documents: listed apart, can be restored. */
  readonly retiredDocuments: readonly VisitDocument[];
  readonly goodPractices: readonly GoodPractice[];
  readonly retiredPractices: readonly GoodPractice[];
  /** Preparation notes of every author. */
  readonly preparation: readonly Note[];
  /** The member this profile writes as in this campaign (null: not chosen yet). */
  readonly me: string | null;
  readonly members: readonly Member[];
}

export interface ConversationDetail {
  readonly conversation: Conversation;
  readonly visit: Visit;
  readonly organisation: Organisation | null;
  readonly sector: Sector | null;
  readonly groupNames: readonly string[];
  readonly questions: readonly GuidingQuestion[];
  readonly notes: readonly Note[];
  readonly stakeholderCategories: readonly StakeholderCategory[];
  readonly duo: readonly Member[];
  readonly members: readonly Member[];
  readonly me: string | null;
}

export interface DocumentFile {
  readonly title: string;
  readonly mimeType: string;
  readonly content: string;
}

export interface DocumentHit {
  readonly documentId: string;
  readonly snippet: string;
}
