import { z } from 'zod';
import { ROW_ID_PATTERN } from '../sync/change';

/**
 * Building blocks of the contract. Each feature declares its own channel map with `channel`
 * (in its own file under shared/contract/), and channels.ts joins the maps into one contract.
 */
export interface ChannelSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom field: carries the output type, never read at run time. */
  readonly output?: O;
}

/** Declares a channel: `channel<Output>()(inputSchema)`. */
export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input });
}

/** The input of a channel that takes no arguments. */
export const empty = z.object({}).strict();

/** Ids of records: the same pattern as row ids in the change log. */
export const idSchema = z.string().regex(ROW_ID_PATTERN, { message: 'errors.fields.id' });
