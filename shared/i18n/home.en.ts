import type { Messages } from './nl-BE';

/** English messages of the campaigns list. Same keys as home.nl-BE.ts. */
export const homeEn: Messages['home'] = {
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
};
