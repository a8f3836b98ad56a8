import { z } from 'zod';
import { quadrantSchema } from '../swot/quadrants';
import { channel, idSchema } from './define';
import { lemmaNameSchema, swotItemTextSchema } from './swot';

/**
 * Undo of destructive and structural edits, one mechanism for every screen: an undoable edit
 * answers `undo`, the writes that take it back (the fields of each record it touched as they
 * were, and its tombstone). `undo.apply` writes them through the store like any edit, so an undo
 * survives a reload and syncs; it answers the inverse of the undo (redo) the same way.
 */

/** Records whose retire (a tombstone) can be taken back; an undo writes only their tombstone. */
export const RETIRABLE_TABLES = [
  'sectors',
  'regions',
  'respondent_groups',
  'stakeholder_categories',
  'guiding_questions',
  'organisations',
  'members',
  'visits',
  'documents',
  'good_practices',
] as const;
export type RetirableTable = (typeof RETIRABLE_TABLES)[number];

export const undoStepSchema = z.discriminatedUnion('table', [
  z
    .object({
      table: z.literal('swot_items'),
      rowId: idSchema,
      values: z
        .object({
          quadrant: quadrantSchema.optional(),
          lemma_id: idSchema.nullable().optional(),
          text: swotItemTextSchema.optional(),
        })
        .strict(),
      deleted: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      table: z.literal('lemmas'),
      rowId: idSchema,
      values: z
        .object({
          quadrant: quadrantSchema.optional(),
          name: lemmaNameSchema.optional(),
          narrative: z.string().max(20_000).optional(),
        })
        .strict(),
      deleted: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      table: z.enum(RETIRABLE_TABLES),
      rowId: idSchema,
      values: z.object({}).strict(),
      deleted: z.boolean().optional(),
    })
    .strict(),
]);
export type UndoStep = z.infer<typeof undoStepSchema>;
export type UndoTable = UndoStep['table'];

/** The fields an undo may write back, per table (the one list the services' inverse rule reads). */
export const UNDOABLE_FIELDS: { readonly [T in UndoTable]: readonly string[] } = {
  swot_items: ['quadrant', 'lemma_id', 'text'],
  lemmas: ['quadrant', 'name', 'narrative'],
  ...(Object.fromEntries(RETIRABLE_TABLES.map((table) => [table, []])) as unknown as Record<
    RetirableTable,
    readonly string[]
  >),
};

/** What an undoable edit answers besides its result: the writes that take it back. */
export interface Undoable {
  readonly undo: readonly UndoStep[];
}

export const undoChannels = {
  'undo.apply': channel<{ readonly applied: number } & Undoable>()(
    z.object({ steps: z.array(undoStepSchema).min(1).max(20_000) }).strict(),
  ),
} as const;
