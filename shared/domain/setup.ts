import { z } from 'zod';
import { idSchema } from '../contract/define';
import type { Campaign } from './campaign';
import type {
  GuidingQuestion,
  Member,
  Organisation,
  Region,
  RespondentGroup,
  Sector,
  StakeholderCategory,
} from './model';
import { REGION_KINDS } from './model';
import { acceptedBy, maxChars } from '../sync/limits';

/**
 * Campaign set-up: the controlled lists (sectors, regions, respondent groups, stakeholder
 * categories, guiding questions), the organisations and the team. Nothing is ever hard-deleted:
 * an item is retired (a tombstone) and can be restored, so visits that use it keep their meaning.
 */
export const SETUP_LIST_KINDS = [
  'sectors',
  'regions',
  'respondent_groups',
  'stakeholder_categories',
  'guiding_questions',
] as const;
export type SetupListKind = (typeof SETUP_LIST_KINDS)[number];
const listKind = z.enum(SETUP_LIST_KINDS);

/** A name of at most max characters (the column's limit in the sync registry). */
export const itemNameSchema = (max: number) =>
  z.string().trim().min(1, { message: 'setup.errors.nameRequired' }).max(max, { message: 'setup.errors.nameTooLong' });

/** The column a list item's name is stored in: a guiding question's "name" is its text. */
const LIST_NAME_MAX: Readonly<Record<SetupListKind, number>> = {
  sectors: maxChars('sectors', 'name'),
  regions: maxChars('regions', 'name'),
  respondent_groups: maxChars('respondent_groups', 'name'),
  stakeholder_categories: maxChars('stakeholder_categories', 'name'),
  guiding_questions: maxChars('guiding_questions', 'text'),
};
const listItemName = itemNameSchema(Math.max(...Object.values(LIST_NAME_MAX)));

/** Refuses a name longer than its list's column takes. */
function nameFitsList(value: { kind: SetupListKind; name: string }, context: z.RefinementCtx): void {
  if (value.name.length > LIST_NAME_MAX[value.kind])
    context.addIssue({ code: 'custom', path: ['name'], message: 'setup.errors.nameTooLong' });
}

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
    name: listItemName,
    /** Sector of a respondent group or guiding question. */
    sectorId: idSchema.optional(),
    /** Short code of a sector (e.g. IC). */
    code: z.string().trim().max(maxChars('sectors', 'code'), { message: 'setup.errors.codeTooLong' }).optional(),
    regionKind: z.enum(REGION_KINDS).optional(),
  })
  .strict()
  .superRefine(nameFitsList);
export type ListItemAddInput = z.input<typeof listItemAddInput>;

export const listItemRenameInput = z
  .object({ kind: listKind, id: idSchema, name: listItemName })
  .strict()
  .superRefine(nameFitsList);
export const listItemMoveInput = z.object({ kind: listKind, id: idSchema, direction: z.enum(['up', 'down']) }).strict();
export const retireInput = z.object({ id: idSchema, retired: z.boolean() }).strict();
export const listItemRetireInput = z.object({ kind: listKind, id: idSchema, retired: z.boolean() }).strict();

export const organisationFields = {
  name: itemNameSchema(maxChars('organisations', 'name')),
  sectorId: idSchema,
  regionId: idSchema,
  address: optionalText(maxChars('organisations', 'address')),
  contact: optionalText(maxChars('organisations', 'contact')),
};
export const organisationAddInput = z.object({ campaignId: idSchema, ...organisationFields }).strict();
export const organisationUpdateInput = z.object({ id: idSchema, ...organisationFields }).strict();
export type OrganisationAddInput = z.input<typeof organisationAddInput>;

export const memberFields = {
  name: itemNameSchema(maxChars('members', 'name')),
  email: z
    .string()
    .trim()
    .max(maxChars('members', 'email'), { message: 'setup.errors.textTooLong' })
    .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), {
      message: 'setup.errors.emailFormat',
    })
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional(),
  isInspector: z.boolean(),
  isTeamLead: z.boolean(),
  coordinatorOf: z.array(idSchema).refine(acceptedBy('members', 'coordinator_of'), { message: 'setup.errors.tooMany' }),
  sectorLeadOf: z.array(idSchema).refine(acceptedBy('members', 'sector_lead_of'), { message: 'setup.errors.tooMany' }),
};
export const memberAddInput = z
  .object({
    campaignId: idSchema,
    ...memberFields,
    /** The user confirmed that a member with the same name and e-mail is another person. */
    allowDuplicate: z.boolean().optional(),
  })
  .strict();
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
  /** The sync account's roles in this campaign as the server last told this laptop; null without such an account. */
  readonly accountRoles: readonly string[] | null;
}

/** How a region is shown where provinces and cities share a name (Antwerpen). */
export function regionLabelKey(region: Pick<Region, 'kind'>): 'setup.regions.province' | 'setup.regions.city' {
  return region.kind === 'city' ? 'setup.regions.city' : 'setup.regions.province';
}
