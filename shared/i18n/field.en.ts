import type { Messages } from './nl-BE';

/** English messages of the field-ready mechanisms. Joined into en.ts. */
export const fieldEn: Messages['field'] = {
  save: { unsaved: 'Not saved yet' },
  undo: {
    button: 'Undo',
    close: 'Close message',
    undone: 'Undone: {{action}}',
    failed: 'Undo did not work: {{reason}}',
    actions: {
      merge: 'Lemma “{{subject}}” merged',
      split: 'Lemma “{{subject}}” split off',
      move: 'Lemma “{{subject}}” moved to another quadrant',
      removeLemma: 'Lemma “{{subject}}” deleted',
      removeItem: 'Item “{{subject}}” deleted',
      moveItem: 'Item “{{subject}}” moved',
      assign: 'Item “{{subject}}” grouped',
      createLemma: 'Lemma “{{subject}}” created',
      rename: 'Lemma renamed to “{{subject}}”',
      editItem: 'Item “{{subject}}” changed',
    },
  },
  confirm: {
    move: 'Move',
    merge: 'Merge',
    removeLemma: 'Delete lemma “{{name}}”? Its items become loose again.',
    yesRemove: 'Yes, delete',
    moveItemAcross: 'Move “{{text}}” to {{quadrant}}?',
    yesMove: 'Yes, move',
  },
  item: { editLabel: 'Text of the item (Enter or Escape to stop)' },
  counts: {
    conversations_one: '{{count}} conversation',
    conversations_other: '{{count}} conversations',
    items_one: '{{count}} item',
    items_other: '{{count}} items',
    lemmas_one: '{{count}} lemma',
    lemmas_other: '{{count}} lemmas',
    duplicates_one: '{{count}} likely duplicate',
    duplicates_other: '{{count}} likely duplicates',
    withErrors_one: '{{count}} with an error',
    withErrors_other: '{{count}} with errors',
  },
  csv: {
    readAs: 'Read as {{encoding}}.',
    encodings: { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (with BOM)', 'utf-16le': 'UTF-16 (little-endian)', 'utf-16be': 'UTF-16 (big-endian)', 'windows-1252': 'Windows-1252 (Excel on Windows)' },
  },
  participants: { notSaved: '{{name}}: {{reason}} This count is not saved; the others are.' },
  entry: {
    saving: 'saving…',
    held: 'waiting for your name',
    failed: 'not saved: {{reason}}',
    retry: 'Try again',
    discard: 'Leave out',
    chooseIdentity: 'First choose who you are under “I am” (at the top): what you typed stays and is saved as soon as you choose your name.',
  },
};
