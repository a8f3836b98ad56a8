/** Dutch messages of the field-ready mechanisms (typed entries, autosave, undo, shortcuts). Joined into nl-BE.ts. */
export const fieldNlBE = {
  save: { unsaved: 'Nog niet bewaard' },
  entry: {
    saving: 'wordt bewaard…',
    held: 'wacht op je naam',
    failed: 'niet bewaard: {{reason}}',
    retry: 'Opnieuw proberen',
    discard: 'Weglaten',
    chooseIdentity: 'Kies eerst wie je bent bij „Ik ben” (bovenaan): wat je typte blijft staan en wordt bewaard zodra je je naam kiest.',
  },
};
