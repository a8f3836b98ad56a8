import type { Messages } from './nl-BE';
import { swotEn } from './swot.en';

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
  home: {
    title: 'Campaigns',
    intro: 'A campaign is one working year of the team: the organisations, the visits, the conversations and the report.',
    empty: {
      title: 'No campaigns yet',
      body: 'Create your first campaign to plan visits and capture conversations.',
    },
    listLabel: 'Campaigns in this profile',
    count_one: '{{count}} campaign',
    count_other: '{{count}} campaigns',
    createdOn: 'Created on {{date}}',
    workingYear: 'Working year {{year}}',
  },
  campaignForm: {
    title: 'New campaign',
    name: 'Name',
    namePlaceholder: 'e.g. Integration and civic integration',
    workingYear: 'Working year',
    workingYearHint: 'Two consecutive years, e.g. 2025-2026',
    submit: 'Create campaign',
    submitting: 'Creating…',
    created: 'Campaign “{{name}}” created.',
  },
  errors: {
    INVALID_INPUT: 'Some fields are not filled in correctly.',
    UNKNOWN_CHANNEL: 'The app asked for something the services do not know. Restart Veldwerk.',
    FORBIDDEN: 'You are not allowed to do this.',
    UNAUTHORIZED: 'The connection to the local services is not (or no longer) valid. Open Veldwerk again through the link in the terminal.',
    NOT_FOUND: 'This item does not exist (any more).',
    CONFLICT: 'This item already exists.',
    INTERNAL: 'Something went wrong in Veldwerk. Try again; if it keeps failing, restart the app.',
    TRANSPORT: 'The local Veldwerk services do not answer. Is Veldwerk still running?',
    fields: {
      id: 'This reference is not valid. Reload the screen and try again.',
      nameRequired: 'Give the campaign a name.',
      nameTooLong: 'The name is too long (at most 120 characters).',
      workingYearFormat: 'Write the working year as two consecutive years, e.g. 2025-2026.',
    },
    loadFailed: 'The campaigns could not be loaded.',
    retry: 'Try again',
  },
  swot: swotEn,
};
