import type { Profile } from '../../db/profile';
import { documentTextLength, saveDocumentText, searchVisitDocuments } from '../../db/repositories/search';
import { openConversation, saveNote } from '../../db/repositories/fieldwork';
import { conversationId } from '../../db/store/ids';
import type { LocalStore } from '../../db/store/store';
import type { visitChannels } from '../../shared/contract/visit';
import type { Member, Note, VisitDocument } from '../../shared/domain/model';
import type { ConversationSummary, VisitDocumentView } from '../../shared/domain/visit';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { currentMemberId, requireAuthor } from '../identity';
import { retireRecord } from '../undo/retire';
import { ftsQuery } from '../search/query';
import { extractDocumentText } from './extract';

type VisitHandlers = HandlersOf<typeof visitChannels>;

/** The preparation notes of a visit live in a conversation with no respondent group (it counts for no SWOT). */
export function preparationConversationId(visitId: string): string {
  return conversationId(visitId, []);
}

function requireVisit(store: LocalStore, visitId: string) {
  const visit = store.get('visits', visitId);
  if (!visit) throw new ServiceError('NOT_FOUND', `No visit ${visitId}`);
  return visit;
}

function duoOf(store: LocalStore, memberIds: ReadonlyArray<string | null>): Member[] {
  return memberIds.flatMap((id) => {
    const member = id ? store.get('members', id, { includeDeleted: true }) : undefined;
    return member ? [member] : [];
  });
}

function textLength(profile: Profile, hash: string | null): number | null {
  if (!hash) return null;
  return documentTextLength(profile.db, hash);
}

async function indexBlobText(profile: Profile, hash: string, fileName: string, mimeType: string): Promise<number> {
  const known = textLength(profile, hash);
  if (known !== null) return known;
  const text = await extractDocumentText(new Uint8Array(profile.blobs.get(hash)), fileName, mimeType);
  saveDocumentText(profile.db, hash, text);
  return text.length;
}

export function createVisitHandlers(profile: Profile): VisitHandlers {
  const store = profile.store;

  async function documentView(document: VisitDocument): Promise<VisitDocumentView> {
    const available = document.blob_hash !== null && profile.blobs.has(document.blob_hash);
    // A document synced from another laptop gets its text extracted once its file is here.
    const length =
      available && document.blob_hash
        ? await indexBlobText(profile, document.blob_hash, document.title ?? '', document.kind ?? '')
        : 0;
    return { document, available, textLength: length };
  }

  function conversationSummaries(visitId: string): ConversationSummary[] {
    const groups = new Map(
      store.list('respondent_groups', {}, { includeDeleted: true }).map((group) => [group.id, group]),
    );
    return store
      .list('conversations', { visit_id: visitId }, { orderBy: ['id'] })
      .filter((conversation) => (conversation.respondent_group_ids ?? []).length > 0)
      .map((conversation) => {
        const groupRows = (conversation.respondent_group_ids ?? []).map((id) => groups.get(id));
        return {
          conversation,
          groupNames: groupRows.map((group) => group?.name ?? '?'),
          order: Math.min(...groupRows.map((group) => group?.sort_order ?? 999)),
          noteCount: store.list('notes', { conversation_id: conversation.id }).filter((note) => note.text.trim() !== '')
            .length,
        };
      })
      .sort((a, b) => a.order - b.order || a.conversation.id.localeCompare(b.conversation.id))
      .map(({ order: _order, ...summary }) => summary);
  }

  return {
    'visit.get': async ({ visitId }) => {
      const visit = requireVisit(store, visitId);
      const organisation = visit.organisation_id
        ? (store.get('organisations', visit.organisation_id, { includeDeleted: true }) ?? null)
        : null;
      const sector = organisation?.sector_id
        ? (store.get('sectors', organisation.sector_id, { includeDeleted: true }) ?? null)
        : null;
      const region = organisation?.region_id
        ? (store.get('regions', organisation.region_id, { includeDeleted: true }) ?? null)
        : null;
      const documents = await Promise.all(
        store.list('documents', { visit_id: visitId }, { orderBy: ['title', 'id'] }).map(documentView),
      );
      return {
        visit,
        organisation,
        sector,
        region,
        duo: duoOf(store, [visit.member_a, visit.member_b]),
        conversations: conversationSummaries(visitId),
        respondentGroups: sector
          ? store.list('respondent_groups', { sector_id: sector.id }, { orderBy: ['sort_order', 'id'] })
          : [],
        documents,
        retiredDocuments: store.list(
          'documents',
          { visit_id: visitId, deleted: true },
          { includeDeleted: true, orderBy: ['title', 'id'] },
        ),
        goodPractices: store.list('good_practices', { visit_id: visitId }),
        retiredPractices: store.list('good_practices', { visit_id: visitId, deleted: true }, { includeDeleted: true }),
        preparation: store.list('notes', { conversation_id: preparationConversationId(visitId) }),
        me: currentMemberId(profile, visit.campaign_id),
        members: store.list(
          'members',
          { campaign_id: visit.campaign_id },
          { includeDeleted: true, orderBy: ['name', 'id'] },
        ),
      };
    },

    'visit.savePreparation': ({ visitId, text }) => {
      const visit = requireVisit(store, visitId);
      const author = requireAuthor(profile, visit.campaign_id);
      const id = store.transaction(() => {
        const conversation = openConversation(store, visitId, [], { author });
        return saveNote(store, { conversationId: conversation, guidingQuestionId: null, authorId: author, text });
      });
      return { id, savedAt: new Date().toISOString() };
    },

    'conversations.add': ({ visitId, respondentGroupIds }) => {
      const visit = requireVisit(store, visitId);
      for (const groupId of respondentGroupIds) {
        const group = store.get('respondent_groups', groupId);
        if (!group || group.campaign_id !== visit.campaign_id)
          throw new ServiceError('NOT_FOUND', `No respondent group ${groupId}`);
      }
      return store.transaction(() => {
        const id = openConversation(store, visitId, respondentGroupIds);
        if (store.get('conversations', id, { includeDeleted: true })?.deleted) store.restore('conversations', id);
        return { id };
      });
    },

    'conversations.get': ({ conversationId: id }) => {
      const conversation = store.get('conversations', id);
      if (!conversation || !conversation.visit_id) throw new ServiceError('NOT_FOUND', `No conversation ${id}`);
      const visit = requireVisit(store, conversation.visit_id);
      const organisation = visit.organisation_id
        ? (store.get('organisations', visit.organisation_id, { includeDeleted: true }) ?? null)
        : null;
      const sector = organisation?.sector_id
        ? (store.get('sectors', organisation.sector_id, { includeDeleted: true }) ?? null)
        : null;
      const notes: Note[] = store.list('notes', { conversation_id: id });
      return {
        conversation,
        visit,
        organisation,
        sector,
        groupNames: (conversation.respondent_group_ids ?? []).map(
          (groupId) => store.get('respondent_groups', groupId, { includeDeleted: true })?.name ?? '?',
        ),
        // Retired questions stay shown where someone already wrote notes on them.
        questions: sector
          ? store
              .list(
                'guiding_questions',
                { sector_id: sector.id },
                { includeDeleted: true, orderBy: ['sort_order', 'id'] },
              )
              .filter(
                (question) =>
                  !question.deleted ||
                  notes.some((note) => note.guiding_question_id === question.id && note.text !== ''),
              )
          : [],
        notes,
        stakeholderCategories: store.list(
          'stakeholder_categories',
          { campaign_id: visit.campaign_id },
          { orderBy: ['sort_order', 'id'] },
        ),
        duo: duoOf(store, [visit.member_a, visit.member_b]),
        members: store.list(
          'members',
          { campaign_id: visit.campaign_id },
          { includeDeleted: true, orderBy: ['name', 'id'] },
        ),
        me: currentMemberId(profile, visit.campaign_id),
      };
    },

    'conversations.update': ({ id, startsAt, endsAt, participantCounts }) => {
      const conversation = store.get('conversations', id);
      if (!conversation) throw new ServiceError('NOT_FOUND', `No conversation ${id}`);
      // One of the two times may come alone: compare it with the stored other one.
      const start = startsAt !== undefined ? startsAt : conversation.starts_at;
      const end = endsAt !== undefined ? endsAt : conversation.ends_at;
      if (start && end && end < start) {
        throw new ServiceError('INVALID_INPUT', 'The end of the conversation is before its start', [
          {
            path: endsAt !== undefined ? 'endsAt' : 'startsAt',
            message: 'The end is before the start. Change one of the times.',
            key: 'visit.errors.endBeforeStart',
          },
        ]);
      }
      store.update('conversations', id, {
        ...(startsAt !== undefined ? { starts_at: startsAt } : {}),
        ...(endsAt !== undefined ? { ends_at: endsAt } : {}),
        ...(participantCounts !== undefined
          ? {
              participant_counts: Object.fromEntries(
                Object.entries(participantCounts).filter(([, count]) => count > 0),
              ),
            }
          : {}),
      });
      return { id };
    },

    'notes.save': ({ conversationId: id, guidingQuestionId, text }) => {
      const conversation = store.get('conversations', id);
      if (!conversation) throw new ServiceError('NOT_FOUND', `No conversation ${id}`);
      const author = requireAuthor(profile, conversation.campaign_id);
      const noteId = saveNote(store, { conversationId: id, guidingQuestionId, authorId: author, text });
      return { id: noteId, savedAt: new Date().toISOString() };
    },

    'documents.add': async ({ visitId, title, fileName, mimeType, content }) => {
      const visit = requireVisit(store, visitId);
      const bytes = Buffer.from(content, 'base64');
      const hash = profile.blobs.put(bytes);
      const length = await indexBlobText(profile, hash, fileName, mimeType);
      const id = store.insert('documents', visit.campaign_id, {
        visit_id: visitId,
        title,
        kind: (mimeType || fileName.split('.').pop() || '').slice(0, 100),
        date: new Date().toISOString().slice(0, 10),
        blob_hash: hash,
      });
      return { id, textLength: length };
    },

    'documents.rename': ({ id, title }) => {
      if (!store.get('documents', id)) throw new ServiceError('NOT_FOUND', `No document ${id}`);
      store.update('documents', id, { title });
      return { id };
    },

    'documents.retire': ({ id, retired }) => {
      if (!store.get('documents', id, { includeDeleted: true }))
        throw new ServiceError('NOT_FOUND', `No document ${id}`);
      return retireRecord(profile, 'documents', id, retired);
    },

    'documents.open': ({ id }) => {
      const document = store.get('documents', id);
      if (!document) throw new ServiceError('NOT_FOUND', `No document ${id}`);
      if (!document.blob_hash || !profile.blobs.has(document.blob_hash))
        throw new ServiceError('NOT_FOUND', `The file of document ${id} is not in this profile yet`);
      return {
        title: document.title ?? '',
        mimeType: document.kind?.includes('/') ? document.kind : 'application/octet-stream',
        content: profile.blobs.get(document.blob_hash).toString('base64'),
      };
    },

    'documents.search': ({ visitId, query }) => {
      requireVisit(store, visitId);
      const match = ftsQuery(query);
      if (!match) return [];
      return searchVisitDocuments(profile.db, match, visitId, 50);
    },

    'goodPractices.add': ({ visitId, text }) => {
      const visit = requireVisit(store, visitId);
      const author = currentMemberId(profile, visit.campaign_id);
      return {
        id: store.insert('good_practices', visit.campaign_id, { visit_id: visitId, text }, author ? { author } : {}),
      };
    },

    'goodPractices.update': ({ id, text }) => {
      if (!store.get('good_practices', id)) throw new ServiceError('NOT_FOUND', `No good practice ${id}`);
      store.update('good_practices', id, { text });
      return { id };
    },

    'goodPractices.retire': ({ id, retired }) => {
      if (!store.get('good_practices', id, { includeDeleted: true }))
        throw new ServiceError('NOT_FOUND', `No good practice ${id}`);
      return retireRecord(profile, 'good_practices', id, retired);
    },
  };
}
