import { z } from 'zod';
import { maxChars } from '../sync/limits';

/**
 * A campaign is one working year ("werkjaar") of the team, e.g. 2014-2015.
 * The working year is written as two consecutive years joined by a hyphen.
 * Validation messages are i18n keys: the UI shows them in the user's language,
 * the services resolve them to English for logs and the CLI.
 */
export const WORKING_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

export const workingYearSchema = z
  .string()
  .trim()
  .regex(WORKING_YEAR_PATTERN, { message: 'errors.fields.workingYearFormat' })
  .refine(
    (value) => {
      const match = WORKING_YEAR_PATTERN.exec(value);
      return match !== null && Number(match[2]) === Number(match[1]) + 1;
    },
    { message: 'errors.fields.workingYearFormat' },
  );

export const campaignNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'errors.fields.nameRequired' })
  .max(maxChars('campaigns', 'name'), { message: 'errors.fields.nameTooLong' });

export const campaignCreateInput = z
  .object({
    name: campaignNameSchema,
    workingYear: workingYearSchema,
  })
  .strict();

export type CampaignCreateInput = z.input<typeof campaignCreateInput>;

export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly workingYear: string;
  readonly createdAt: string;
}

/** The working year that is current on the given date: a working year starts on 1 September. */
export function currentWorkingYear(date: Date): string {
  const year = date.getFullYear();
  const start = date.getMonth() >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}
