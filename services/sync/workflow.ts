import type { Profile } from '../../db/profile';
import type { HeldEditView, HeldRecordView, OwnHeldEditView, workflowChannels } from '../../shared/contract/workflow';
import { diffWords } from 'diff';
import type { HeldChangeView } from '../../server/api';
import { isTableName, type TableName } from '../../shared/sync/schema';
import { decodeBase64, mergeUpdate, plainText } from '../../db/store/text';
import type { LocalStore } from '../../db/store/store';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import type { SyncController } from './controller';

type WorkflowHandlers = HandlersOf<typeof workflowChannels>;

const MAX_VALUE_TEXT = 200;

function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT)}…` : text;
}

const TEXT_ROOTS: Record<string, 'text' | 'xml'> = {
  'notes.text': 'text',
  'lemmas.narrative': 'text',
  'report_sections.body': 'xml',
};

/** A field's value as text: shared texts decoded from their Yjs state, others as JSON. */
function fieldText(value: unknown): string {
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The record a held edit touches (organisation, visit date, conversation, question), as this laptop knows it. */
function recordOf(store: LocalStore, table: string, rowId: string, visitId: string): HeldRecordView {
  const row = isTableName(table) ? (store.get(table, rowId) as Record<string, unknown> | null) : null;
  const visit = store.get('visits', visitId);
  const organisation = visit ? store.get('organisations', visit.organisation_id ?? '') : null;
  const conversationId =
    typeof row?.conversation_id === 'string' ? row.conversation_id : table === 'conversations' ? rowId : null;
  const conversation = conversationId ? store.get('conversations', conversationId) : null;
  const groups = (conversation?.respondent_group_ids ?? [])
    .map((id) => store.get('respondent_groups', id)?.name)
    .filter((name): name is string => Boolean(name));
  const questionId = typeof row?.guiding_question_id === 'string' ? row.guiding_question_id : null;
  const question = questionId ? store.get('guiding_questions', questionId) : null;
  return {
    organisation: organisation?.name ?? null,
    visitDate: visit?.date ?? null,
    conversation: groups.length > 0 ? groups.join(', ') : null,
    question: question ? [question.number, question.text].filter(Boolean).join(' ') : null,
  };
}

/** A member's name for an author (a member id) or an account (an e-mail address), when this laptop knows them. */
function memberName(store: LocalStore, who: string): string | null {
  return (store.get('members', who) ?? store.list('members', { email: who })[0] ?? null)?.name ?? null;
}

/** This user's own held edits of a visit that wait for a decision or were rejected (not yet dismissed). */
function ownHeld(store: LocalStore, visitId: string): OwnHeldEditView[] {
  return store.listHeldOutcomes(visitId).flatMap((outcome) =>
    outcome.state === 'accepted'
      ? []
      : [
          {
            campaignId: outcome.campaign,
            changeId: outcome.changeId,
            visitId: outcome.visitId,
            field: `${outcome.table}.${outcome.column}`,
            state: outcome.state,
            record: recordOf(store, outcome.table, outcome.rowId, outcome.visitId),
            decidedBy: outcome.decidedBy ? (memberName(store, outcome.decidedBy) ?? outcome.decidedBy) : null,
            decidedAt: outcome.decidedAt,
            editedText: outcome.editedText,
          },
        ],
  );
}

/**
 * A held edit as the coordinator reviews it: the record (organisation, visit, conversation,
 * question), the author's name and the text before (as approved on this laptop) and after.
 */
function describeHeld(store: LocalStore, held: HeldChangeView): HeldEditView {
  const change = held.change;
  const field = `${change.table}.${change.column}`;
  const table = change.table as TableName;
  const row = store.get(table, change.rowId) as Record<string, unknown> | null;
  let before = fieldText(row?.[change.column]);
  let after = fieldText(change.value);
  const root = TEXT_ROOTS[field];
  if (root) {
    const state = store.textState(table, change.rowId, change.column);
    before = root === 'text' ? plainText(state) : before;
    const update = typeof change.value === 'string' ? decodeBase64(change.value) : null;
    try {
      after = update && update.byteLength > 0 ? mergeUpdate(state, update, root).text : before;
    } catch {
      after = describeValue(change.value);
    }
  }
  return {
    changeId: change.id,
    visitId: held.visitId,
    field,
    value: describeValue(change.value),
    author: change.author,
    pushedBy: held.pushedBy,
    receivedAt: held.receivedAt,
    reason: held.reason,
    record: recordOf(store, change.table, change.rowId, held.visitId),
    authorName: memberName(store, change.author),
    before,
    after,
    diff: diffWords(before, after).map((part) => ({
      kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
      text: part.value,
    })),
  };
}

/** `onLocalChange` tells the UI that local state (a dismissed decision) changed. */
export function createWorkflowHandlers(
  profile: Profile,
  sync: SyncController,
  onLocalChange: () => void = () => {},
): WorkflowHandlers {
  const store = profile.store;
  return {
    'workflow.visit': async ({ visitId, to }) => {
      const visit = store.get('visits', visitId);
      if (!visit) throw new ServiceError('NOT_FOUND', `No visit ${visitId}`);
      const answer = await sync.online((client) => client.transitionVisit(visit.campaign_id, visitId, to));
      // Apply the server's own status change now, so the screen shows it without waiting for a pull.
      store.applyRemote([answer.change], 'server');
      return { status: answer.status };
    },
    'workflow.report': async ({ reportId, to }) => {
      const report = store.get('reports', reportId);
      if (!report) throw new ServiceError('NOT_FOUND', `No report ${reportId}`);
      // Finalising: the server resolves and records the blocks' frozen values from its own
      // records, so everything typed here goes to it first.
      if (to === 'final') await sync.pushPending();
      const answer = await sync.online((client) => client.transitionReport(report.campaign_id, reportId, to));
      store.applyRemote(answer.changes ?? [answer.change], 'server');
      return { status: answer.status };
    },
    'workflow.held': async ({ campaignId }) => {
      const answer = await sync.online((client) => client.listHeld(campaignId, 'pending'));
      return answer.held.map((held) => describeHeld(store, held));
    },
    'workflow.ownHeld': ({ visitId }) => ownHeld(store, visitId),
    'workflow.dismissOwnHeld': ({ campaignId, changeId }) => {
      const dismissed = store.dismissHeldOutcome(campaignId, changeId);
      if (dismissed) onLocalChange();
      return { dismissed };
    },
    'workflow.decide': async ({ campaignId, changeId, decision }) =>
      sync.online((client) => client.decideHeld(campaignId, changeId, decision)),
  };
}
