import type { Messages } from './nl-BE';

/** English messages of the campaign workspace: its tabs and shared labels. Same keys as workspace.nl-BE.ts. */
export const workspaceEn: Messages['workspace'] = {
  breadcrumb: 'Breadcrumb',
  navLabel: 'Parts of the campaign',
  loading: 'Loading the campaign…',
  loadFailed: 'The campaign could not be loaded.',
  campaignMissing: 'This campaign does not exist (any more) in this profile. Pick a campaign from the list.',
  backToCampaigns: 'Back to the campaigns',
  identity: {
    label: 'I am',
    choose: 'Choose your name…',
    confirm: "That's me",
    hint: 'Choose who you are: notes and SWOT items are kept under your name.',
    noMembers: 'First add team members under Set-up › Team.',
  },
  nav: {
    setup: 'Set-up',
    setupHint: 'Lists, organisations, team',
    planning: 'Planning',
    planningHint: 'Visits per region',
    visits: 'Visits',
    visitsHint: 'Preparation and conversations',
    search: 'Search',
    searchHint: 'In notes and documents',
  },
  notFound: {
    title: 'This screen does not exist',
    body: 'The link points to a screen Veldwerk does not know. Go back to the campaigns.',
  },
};
