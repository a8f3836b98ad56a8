import type { LocalStore } from '../../db/store/store';
import type { Conversation, Lemma, Organisation } from '../../shared/domain/model';
import type { QuoteSourceRecord, ReportSource, VisitRecords } from '../../shared/report/resolve';
import { readScope, teamGroupId } from '../swot/scope';
import { ServiceError } from '../errors';

/**
 * The records of one campaign as the block resolvers read them (shared/report/resolve.ts),
 * from the local store, through the SWOT board's own readScope. Lists are read once per source,
 * so resolving all blocks of a chapter reads each table once.
 */
export function storeSource(store: LocalStore, campaignId: string): ReportSource {
  let organisations: Organisation[] | null = null;
  let visits: VisitRecords[] | null = null;
  let conversations: Map<string, Conversation[]> | null = null;
  const allOrganisations = () => (organisations ??= store.list('organisations', { campaign_id: campaignId }));
  const allVisits = () => {
    if (!visits) {
      const byId = new Map(allOrganisations().map((organisation) => [organisation.id, organisation]));
      visits = store
        .list('visits', { campaign_id: campaignId }, { orderBy: ['date', 'id'] })
        .filter((visit) => visit.status !== 'cancelled')
        .flatMap((visit) => {
          const organisation = visit.organisation_id ? byId.get(visit.organisation_id) : undefined;
          return organisation ? [{ visit, organisation }] : [];
        });
    }
    return visits;
  };
  const byVisit = () => {
    if (!conversations) {
      conversations = new Map();
      for (const conversation of store.list('conversations', { campaign_id: campaignId })) {
        const list = conversations.get(conversation.visit_id ?? '') ?? [];
        list.push(conversation);
        conversations.set(conversation.visit_id ?? '', list);
      }
    }
    return conversations;
  };
  const inScope = (kind: 'sector' | 'region', id: string, organisation: Organisation) =>
    kind === 'sector' ? organisation.sector_id === id : organisation.region_id === id;
  return {
    scope: (sectorId, groupId) => {
      try {
        return readScope(store, campaignId, sectorId, groupId);
      } catch (error) {
        if (error instanceof ServiceError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    teamSwot: (sectorId) => {
      const sector = store.get('sectors', sectorId);
      if (!sector || sector.campaign_id !== campaignId) return null;
      const lemmas: Lemma[] = store.list('lemmas', {
        campaign_id: campaignId,
        sector_id: sectorId,
        respondent_group_id: teamGroupId(sectorId),
      });
      return { sectorName: sector.name ?? sector.code ?? sectorId, lemmas };
    },
    scopeName: (kind, id) => {
      const row = kind === 'sector' ? store.get('sectors', id) : store.get('regions', id);
      return row && row.campaign_id === campaignId ? (row.name ?? id) : null;
    },
    organisations: (kind, id) => allOrganisations().filter((organisation) => inScope(kind, id, organisation)),
    visits: (kind, id) => allVisits().filter(({ organisation }) => inScope(kind, id, organisation)),
    conversations: (visitIds) => visitIds.flatMap((visitId) => byVisit().get(visitId) ?? []),
    stakeholderCategories: () => store.list('stakeholder_categories', { campaign_id: campaignId }),
    quoteSource: (table, id) => quoteSource(store, table, id),
  };
}

export function quoteSource(store: LocalStore, table: string, id: string): QuoteSourceRecord | null {
  const label = (visitId: string | null) => {
    const visit = visitId ? store.get('visits', visitId) : undefined;
    const organisation = visit?.organisation_id ? store.get('organisations', visit.organisation_id) : undefined;
    return [organisation?.name, visit?.date].filter(Boolean).join(' · ');
  };
  if (table === 'good_practices') {
    const row = store.get('good_practices', id);
    return row ? { text: row.text ?? '', visitId: row.visit_id, label: label(row.visit_id) } : null;
  }
  if (table === 'notes') {
    const row = store.get('notes', id);
    return row ? { text: row.text, visitId: row.visit_id, label: label(row.visit_id) } : null;
  }
  if (table === 'swot_items') {
    const row = store.get('swot_items', id);
    return row ? { text: row.text ?? '', visitId: row.visit_id, label: label(row.visit_id) } : null;
  }
  return null;
}
