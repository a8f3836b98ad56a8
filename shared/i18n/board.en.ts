import type { Messages } from './nl-BE';

/** English messages of the clustering board's layout for a real scope (filter, folds, columns). Joined into en.ts. */
export const boardEn: Messages['swotBoard'] = {
  unclustered: 'Not clustered',
  unclusteredHelp: 'Drag an item onto a lemma, or onto another item to make a new lemma of both.',
  filteredCount_one: '{{shown}} of {{count}} item',
  filteredCount_other: '{{shown}} of {{count}} items',
  noMatch: 'Nothing matches the filter.',
  noLemmaMatch: 'No lemmas match the filter.',
  unfoldAll: 'Unfold all',
  foldAll: 'Fold all',
  filter: {
    title: 'Filter items and lemmas',
    text: 'Search',
    placeholder: 'e.g. waiting list',
    conversation: 'Conversation',
    allConversations: 'All conversations',
    clear: 'Clear filter',
  },
};
