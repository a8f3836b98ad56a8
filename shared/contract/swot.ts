import { z } from 'zod';
import { maxChars } from '../sync/limits';
import { quadrantSchema, type Quadrant } from '../swot/quadrants';
import { channel, idSchema } from './define';
import type { ConflictRecordView } from './conflicts';
import type { Undoable } from './undo';

/**
 * Channels of the SWOT work (issue 6): capture per conversation, the clustering board per sector
 * and respondent group, suggestions, conflicts, agreement and the team's own SWOT.
 * Scores and counts in the answers are computed by the services when read, never stored.
 */

export const swotItemTextSchema = z
  .string()
  .trim()
  .min(1, { message: 'swot.errors.swotTextRequired' })
  .max(maxChars('swot_items', 'text'), { message: 'swot.errors.swotTextTooLong' });
export const lemmaNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'swot.errors.lemmaNameRequired' })
  .max(maxChars('lemmas', 'name'), { message: 'swot.errors.lemmaNameTooLong' });

const scopeShape = { campaignId: idSchema, sectorId: idSchema, groupId: idSchema };
export const swotScopeInput = z.object(scopeShape).strict();
export type SwotScopeRef = z.infer<typeof swotScopeInput>;

export interface SwotScopeSummary {
  readonly sectorId: string;
  readonly sectorName: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly conversationCount: number;
  readonly itemCount: number;
  readonly lemmaCount: number;
}

export interface SwotItemView {
  readonly id: string;
  readonly conversationId: string;
  readonly quadrant: Quadrant;
  readonly text: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly lemmaId: string | null;
}

export interface SwotLemmaView {
  readonly id: string;
  readonly quadrant: Quadrant;
  readonly name: string;
  readonly narrative: string;
}

export interface SwotConversationView {
  readonly id: string;
  /** e.g. "CAW Gent · 12 maart 2026": the team's internal board names the conversation. */
  readonly label: string;
  readonly visitId: string;
  readonly date: string | null;
}

export interface ScoredRow {
  readonly rank: number;
  /** The lemma record, or null for a retained unclustered candidate (same text in ≥ 2 conversations). */
  readonly lemmaId: string | null;
  readonly name: string;
  readonly conversations: number;
  readonly score: number;
  readonly display: string;
  readonly itemIds: readonly string[];
}

export interface MatrixRow {
  readonly quadrant: Quadrant;
  readonly lemmaId: string | null;
  readonly name: string;
  readonly display: string;
  /** Items per conversation, in the order of SwotBoard.conversations. */
  readonly cells: readonly number[];
}

export interface SwotConflictView {
  readonly id: string;
  readonly itemId: string | null;
  readonly lemmaId: string | null;
  readonly column: 'quadrant' | 'lemma_id' | 'name';
  /** The record the conflict is about, named as on the Conflicten page (an item's text and its visit). */
  readonly record: ConflictRecordView;
  /** What this laptop shows now, and what the other side wrote, in readable form. */
  readonly mine: string;
  readonly theirs: string;
  readonly theirsAuthor: string;
}

export interface SwotBoard {
  readonly scope: SwotScopeRef & { readonly sectorName: string; readonly groupName: string };
  readonly conversations: readonly SwotConversationView[];
  readonly items: readonly SwotItemView[];
  readonly lemmas: readonly SwotLemmaView[];
  readonly scored: Readonly<Record<Quadrant, readonly ScoredRow[]>>;
  readonly notRetainedItemIds: readonly string[];
  readonly matrix: { readonly rows: readonly MatrixRow[]; readonly maxCell: number };
  readonly conflicts: readonly SwotConflictView[];
  readonly members: readonly { readonly id: string; readonly name: string }[];
}

export interface SwotCapture {
  readonly conversationId: string;
  readonly label: string;
  readonly items: readonly SwotItemView[];
  readonly currentAuthorId: string;
}

export interface GroupSuggestion {
  readonly key: string;
  readonly quadrant: Quadrant;
  readonly name: string;
  readonly itemIds: readonly string[];
  readonly confidence: number;
  /** The shared words or themes that make the members alike, as written, strongest first. */
  readonly terms: readonly string[];
}

export interface LemmaSuggestion {
  readonly itemId: string;
  readonly lemmaId: string;
  readonly lemmaName: string;
  readonly confidence: number;
  /** The words or themes the item shares with the lemma, as written, strongest first. */
  readonly terms: readonly string[];
}

export interface SwotSuggestions {
  readonly groups: readonly GroupSuggestion[];
  readonly lemmas: readonly LemmaSuggestion[];
}

export interface SwotAgreement {
  readonly memberA: string;
  readonly memberB: string;
  readonly items: number;
  readonly observed: number;
  readonly expected: number;
  readonly kappa: number | null;
}

export interface TeamSwotView {
  readonly campaignId: string;
  readonly sectorId: string;
  readonly sectorName: string;
  readonly groupId: string;
  /** Alphabetical (Dutch collation) per quadrant: the order carries no weight. */
  readonly lemmas: Readonly<Record<Quadrant, readonly SwotLemmaView[]>>;
  /** Per quadrant: how many lemmas are missing (positive) or too many (negative) for exactly five. */
  readonly missing: Readonly<Record<Quadrant, number>>;
}

export const swotChannels = {
  'swot.scopes': channel<readonly SwotScopeSummary[]>()(z.object({ campaignId: idSchema }).strict()),
  'swot.board': channel<SwotBoard>()(swotScopeInput),
  'swot.capture': channel<SwotCapture>()(z.object({ conversationId: idSchema }).strict()),
  'swot.items.add': channel<SwotItemView>()(
    z.object({ conversationId: idSchema, quadrant: quadrantSchema, text: swotItemTextSchema }).strict(),
  ),
  'swot.items.update': channel<SwotItemView & Undoable>()(
    z.object({ itemId: idSchema, text: swotItemTextSchema.optional(), quadrant: quadrantSchema.optional() }).strict(),
  ),
  'swot.items.remove': channel<{ readonly removed: string } & Undoable>()(z.object({ itemId: idSchema }).strict()),
  'swot.items.assign': channel<{ readonly assigned: number } & Undoable>()(
    z.object({ itemIds: z.array(idSchema).min(1).max(5000), lemmaId: idSchema.nullable() }).strict(),
  ),
  'swot.lemmas.create': channel<SwotLemmaView & Undoable>()(
    z
      .object({ ...scopeShape, quadrant: quadrantSchema, name: lemmaNameSchema, itemIds: z.array(idSchema).max(5000) })
      .strict(),
  ),
  'swot.lemmas.rename': channel<SwotLemmaView & Undoable>()(
    z.object({ lemmaId: idSchema, name: lemmaNameSchema }).strict(),
  ),
  'swot.lemmas.narrative': channel<SwotLemmaView>()(
    z.object({ lemmaId: idSchema, text: z.string().max(20_000) }).strict(),
  ),
  'swot.lemmas.merge': channel<SwotLemmaView & Undoable>()(
    z.object({ sourceId: idSchema, targetId: idSchema }).strict(),
  ),
  'swot.lemmas.split': channel<SwotLemmaView & Undoable>()(
    z.object({ lemmaId: idSchema, itemIds: z.array(idSchema).min(1).max(5000), name: lemmaNameSchema }).strict(),
  ),
  'swot.lemmas.move': channel<SwotLemmaView & Undoable>()(
    z.object({ lemmaId: idSchema, quadrant: quadrantSchema }).strict(),
  ),
  'swot.lemmas.remove': channel<{ readonly removed: string } & Undoable>()(z.object({ lemmaId: idSchema }).strict()),
  'swot.suggestions': channel<SwotSuggestions>()(swotScopeInput),
  /** Turns a suggestion down for good (a synced record): a group (its items, lemmaId null) or one item → lemma hint. */
  'swot.suggestions.reject': channel<{ readonly rejected: string }>()(
    z.object({ ...scopeShape, itemIds: z.array(idSchema).min(1).max(200), lemmaId: idSchema.nullable() }).strict(),
  ),
  'swot.conflicts.resolve': channel<{ readonly resolved: string }>()(
    z.object({ conflictId: idSchema, choice: z.enum(['mine', 'theirs']) }).strict(),
  ),
  'swot.agreement': channel<SwotAgreement>()(
    z.object({ ...scopeShape, memberA: idSchema, memberB: idSchema }).strict(),
  ),
  'swot.team': channel<TeamSwotView>()(z.object({ campaignId: idSchema, sectorId: idSchema }).strict()),
} as const;
