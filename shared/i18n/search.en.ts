import type { Messages } from './nl-BE';

/** English messages of the campaign search. Same keys as search.nl-BE.ts. */
export const searchEn: Messages['search'] = {
  title: 'Search',
  intro: 'Search all notes and received documents of this campaign. Each hit shows the sentence the word is in.',
  label: 'Search term',
  placeholder: 'e.g. waiting lists, volunteers…',
  submit: 'Search',
  hint: 'Capitals and accents do not matter: “coordinatie” also finds “Coördinatie”. The start of a word is enough.',
  none: 'Nothing found for “{{query}}”. Try another or shorter word.',
  count_one: '{{count}} hit',
  count_other: '{{count}} hits',
  emptyTitle: 'What are you looking for?',
  emptyBody:
    'Type a word: Veldwerk searches the conversation notes, the preparation notes and the text of the documents.',
  kinds: {
    document: 'Document “{{title}}”',
    preparation: 'Preparation notes',
    question: 'Conversation with {{conversation}} · {{question}}',
    free: 'Conversation with {{conversation}} · free notes',
  },
  kindTags: { note: 'Note', document: 'Document' },
  unknownVisit: 'Unknown visit',
  truncated: 'There are more hits. Make your search term more precise.',
  errors: {
    tooLong: 'The search term is too long (at most 200 characters).',
  },
};
