/** Dutch messages of the campaigns list. */
export const homeNlBE = {
  title: 'Campagnes',
  intro: 'Een campagne is één werkjaar van het team: de organisaties, de bezoeken, de gesprekken en het rapport.',
  empty: {
    title: 'Nog geen campagnes',
    body: 'Maak je eerste campagne aan om bezoeken te plannen en gesprekken vast te leggen.',
  },
  listLabel: 'Campagnes in dit profiel',
  count_one: '{{count}} campagne',
  count_other: '{{count}} campagnes',
  createdOn: 'Aangemaakt op {{date}}',
  workingYear: 'Werkjaar {{year}}',
} as const;
