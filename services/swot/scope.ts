import type { LocalStore } from '../../db/store/store';
import type { Member } from '../../shared/domain/model';
import { findNamed } from '../../shared/domain/named';
import { deterministicId } from '../../db/store/ids';
import type { ScopeRecords } from '../../shared/swot/scoring-scope';
import { ServiceError } from '../errors';

export type { ScopeRecords };

/** The respondent-group id under which a sector's team SWOT keeps its lemmas (not a real group). */
export function teamGroupId(sectorId: string): string {
  return deterministicId('team', sectorId);
}

const dateLabel = new Intl.DateTimeFormat('nl-BE', { day: 'numeric', month: 'short', year: 'numeric' });

export function memberNames(store: LocalStore, campaignId: string): Map<string, string> {
  return new Map(
    store
      .list('members', { campaign_id: campaignId }, { includeDeleted: true })
      .map((member: Member) => [member.id, member.name ?? member.id]),
  );
}

/** Conversations per (sector, respondent group) of a campaign, with their labels. */
export function conversationsByScope(
  store: LocalStore,
  campaignId: string,
): Map<string, ScopeRecords['conversations'][number][]> {
  const organisations = new Map(
    store.list('organisations', { campaign_id: campaignId }, { includeDeleted: true }).map((row) => [row.id, row]),
  );
  const visits = new Map(store.list('visits', { campaign_id: campaignId }).map((row) => [row.id, row]));
  const byScope = new Map<string, ScopeRecords['conversations'][number][]>();
  for (const conversation of store.list('conversations', { campaign_id: campaignId })) {
    const visit = conversation.visit_id ? visits.get(conversation.visit_id) : undefined;
    if (!visit) continue;
    const organisation = visit.organisation_id ? organisations.get(visit.organisation_id) : undefined;
    if (!organisation?.sector_id) continue;
    const date = visit.date ?? null;
    const label = [organisation.name ?? '?', date ? dateLabel.format(new Date(`${date}T12:00:00Z`)) : null]
      .filter(Boolean)
      .join(' · ');
    for (const groupId of conversation.respondent_group_ids ?? []) {
      const key = `${organisation.sector_id}|${groupId}`;
      const list = byScope.get(key) ?? [];
      list.push({ conversation, label, date });
      byScope.set(key, list);
    }
  }
  for (const list of byScope.values())
    list.sort(
      (a, b) =>
        (a.date ?? '').localeCompare(b.date ?? '') ||
        a.label.localeCompare(b.label, 'nl') ||
        a.conversation.id.localeCompare(b.conversation.id),
    );
  return byScope;
}

/**
 * When each of these rows was created, as the timestamp of its first change: the same on every
 * replica, so items keep the order in which they were typed wherever they are read. Asked for the
 * rows at hand only (stored per row, db/migrations/008-row-origins.ts), so a board read costs
 * what its scope holds, not what the campaign does.
 */
export function creationOrder(
  store: LocalStore,
  table: 'swot_items' | 'lemmas',
  campaignId: string,
  rows: readonly { readonly id: string }[],
): Map<string, string> {
  return store.firstChangeIds(
    table,
    campaignId,
    rows.map((row) => row.id),
  );
}

/** Rows in the order they were created (creationOrder), ties by id. */
export function sortByCreation<T extends { readonly id: string }>(
  store: LocalStore,
  table: 'swot_items' | 'lemmas',
  campaignId: string,
  rows: readonly T[],
): T[] {
  return byCreation(rows, creationOrder(store, table, campaignId, rows));
}

export function byCreation<T extends { readonly id: string }>(rows: readonly T[], order: Map<string, string>): T[] {
  return [...rows].sort(
    (a, b) => (order.get(a.id) ?? '').localeCompare(order.get(b.id) ?? '') || a.id.localeCompare(b.id),
  );
}

export function readScope(store: LocalStore, campaignId: string, sectorId: string, groupId: string): ScopeRecords {
  const sector = store.get('sectors', sectorId, { includeDeleted: true });
  if (!sector || sector.campaign_id !== campaignId)
    throw new ServiceError('NOT_FOUND', `No sector ${sectorId} in campaign ${campaignId}`);
  const group = store.get('respondent_groups', groupId, { includeDeleted: true });
  if (!group || group.campaign_id !== campaignId || group.sector_id !== sectorId) {
    throw new ServiceError('NOT_FOUND', `No respondent group ${groupId} in sector ${sectorId}`);
  }
  const conversations = conversationsByScope(store, campaignId).get(`${sectorId}|${groupId}`) ?? [];
  const items = sortByCreation(
    store,
    'swot_items',
    campaignId,
    conversations.flatMap(({ conversation }) => store.list('swot_items', { conversation_id: conversation.id })),
  );
  const lemmas = store.list(
    'lemmas',
    { campaign_id: campaignId, sector_id: sectorId, respondent_group_id: groupId },
    { orderBy: ['name', 'id'] },
  );
  return {
    sectorName: sector.name ?? sector.code ?? sectorId,
    groupName: group.name ?? groupId,
    conversations,
    items,
    lemmas,
  };
}

/**
 * Finds a scope by what a person types on the command line: the campaign by id or name (may be
 * left out when the profile holds one campaign), the sector by id, code or name, the respondent
 * group by id or name. Refuses with the choices when a name is unknown or ambiguous.
 */
export function resolveScope(
  store: LocalStore,
  query: { campaign?: string; sector: string; group: string },
): { campaignId: string; sectorId: string; groupId: string } {
  const pick = <T extends { id: string }>(
    what: string,
    rows: readonly T[],
    keys: (row: T) => readonly (string | null | undefined)[],
    wanted: string | undefined,
    label: (row: T) => string,
  ): T => {
    const found = findNamed(
      what,
      rows.map((row) => ({ id: row.id, names: keys(row), label: label(row), row })),
      wanted,
    );
    if (found.ok) return found.row.row;
    throw new ServiceError(
      found.reason === 'ambiguous' || (found.reason === 'unnamed' && rows.length > 1) ? 'CONFLICT' : 'NOT_FOUND',
      found.message,
    );
  };
  const campaign = pick(
    'campaign',
    store.list('campaigns', {}),
    (row) => [row.name],
    query.campaign,
    (row) => `${row.name ?? ''} (${row.id})`,
  );
  const sector = pick(
    'sector',
    store.list('sectors', { campaign_id: campaign.id }),
    (row) => [row.code, row.name],
    query.sector,
    (row) => `${row.code ?? row.name ?? ''} (${row.id})`,
  );
  const group = pick(
    'respondent group',
    store.list('respondent_groups', { campaign_id: campaign.id, sector_id: sector.id }),
    (row) => [row.name],
    query.group,
    (row) => `${row.name ?? ''} (${row.id})`,
  );
  return { campaignId: campaign.id, sectorId: sector.id, groupId: group.id };
}
