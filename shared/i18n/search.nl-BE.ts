/** Dutch messages of the campaign search. */
export const searchNlBE = {
  title: 'Zoeken',
  intro:
    'Zoek in alle notities en ontvangen documenten van deze campagne. Elke treffer toont de zin waarin het woord staat.',
  label: 'Zoekterm',
  placeholder: 'bv. wachtlijsten, vrijwilligers, OCMW…',
  submit: 'Zoeken',
  hint: 'Hoofdletters en accenten maken niet uit: „coordinatie” vindt ook „Coördinatie”. Een begin van een woord volstaat.',
  none: 'Niets gevonden voor „{{query}}”. Probeer een ander of korter woord.',
  count_one: '{{count}} treffer',
  count_other: '{{count}} treffers',
  emptyTitle: 'Waar zoek je naar?',
  emptyBody:
    'Typ een woord: Veldwerk zoekt in de gespreksnotities, de voorbereidingsnotities en de tekst van de documenten.',
  kinds: {
    document: 'Document „{{title}}”',
    preparation: 'Voorbereidingsnotities',
    question: 'Gesprek met {{conversation}} · {{question}}',
    free: 'Gesprek met {{conversation}} · vrije notities',
  },
  kindTags: { note: 'Notitie', document: 'Document' },
  unknownVisit: 'Onbekend bezoek',
  truncated: 'Er zijn meer treffers. Maak je zoekterm preciezer.',
  errors: {
    tooLong: 'De zoekterm is te lang (maximaal 200 tekens).',
  },
} as const;
