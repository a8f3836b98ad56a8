import type { JsonValue } from '../shared/sync/change';
import { findNamed, type NamedRow } from '../shared/domain/named';
import type { ServerStore } from './store/store';

/**
 * The names the administrator types (`veldwerk admin add-member --campaign "Werkjaar 2025-2026"
 * --region Limburg`) resolved to the ids the server's permissions use. Campaigns by the server's
 * id or name; regions and sectors from the campaign's change log (what the laptops synced), by
 * id, name or (sectors) code. Unknown or ambiguous names are refused with the choices.
 */
export class NameNotFoundError extends Error {
  override readonly name = 'NameNotFoundError';
}

const text = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);

export async function findCampaign(store: ServerStore, wanted: string): Promise<NamedRow> {
  const rows = (await store.campaigns.list()).map((row) => ({
    id: row.id,
    names: [row.name],
    label: `${row.name} (${row.id})`,
  }));
  const found = findNamed('campaign', rows, wanted);
  if (!found.ok)
    throw new NameNotFoundError(
      `${found.message}${rows.length === 0 ? '. Create one with "veldwerk admin create-campaign".' : ''}`,
    );
  return found.row;
}

async function findInCampaign(
  store: ServerStore,
  campaign: string,
  what: 'region' | 'sector',
  wanted: string,
): Promise<NamedRow> {
  const table = what === 'region' ? 'regions' : 'sectors';
  const live = await store.changeLog.currentRows(
    campaign,
    table,
    what === 'region' ? ['name', 'kind'] : ['code', 'name'],
  );
  const rows = live.map((row) => {
    const name = text(row.values.name);
    const code = text(row.values.code);
    // Regions of the same name (the province and the city of Antwerpen) are told apart as the
    // organisation import does: "stad Antwerpen", "provincie Antwerpen".
    const kindNames =
      name && what === 'region'
        ? row.values.kind === 'city'
          ? [`stad ${name}`, `city ${name}`]
          : [`provincie ${name}`, `province ${name}`]
        : [];
    const label =
      what === 'region' && name
        ? row.values.kind === 'city'
          ? `stad ${name}`
          : `provincie ${name}`
        : [code, name].filter(Boolean).join(' ');
    return { id: row.id, names: [code, name, ...kindNames], label: `${label || row.id} (${row.id})` };
  });
  const found = findNamed(what, rows, wanted);
  if (found.ok) return found.row;
  const hint =
    rows.length === 0
      ? ` The campaign's ${table} reach the server with the first sync of a laptop that set the campaign up; sync it, then try again.`
      : '';
  throw new NameNotFoundError(`${found.message} (campaign ${campaign}).${hint}`);
}

export function findRegion(store: ServerStore, campaign: string, wanted: string): Promise<NamedRow> {
  return findInCampaign(store, campaign, 'region', wanted);
}

export function findSector(store: ServerStore, campaign: string, wanted: string): Promise<NamedRow> {
  return findInCampaign(store, campaign, 'sector', wanted);
}
