import { z } from 'zod';
import type { TableName } from '../sync/schema';
import { channel, idSchema } from './define';

/**
 * Concurrent edits of one field by two laptops (duo file, LAN, server), as the conflicts panel
 * shows them. A `judgement` conflict (a SWOT item's quadrant or lemma, a lemma's name) waits for
 * the user's choice; an `automatic` one was resolved by last writer wins (an organisation's
 * address, a visit's status, …) and keeps the losing value visible with a one-click restore.
 * Every view names the record it is about, not only the field.
 */

/** How a value is to be shown: the renderer formats dates in the UI language and translates states. */
export type ConflictValueType =
  | 'text'
  | 'empty'
  | 'flag'
  | 'date'
  | 'dateTime'
  | 'visitStatus'
  | 'reportStatus'
  | 'quadrant'
  | 'regionKind'
  | 'reportKind';

export interface ConflictValueView {
  readonly type: ConflictValueType;
  /** The value as text: names for references, ISO for dates, the code for states ('' for empty). */
  readonly text: string;
}

export interface ConflictSideView {
  readonly value: ConflictValueView;
  /** The author as a member's name (null where this laptop cannot tell who it was). */
  readonly author: string | null;
  /** Whether this laptop made this version. */
  readonly mine: boolean;
}

export interface ConflictRecordView {
  readonly table: TableName;
  readonly rowId: string;
  /** What the record is called: an item's text, an organisation's or member's name, a document's title. */
  readonly name: string;
  /** The organisation and date of the visit the record belongs to (a visit: its own). */
  readonly organisation: string | null;
  readonly date: string | null;
  /** The visit to open for the record, when it belongs to one. */
  readonly visitId: string | null;
}

export interface ConflictView {
  /** The handle to resolve it (the losing version's id). */
  readonly id: string;
  readonly kind: 'judgement' | 'automatic';
  readonly record: ConflictRecordView;
  readonly column: string;
  /** The value the field holds now (the last writer's). */
  readonly kept: ConflictSideView;
  /** The concurrent value that lost. */
  readonly lost: ConflictSideView;
}

export const conflictsChannels = {
  'conflicts.list': channel<readonly ConflictView[]>()(z.object({ campaignId: idSchema }).strict()),
  /**
   * Resolves one conflict through the store (a change that saw both versions, so it syncs and
   * closes the conflict everywhere): `lost` restores the losing value, `kept` keeps the current one.
   */
  'conflicts.resolve': channel<{ readonly resolved: string }>()(
    z
      .object({
        campaignId: idSchema,
        conflictId: z.string().min(1).max(100),
        keep: z.enum(['kept', 'lost']),
      })
      .strict(),
  ),
} as const;
