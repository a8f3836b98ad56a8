import type { LocalStore } from '../../db/store/store';
import { deterministicId } from '../../db/store/ids';
import { DEFAULT_REGIONS } from '../../shared/domain/model';

/**
 * Gives a new campaign the default regions (five provinces and three cities) when the store's
 * template import has not created any: only when the campaign has no region row at all, so it
 * never duplicates regions the template (or a synced laptop) made. Deterministic ids make two
 * laptops that seed the same campaign offline converge on the same rows.
 */
export function ensureDefaultRegions(store: LocalStore, campaignId: string): void {
  store.transaction(() => {
    if (store.list('regions', { campaign_id: campaignId }, { includeDeleted: true }).length > 0) return;
    for (const region of DEFAULT_REGIONS) {
      store.insert(
        'regions',
        campaignId,
        { name: region.name, kind: region.kind },
        { id: deterministicId('rn', campaignId, region.kind, region.name) },
      );
    }
  });
}
