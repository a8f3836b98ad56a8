/** Dutch messages of the field-ready mechanisms (typed entries, autosave, undo, shortcuts). Joined into nl-BE.ts. */
export const fieldNlBE = {
  save: { unsaved: 'Nog niet bewaard' },
  undo: {
    button: 'Ongedaan maken',
    close: 'Melding sluiten',
    undone: 'Ongedaan gemaakt: {{action}}',
    failed: 'Ongedaan maken lukte niet: {{reason}}',
    actions: {
      merge: 'Lemma „{{subject}}” samengevoegd',
      split: 'Lemma „{{subject}}” afgesplitst',
      move: 'Lemma „{{subject}}” naar een ander kwadrant verplaatst',
      removeLemma: 'Lemma „{{subject}}” verwijderd',
      removeItem: 'Item „{{subject}}” verwijderd',
      moveItem: 'Item „{{subject}}” verplaatst',
      assign: 'Item „{{subject}}” ingedeeld',
      createLemma: 'Lemma „{{subject}}” gemaakt',
      rename: 'Lemma hernoemd tot „{{subject}}”',
      editItem: 'Item „{{subject}}” gewijzigd',
    },
  },
  confirm: {
    move: 'Verplaatsen',
    merge: 'Samenvoegen',
    removeLemma: 'Lemma „{{name}}” verwijderen? De items worden weer los.',
    yesRemove: 'Ja, verwijderen',
    moveItemAcross: '„{{text}}” naar {{quadrant}} verplaatsen?',
    yesMove: 'Ja, verplaatsen',
  },
  item: { editLabel: 'Tekst van het item (Enter of Escape om te stoppen)' },
  entry: {
    saving: 'wordt bewaard…',
    held: 'wacht op je naam',
    failed: 'niet bewaard: {{reason}}',
    retry: 'Opnieuw proberen',
    discard: 'Weglaten',
    chooseIdentity: 'Kies eerst wie je bent bij „Ik ben” (bovenaan): wat je typte blijft staan en wordt bewaard zodra je je naam kiest.',
  },
};
