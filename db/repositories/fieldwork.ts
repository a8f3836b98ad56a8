import type { Conversation, GuidingQuestion, Lemma, Note, Quadrant, SwotItem, Visit } from '../../shared/domain/model';
import { conversationId, noteId } from '../store/ids';
import type { LocalStore } from '../store/store';

/**
 * Reads and template-aware writes for the field-work screens. Plain reads are LocalStore.get
 * and LocalStore.list; these add the orderings and the deterministic ids screens rely on.
 */

export function listVisits(store: LocalStore, campaignId: string): Visit[] {
  return store.list('visits', { campaign_id: campaignId }, { orderBy: ['date', 'id'] });
}

export function listConversations(store: LocalStore, visitId: string): Conversation[] {
  return store.list('conversations', { visit_id: visitId }, { orderBy: ['starts_at', 'id'] });
}

export function listGuidingQuestions(store: LocalStore, sectorId: string): GuidingQuestion[] {
  return store.list('guiding_questions', { sector_id: sectorId }, { orderBy: ['sort_order', 'id'] });
}

export function listNotes(store: LocalStore, conversation: string, authorId?: string): Note[] {
  return store.list(
    'notes',
    authorId ? { conversation_id: conversation, author_id: authorId } : { conversation_id: conversation },
  );
}

export function listSwotItems(
  store: LocalStore,
  filter: { visitId?: string; conversationId?: string; lemmaId?: string },
): SwotItem[] {
  const where: Record<string, string> = {};
  if (filter.visitId) where.visit_id = filter.visitId;
  if (filter.conversationId) where.conversation_id = filter.conversationId;
  if (filter.lemmaId) where.lemma_id = filter.lemmaId;
  return store.list('swot_items', where);
}

export function listLemmas(
  store: LocalStore,
  filter: { campaignId: string; sectorId?: string; respondentGroupId?: string; quadrant?: Quadrant },
): Lemma[] {
  const where: Record<string, string> = { campaign_id: filter.campaignId };
  if (filter.sectorId) where.sector_id = filter.sectorId;
  if (filter.respondentGroupId) where.respondent_group_id = filter.respondentGroupId;
  if (filter.quadrant) where.quadrant = filter.quadrant;
  return store.list('lemmas', where, { orderBy: ['quadrant', 'name', 'id'] });
}

/**
 * Opens (creates if needed) the conversation of a visit with the given respondent groups. Both
 * laptops of a duo get the same id, so starting "the same" conversation twice merges.
 */
export function openConversation(
  store: LocalStore,
  visitId: string,
  respondentGroupIds: readonly string[],
  options: { author?: string } = {},
): string {
  const id = conversationId(visitId, respondentGroupIds);
  if (store.get('conversations', id, { includeDeleted: true })) return id;
  const campaign = store.campaignOf('visits', visitId);
  store.insert(
    'conversations',
    campaign,
    { visit_id: visitId, respondent_group_ids: [...respondentGroupIds].sort(), participant_counts: {} },
    { id, ...(options.author ? { author: options.author } : {}) },
  );
  return id;
}

/** Saves one author's note on one guiding question (null: free notes) of a conversation: the autosave path. */
export function saveNote(
  store: LocalStore,
  input: { conversationId: string; guidingQuestionId: string | null; authorId: string; text: string },
): string {
  const id = noteId(input.conversationId, input.guidingQuestionId, input.authorId);
  const options = { author: input.authorId };
  store.transaction(() => {
    if (store.get('notes', id, { includeDeleted: true })) {
      store.update('notes', id, { text: input.text }, options);
      return;
    }
    const conversation = store.get('conversations', input.conversationId, { includeDeleted: true });
    if (!conversation || !conversation.visit_id) throw new Error(`no conversation ${input.conversationId}`);
    store.insert(
      'notes',
      conversation.campaign_id,
      {
        visit_id: conversation.visit_id,
        conversation_id: input.conversationId,
        guiding_question_id: input.guidingQuestionId,
        author_id: input.authorId,
        text: input.text,
      },
      { id, ...options },
    );
  });
  return id;
}
