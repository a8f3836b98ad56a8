import type { Messages } from './nl-BE';
import { fieldEn } from './field.en';
import { boardEn } from './board.en';
import { conflictsEn } from './conflicts.en';
import { setAsideEn } from './set-aside.en';
import { exportEn } from './export.en';
import { swotEn } from './swot.en';
import { syncEn } from './sync.en';
import { reasonsEn } from './reasons.en';
import { workflowEn } from './workflow.en';
import { reportsEn } from './reports.en';
import { vaultEn } from './vault.en';
import { lanEn } from './lan.en';
import { reportTextEn } from './report-text.en';
import { workspaceEn } from './workspace.en';
import { setupEn } from './setup.en';
import { csvImportEn } from './csv-import.en';
import { planningEn } from './planning.en';
import { visitEn } from './visit.en';
import { searchEn } from './search.en';
import { homeEn } from './home.en';
import { campaignFormEn } from './campaign-form.en';

/** English UI messages: the second language. Same keys as nl-BE.ts. */
export const en: Messages = {
  app: {
    name: 'Veldwerk',
    tagline: 'Field inspection work, with or without a network',
    language: 'Language',
    languages: { 'nl-BE': 'Nederlands', en: 'English' },
    profile: 'Profile: {{dir}}',
    version: 'Version {{version}}',
    skipToContent: 'Skip to content',
  },
  nav: {
    home: 'Campaigns',
  },
  home: homeEn,
  campaignForm: campaignFormEn,
  errors: {
    INVALID_INPUT: 'Some fields are not filled in correctly.',
    UNKNOWN_CHANNEL: 'The app asked for something the services do not know. Restart Veldwerk.',
    FORBIDDEN: 'You are not allowed to do this.',
    UNAUTHORIZED:
      'The connection to the local services is not (or no longer) valid. Open Veldwerk again through the link in the terminal.',
    NOT_FOUND: 'This item does not exist (any more).',
    CONFLICT: 'This item already exists.',
    INTERNAL: 'Something went wrong in Veldwerk. Try again; if it keeps failing, restart the app.',
    TRANSPORT: 'The local Veldwerk services do not answer. Is Veldwerk still running?',
    fields: {
      id: 'This reference is not valid. Reload the screen and try again.',
      nameRequired: 'Give the campaign a name.',
      nameTooLong: 'The name is too long (at most 120 characters).',
      workingYearFormat: 'Write the working year as two consecutive years, e.g. 2025-2026.',
      refused: 'Veldwerk cannot store this value. Change it and try again.',
    },
    loadFailed: 'The campaigns could not be loaded.',
    retry: 'Try again',
  },
  field: fieldEn,
  swotBoard: boardEn,
  conflicts: conflictsEn,
  setAside: setAsideEn,
  swot: swotEn,
  reportText: reportTextEn,
  export: exportEn,
  sync: syncEn,
  syncReasons: reasonsEn,
  workflow: workflowEn,
  reports: reportsEn,
  vault: vaultEn,
  lan: lanEn,
  workspace: workspaceEn,
  setup: setupEn,
  import: csvImportEn,
  planning: planningEn,
  visit: visitEn,
  search: searchEn,
};
