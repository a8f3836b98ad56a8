import type { Profile } from '../../db/profile';
import { searchDocuments, searchNotes } from '../../db/repositories/search';
import type { searchChannels } from '../../shared/contract/search';
import type { SearchHit, SearchResult } from '../../shared/domain/search';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { ftsQuery } from './query';

type SearchHandlers = HandlersOf<typeof searchChannels>;

/**
 * Searches the notes and the documents of a campaign (FTS5, accents and case folded, every word
 * as a prefix) and answers each hit in its context, best first.
 */
export function searchCampaign(profile: Profile, campaignId: string, query: string, limit = 50): SearchResult {
  const match = ftsQuery(query);
  if (!match) return { query, hits: [], truncated: false };
  const notes = searchNotes(profile.db, match, campaignId, limit + 1);
  const documents = searchDocuments(profile.db, match, campaignId, limit + 1);

  const store = profile.store;
  const visitCache = new Map<string, { organisationName: string | null; date: string | null }>();
  const visitInfo = (visitId: string | null) => {
    if (!visitId) return { organisationName: null, date: null };
    let info = visitCache.get(visitId);
    if (!info) {
      const visit = store.get('visits', visitId, { includeDeleted: true });
      const organisation = visit?.organisation_id
        ? store.get('organisations', visit.organisation_id, { includeDeleted: true })
        : undefined;
      info = { organisationName: organisation?.name ?? null, date: visit?.date ?? null };
      visitCache.set(visitId, info);
    }
    return info;
  };
  const memberName = (id: string | null) =>
    id ? (store.get('members', id, { includeDeleted: true })?.name ?? null) : null;
  const questionText = (id: string | null) =>
    id ? (store.get('guiding_questions', id, { includeDeleted: true })?.text ?? null) : null;
  const conversationLabel = (id: string | null) => {
    const conversation = id ? store.get('conversations', id, { includeDeleted: true }) : undefined;
    const groups = conversation?.respondent_group_ids ?? [];
    if (groups.length === 0) return null;
    return groups
      .map((groupId) => store.get('respondent_groups', groupId, { includeDeleted: true })?.name ?? '?')
      .join(' + ');
  };

  const hits: Array<SearchHit & { score: number }> = [
    ...notes.map((row) => {
      const info = visitInfo(row.visit_id);
      const label = conversationLabel(row.conversation_id);
      return {
        kind: 'note' as const,
        id: row.id,
        visitId: row.visit_id,
        organisationName: info.organisationName,
        visitDate: info.date,
        conversationId: label === null ? null : row.conversation_id,
        conversationLabel: label,
        questionLabel: questionText(row.guiding_question_id),
        authorName: memberName(row.author_id),
        title: null,
        snippet: row.snippet,
        score: row.score,
      };
    }),
    ...documents.map((row) => {
      const info = visitInfo(row.visit_id);
      return {
        kind: 'document' as const,
        id: row.id,
        visitId: row.visit_id,
        organisationName: info.organisationName,
        visitDate: info.date,
        conversationId: null,
        conversationLabel: null,
        questionLabel: null,
        authorName: null,
        title: row.title,
        snippet: row.snippet,
        score: row.score,
      };
    }),
  ];
  // bm25: lower is better.
  hits.sort((a, b) => a.score - b.score);
  return {
    query,
    hits: hits.slice(0, limit).map(({ score: _score, ...hit }) => hit),
    truncated: notes.length > limit || documents.length > limit || hits.length > limit,
  };
}

export function createSearchHandlers(profile: Profile): SearchHandlers {
  return {
    'search.query': ({ campaignId, query, limit }) => {
      if (!profile.store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      return searchCampaign(profile, campaignId, query, limit);
    },
  };
}
