import type { LocalStore } from '../../db/store/store';
import { findNamed, type NamedRow } from '../../shared/domain/named';

/**
 * Campaigns named on the command line (`veldwerk sync --campaign`, `veldwerk bundle --campaign`):
 * by id, name ("Werkjaar 2025-2026") or working year ("2025-2026"), with the one matching rule of
 * shared/domain/named.ts; unknown or ambiguous names are refused with the choices.
 */
export class CampaignNameError extends Error {
  override readonly name = 'CampaignNameError';
}

/** The profile's campaigns, plus `extraIds` (campaigns known only by id, e.g. the server's memberships). */
export function campaignRows(store: LocalStore, extraIds: readonly string[] = []): NamedRow[] {
  const rows: NamedRow[] = store.list('campaigns', {}, { orderBy: ['name', 'id'] }).map((row) => ({
    id: row.id,
    names: [row.name, row.working_year],
    label: `${row.name ?? row.id} (${row.id})`,
  }));
  for (const id of extraIds)
    if (!rows.some((row) => row.id === id)) rows.push({ id, names: [], label: `${id} (not on this laptop yet)` });
  return rows;
}

/** The campaign id `wanted` names among `rows`; throws CampaignNameError otherwise. */
export function resolveCampaign(rows: readonly NamedRow[], wanted: string): string {
  const found = findNamed('campaign', rows, wanted.trim());
  if (!found.ok) throw new CampaignNameError(found.message);
  return found.row.id;
}
