import { organisationImportInput, type ImportPreview, type ImportResult } from '../domain/organisation-import';
import {
  listItemAddInput,
  listItemMoveInput,
  listItemRenameInput,
  listItemRetireInput,
  memberAddInput,
  memberUpdateInput,
  organisationAddInput,
  organisationUpdateInput,
  retireInput,
  setupGetInput,
  type CampaignSetup,
} from '../domain/setup';
import type { Undoable } from './undo';
import { channel } from './define';

/** Channels of the campaign set-up (issue 5): controlled lists, organisations (with CSV import) and the team. */
export const setupChannels = {
  'setup.get': channel<CampaignSetup>()(setupGetInput),
  'setup.addItem': channel<{ readonly id: string }>()(listItemAddInput),
  'setup.renameItem': channel<{ readonly id: string }>()(listItemRenameInput),
  'setup.moveItem': channel<{ readonly id: string }>()(listItemMoveInput),
  'setup.retireItem': channel<{ readonly id: string } & Undoable>()(listItemRetireInput),
  'organisations.add': channel<{ readonly id: string }>()(organisationAddInput),
  'organisations.update': channel<{ readonly id: string }>()(organisationUpdateInput),
  'organisations.retire': channel<{ readonly id: string } & Undoable>()(retireInput),
  'organisations.importPreview': channel<ImportPreview>()(organisationImportInput),
  'organisations.importCommit': channel<ImportResult>()(organisationImportInput),
  'members.add': channel<{ readonly id: string }>()(memberAddInput),
  'members.update': channel<{ readonly id: string }>()(memberUpdateInput),
  'members.retire': channel<{ readonly id: string } & Undoable>()(retireInput),
} as const;
