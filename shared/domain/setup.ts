import { z } from 'zod';
import { idSchema } from '../contract/define';
import type { Campaign } from './campaign';
import type { GuidingQuestion, Member, Organisation, Region, RespondentGroup, Sector, StakeholderCategory } from './model';
import { REGION_KINDS } from './model';

/**
 * Campaign set-up: the controlled lists (sectors, regions, respondent groups, stakeholder
 * categories, guiding questions), the organisations and the team. Nothing is ever hard-deleted:
 * an item is retired (a tombstone) and can be restored, so visits that use it keep their meaning.
 */
export const SETUP_LIST_KINDS = ['sectors', 'regions', 'respondent_groups', 'stakeholder_categories', 'guiding_questions'] as const;
export type SetupListKind = (typeof SETUP_LIST_KINDS)[number];
const listKind = z.enum(SETUP_LIST_KINDS);

export const itemNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'setup.errors.nameRequired' })
  .max(300, { message: 'setup.errors.nameTooLong' });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'setup.errors.textTooLong' })
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

export const setupGetInput = z.object({ campaignId: idSchema }).strict();

export const listItemAddInput = z
  .object({
    campaignId: idSchema,
    kind: listKind,
    name: itemNameSchema,
    /** Sector of a respondent group or guiding question. */
    sectorId: idSchema.optional(),
    /** Short code of a sector (e.g. IC). */
    code: z.string().trim().max(20, { message: 'setup.errors.codeTooLong' }).optional(),
    regionKind: z.enum(REGION_KINDS).optional(),
  })
  .strict();
export type ListItemAddInput = z.input<typeof listItemAddInput>;

export const listItemRenameInput = z.object({ kind: listKind, id: idSchema, name: itemNameSchema }).strict();
export const listItemMoveInput = z.object({ kind: listKind, id: idSchema, direction: z.enum(['up', 'down']) }).strict();
export const retireInput = z.object({ id: idSchema, retired: z.boolean() }).strict();
export const listItemRetireInput = z.object({ kind: listKind, id: idSchema, retired: z.boolean() }).strict();

export const organisationFields = {
  name: itemNameSchema,
  sectorId: idSchema,
  regionId: idSchema,
  address: optionalText(500),
  contact: optionalText(1000),
};
export const organisationAddInput = z.object({ campaignId: idSchema, ...organisationFields }).strict();
export const organisationUpdateInput = z.object({ id: idSchema, ...organisationFields }).strict();
export type OrganisationAddInput = z.input<typeof organisationAddInput>;

export const memberFields = {
  name: itemNameSchema,
  email: z
    .string()
    .trim()
    .max(320, { message: 'setup.errors.textTooLong' })
    .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), { message: 'setup.errors.emailFormat' })
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional(),
  isInspector: z.boolean(),
  isTeamLead: z.boolean(),
  coordinatorOf: z.array(idSchema).max(200),
  sectorLeadOf: z.array(idSchema).max(200),
};
export const memberAddInput = z.object({ campaignId: idSchema, ...memberFields }).strict();
export const memberUpdateInput = z.object({ id: idSchema, ...memberFields }).strict();
export type MemberAddInput = z.input<typeof memberAddInput>;

/** Everything the set-up screens show, retired items included (flag `deleted`). */
export interface CampaignSetup {
  readonly campaign: Campaign;
  readonly sectors: readonly Sector[];
  readonly regions: readonly Region[];
  readonly respondentGroups: readonly RespondentGroup[];
  readonly stakeholderCategories: readonly StakeholderCategory[];
  readonly guidingQuestions: readonly GuidingQuestion[];
  readonly organisations: readonly Organisation[];
  readonly members: readonly Member[];
  /** Number of visits (not deleted) per organisation id: an organisation in use is retired, never removed. */
  readonly visitsPerOrganisation: Readonly<Record<string, number>>;
}

/** How a region is shown where provinces and cities share a name (Antwerpen). */
export function regionLabelKey(region: Pick<Region, 'kind'>): 'setup.regions.province' | 'setup.regions.city' {
  return region.kind === 'city' ? 'setup.regions.city' : 'setup.regions.province';
}
