import {
  conversationAddInput,
  conversationGetInput,
  conversationUpdateInput,
  documentAddInput,
  documentOpenInput,
  documentRenameInput,
  documentSearchInput,
  goodPracticeAddInput,
  goodPracticeUpdateInput,
  noteSaveInput,
  preparationSaveInput,
  retireByIdInput,
  visitGetInput,
  type ConversationDetail,
  type DocumentFile,
  type DocumentHit,
  type VisitDetail,
} from '../domain/visit';
import type { Undoable } from './undo';
import { channel } from './define';

/** Channels of a visit's preparation page and the conversation screen (issue 5). */
export const visitChannels = {
  'visit.get': channel<VisitDetail>()(visitGetInput),
  'visit.savePreparation': channel<{ readonly id: string; readonly savedAt: string }>()(preparationSaveInput),
  'conversations.add': channel<{ readonly id: string }>()(conversationAddInput),
  'conversations.get': channel<ConversationDetail>()(conversationGetInput),
  'conversations.update': channel<{ readonly id: string }>()(conversationUpdateInput),
  'notes.save': channel<{ readonly id: string; readonly savedAt: string }>()(noteSaveInput),
  'documents.add': channel<{ readonly id: string; readonly textLength: number }>()(documentAddInput),
  'documents.rename': channel<{ readonly id: string }>()(documentRenameInput),
  'documents.retire': channel<{ readonly id: string } & Undoable>()(retireByIdInput),
  'documents.open': channel<DocumentFile>()(documentOpenInput),
  'documents.search': channel<readonly DocumentHit[]>()(documentSearchInput),
  'goodPractices.add': channel<{ readonly id: string }>()(goodPracticeAddInput),
  'goodPractices.update': channel<{ readonly id: string }>()(goodPracticeUpdateInput),
  'goodPractices.retire': channel<{ readonly id: string } & Undoable>()(retireByIdInput),
} as const;
