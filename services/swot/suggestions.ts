import type { Profile } from '../../db/profile';
import { suggestionRejectionId } from '../../db/store/ids';
import type { SwotSuggestions, swotChannels } from '../../shared/contract/swot';
import type { Quadrant } from '../../shared/swot/quadrants';
import { suggestForScope, type ScopeRejections } from '../../shared/swot/suggest-scope';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { requireAuthor } from '../identity';
import { readScope } from './scope';

/*
 * The board's suggestions (shared/swot/suggest-scope.ts) and their rejections. A rejection is a
 * synced record (suggestion_rejections) written through the store like any edit, so a rejected
 * suggestion stays away after a reload and on the partner's laptop once the change arrives.
 */

type SuggestionHandlers = HandlersOf<Pick<typeof swotChannels, 'swot.suggestions' | 'swot.suggestions.reject'>>;

/** Suggestions are capped so that a huge unclustered pool still answers quickly. */
const MAX_LEMMA_HINTS = 50;

/** The rejections recorded for one scope. */
export function scopeRejections(
  profile: Profile,
  campaignId: string,
  sectorId: string,
  groupId: string,
): ScopeRejections {
  const rows = profile.store.list('suggestion_rejections', {
    campaign_id: campaignId,
    sector_id: sectorId,
    respondent_group_id: groupId,
  });
  const groups: string[][] = [];
  const hints: { itemId: string; lemmaId: string }[] = [];
  for (const row of rows) {
    const itemIds = row.item_ids ?? [];
    if (row.lemma_id) {
      if (itemIds[0]) hints.push({ itemId: itemIds[0], lemmaId: row.lemma_id });
    } else if (itemIds.length > 0) groups.push(itemIds);
  }
  return { groups, hints };
}

export function createSuggestionHandlers(profile: Profile, now: () => Date = () => new Date()): SuggestionHandlers {
  const store = profile.store;
  return {
    'swot.suggestions': ({ campaignId, sectorId, groupId }): SwotSuggestions => {
      const records = readScope(store, campaignId, sectorId, groupId);
      const result = suggestForScope(
        {
          items: records.items.map((item) => ({
            id: item.id,
            text: item.text ?? '',
            quadrant: item.quadrant as Quadrant,
            lemmaId: item.lemma_id ?? null,
          })),
          lemmas: records.lemmas.map((lemma) => ({
            id: lemma.id,
            name: lemma.name ?? '',
            quadrant: lemma.quadrant as Quadrant,
          })),
          rejected: scopeRejections(profile, campaignId, sectorId, groupId),
        },
        { hintsPerItem: 1 },
      );
      const groups = result.groups.map((group) => ({
        key: `group:${[...group.itemIds].sort().join(',')}`,
        quadrant: group.quadrant,
        name: group.name,
        itemIds: group.itemIds,
        confidence: group.confidence,
        terms: group.terms,
      }));
      const lemmas = result.hints.flatMap((hint) => {
        const [best] = hint.lemmas;
        return best
          ? [
              {
                itemId: hint.itemId,
                lemmaId: best.lemmaId,
                lemmaName: best.name,
                confidence: best.score,
                terms: best.terms,
              },
            ]
          : [];
      });
      lemmas.sort((a, b) => b.confidence - a.confidence);
      return { groups, lemmas: lemmas.slice(0, MAX_LEMMA_HINTS) };
    },

    'swot.suggestions.reject': ({ campaignId, sectorId, groupId, itemIds, lemmaId }) => {
      const records = readScope(store, campaignId, sectorId, groupId);
      const inScope = new Set(records.items.map((item) => item.id));
      const outside = itemIds.find((id) => !inScope.has(id));
      if (outside) throw new ServiceError('NOT_FOUND', `No SWOT item ${outside} in this scope`);
      if (lemmaId !== null) {
        if (itemIds.length !== 1)
          throw new ServiceError('INVALID_INPUT', 'A rejected lemma hint names exactly one item.');
        if (!records.lemmas.some((lemma) => lemma.id === lemmaId))
          throw new ServiceError('NOT_FOUND', `No lemma ${lemmaId} in this scope`);
      } else if (itemIds.length < 2) throw new ServiceError('INVALID_INPUT', 'A rejected group has two items or more.');
      const author = requireAuthor(profile, campaignId);
      const id = suggestionRejectionId(campaignId, sectorId, groupId, itemIds, lemmaId);
      const values = {
        sector_id: sectorId,
        respondent_group_id: groupId,
        item_ids: [...itemIds].sort(),
        lemma_id: lemmaId,
        author_id: author,
        rejected_at: now().toISOString(),
      };
      const existing = store.get('suggestion_rejections', id, { includeDeleted: true });
      if (!existing) store.insert('suggestion_rejections', campaignId, values, { id, author });
      else if (existing.deleted) store.update('suggestion_rejections', id, { ...values, deleted: false }, { author });
      return { rejected: id };
    },
  };
}
