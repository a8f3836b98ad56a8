import type { Profile } from '../../db/profile';
import type { undoChannels, UndoTable } from '../../shared/contract/undo';
import type { HandlersOf } from '../handler';
import { requireAuthor, signedBy } from '../identity';
import { applyUndo } from './inverse';

/** Records that must say whose they are: their writes, an undo's too, need the chosen "Ik ben". */
const AUTHORED: ReadonlySet<UndoTable> = new Set(['swot_items', 'lemmas']);

export function createUndoHandlers(profile: Profile): HandlersOf<typeof undoChannels> {
  return {
    'undo.apply': ({ steps }) =>
      applyUndo(profile.store, steps, (table, campaignId) =>
        AUTHORED.has(table) ? { author: requireAuthor(profile, campaignId) } : signedBy(profile, campaignId),
      ),
  };
}
