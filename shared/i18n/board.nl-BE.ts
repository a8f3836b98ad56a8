/** Dutch messages of the clustering board's layout for a real scope (filter, folds, columns). Joined into nl-BE.ts. */
export const boardNlBE = {
  unclustered: 'Niet ingedeeld',
  unclusteredHelp: 'Sleep een item op een lemma, of op een ander item om samen een nieuw lemma te maken.',
  filteredCount_one: '{{shown}} van {{count}} item',
  filteredCount_other: '{{shown}} van {{count}} items',
  noMatch: 'Niets dat aan de filter voldoet.',
  noLemmaMatch: 'Geen lemma’s die aan de filter voldoen.',
  unfoldAll: 'Alles openklappen',
  foldAll: 'Alles dichtklappen',
  filter: {
    title: 'Items en lemma’s filteren',
    text: 'Zoeken',
    placeholder: 'bv. wachtlijst',
    conversation: 'Gesprek',
    allConversations: 'Alle gesprekken',
    clear: 'Filter wissen',
  },
};
