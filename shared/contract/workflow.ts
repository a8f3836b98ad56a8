import { z } from 'zod';
import { channel, idSchema } from './define';

/**
 * The review workflow the central server owns: a visit is submitted by its duo and approved by
 * the region's coordinator (or the team lead); a report is made final. Edits that reach the
 * server for an approved visit are held for the coordinator, who accepts or rejects each.
 * These calls need the server: offline they answer with a clear refusal and change nothing.
 */
export interface HeldEditView {
  readonly changeId: string;
  readonly visitId: string;
  /** What the edit touches, e.g. "swot_items.text". */
  readonly field: string;
  /** The new value as text (shortened). */
  readonly value: string;
  readonly author: string;
  readonly pushedBy: string;
  readonly receivedAt: number;
  readonly reason: string;
  /** Which record the edit touches, as the coordinator knows it (null where this laptop lacks it). */
  readonly record: {
    readonly organisation: string | null;
    readonly visitDate: string | null;
    /** The conversation's respondent groups, e.g. "Personeel". */
    readonly conversation: string | null;
    /** The guiding question of a note ("1.2 Hoe …"). */
    readonly question: string | null;
  };
  /** The author as a member's name (null when this laptop does not know them). */
  readonly authorName: string | null;
  /** The field as approved (on this laptop) and as it would be with the edit. */
  readonly before: string;
  readonly after: string;
  /** Word diff of before → after. */
  readonly diff: readonly { readonly kind: 'same' | 'added' | 'removed'; readonly text: string }[];
}

/** Which record a held edit touches, as this laptop knows it (null where it lacks it). */
export type HeldRecordView = HeldEditView['record'];

/**
 * One of this user's own held edits, as their laptop shows it on the visit page: waiting for
 * the coordinator, or rejected (by whom, and the text they wrote, to copy). The field itself
 * shows the approved value again after the next sync.
 */
export interface OwnHeldEditView {
  readonly campaignId: string;
  readonly changeId: string;
  readonly visitId: string;
  /** What the edit touches, e.g. "notes.text" (for the field's label). */
  readonly field: string;
  readonly state: 'pending' | 'rejected';
  readonly record: HeldRecordView;
  /** Who decided: a member's name, else their e-mail address (null while pending). */
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  /** The field as its author wrote it (rejected edits). */
  readonly editedText: string | null;
}

export const workflowChannels = {
  'workflow.visit': channel<{ readonly status: string }>()(
    z.object({ visitId: idSchema, to: z.enum(['submitted', 'approved', 'done']) }).strict(),
  ),
  'workflow.report': channel<{ readonly status: string }>()(
    z.object({ reportId: idSchema, to: z.enum(['final', 'draft']) }).strict(),
  ),
  'workflow.held': channel<readonly HeldEditView[]>()(z.object({ campaignId: idSchema }).strict()),
  'workflow.ownHeld': channel<readonly OwnHeldEditView[]>()(z.object({ visitId: idSchema }).strict()),
  'workflow.dismissOwnHeld': channel<{ readonly dismissed: boolean }>()(
    z.object({ campaignId: idSchema, changeId: z.string().min(1).max(100) }).strict(),
  ),
  'workflow.decide': channel<{ readonly state: string }>()(
    z
      .object({ campaignId: idSchema, changeId: z.string().min(1).max(100), decision: z.enum(['accept', 'reject']) })
      .strict(),
  ),
} as const;
