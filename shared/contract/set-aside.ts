import { z } from 'zod';
import type { ConflictRecordView, ConflictValueView } from './conflicts';
import { channel, empty, idSchema } from './define';

/**
 * Changes this laptop met but could not apply (a text that is no Yjs update, a row of another
 * campaign, a change signed by someone the campaign does not know), set aside with a reason code
 * instead of stopping the sync (db/store/set-aside.ts). The Conflicten page lists them per
 * campaign in the user's words, and the user tries one again once its cause is fixed, or
 * discards it (recorded on this laptop).
 */

/** `push`: made on this laptop and refused for good by the server (it stays here, never sent again). */
export type SetAsideSource = 'server' | 'bundle' | 'peer' | 'push';

export interface SetAsideView {
  /** The change's id: the handle to retry or discard it. */
  readonly id: string;
  /** Why it was set aside (shared/sync/reasons.ts), shown in the user's language. */
  readonly code: string;
  /** How it reached this laptop: the sync server, a duo file, the duo partner over the network; or `push`. */
  readonly source: SetAsideSource;
  /** The table and field it changes (the UI names them: conflicts.record.*, conflicts.column.*). */
  readonly table: string;
  readonly column: string;
  /** The record it touches as this laptop knows it in this campaign; null when the campaign has no such record here. */
  readonly record: ConflictRecordView | null;
  /** The value it would set, as the user reads it; null for shared texts and values that cannot be shown. */
  readonly value: ConflictValueView | null;
  /** Whether it edits a shared text (a note, a narrative, a report section): its value is an edit, not a value. */
  readonly sharedText: boolean;
  /** Who made it: a member's name (or the address it is signed with); null when this laptop cannot tell. */
  readonly author: string | null;
  /** When it was made (from its stamp, ISO), null when the stamp is unreadable. */
  readonly madeAt: string | null;
}

const handle = z
  .object({
    campaignId: idSchema,
    changeId: z.string().min(1).max(100),
  })
  .strict();

export const setAsideChannels = {
  /** Per campaign of this profile with set-aside changes: how many (for the sync dialog). */
  'setAside.counts': channel<readonly { readonly campaignId: string; readonly count: number }[]>()(empty),
  'setAside.list': channel<readonly SetAsideView[]>()(z.object({ campaignId: idSchema }).strict()),
  /** Tries one again through the apply path it met: `applied`, or still `refused` with today's reason. */
  'setAside.retry': channel<{ readonly state: 'applied' | 'refused'; readonly code: string | null }>()(handle),
  /**
   * Takes back on this laptop one of its own changes the server refused for good (source `push`):
   * the field gets back the last value that stands (`restored`), a row only refused changes made
   * goes (`removed`), or nothing needed doing (`unchanged`: the server had put it back); the card
   * is then recorded as discarded. The undo is a change of this laptop, synced like any edit.
   */
  'setAside.undo': channel<{ readonly outcome: 'restored' | 'removed' | 'unchanged' }>()(handle),
  /** Discards one for good; the discard is recorded on this laptop with who did it. */
  'setAside.discard': channel<{ readonly discarded: string }>()(handle),
} as const;
