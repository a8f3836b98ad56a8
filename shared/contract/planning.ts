import {
  planningGetInput,
  visitCreateInput,
  visitRetireInput,
  visitUpdateInput,
  type Planning,
} from '../domain/planning';
import type { Undoable } from './undo';
import { channel } from './define';

/** Channels of the visit planning per region (issue 5). */
export const planningChannels = {
  'planning.get': channel<Planning>()(planningGetInput),
  'visits.create': channel<{ readonly id: string }>()(visitCreateInput),
  'visits.update': channel<{ readonly id: string }>()(visitUpdateInput),
  'visits.retire': channel<{ readonly id: string } & Undoable>()(visitRetireInput),
} as const;
