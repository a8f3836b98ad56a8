import { z } from 'zod';
import { idSchema } from '../contract/define';

/** Full-text search over the notes and documents of one campaign. */
export const searchInput = z
  .object({
    campaignId: idSchema,
    query: z.string().max(200, { message: 'search.errors.tooLong' }),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export interface SearchHit {
  readonly kind: 'note' | 'document';
  readonly id: string;
  readonly visitId: string | null;
  readonly organisationName: string | null;
  readonly visitDate: string | null;
  /** Notes: the conversation (null for preparation notes). */
  readonly conversationId: string | null;
  readonly conversationLabel: string | null;
  /** Notes: the guiding question's text (null: free or preparation notes). */
  readonly questionLabel: string | null;
  readonly authorName: string | null;
  /** Documents: the title. */
  readonly title: string | null;
  /** The hit in its context; matched words wrapped in [[ ]]. */
  readonly snippet: string;
}

export interface SearchResult {
  readonly query: string;
  readonly hits: readonly SearchHit[];
  /** More hits exist than were returned. */
  readonly truncated: boolean;
}
