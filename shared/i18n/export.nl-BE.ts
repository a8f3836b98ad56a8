/** Dutch messages of export (CSV, Word, PDF) and of the anonymisation check. Joined into nl-BE.ts. */
export const exportNlBE = {
  csv: {
    scored: 'Gescoorde tabellen als CSV',
    matrix: 'Lemma × gesprek als CSV',
    fileScored: 'swot-{{scope}}.csv',
    fileMatrix: 'matrix-{{scope}}.csv',
    headers: { quadrant: 'Kwadrant', rank: 'Rang', lemma: 'Lemma', conversations: 'Gesprekken', score: 'Score', items: 'Items' },
  },
  labels: {
    person: '[naam]',
    organisation: 'een organisatie',
    organisationOfSector: 'een van de {{sector}}',
    region: 'een regio',
    email: '[e-mailadres]',
    phone: '[telefoonnummer]',
    number: '[nummer]',
    smallCell: 'minder dan drie organisaties',
  },
  kinds: {
    organisation: 'Organisatie',
    member: 'Teamlid',
    person: 'Persoonsnaam',
    email: 'E-mailadres',
    phone: 'Telefoonnummer',
    nationalNumber: 'Rijksregisternummer',
    kbo: 'Ondernemingsnummer',
    iban: 'Rekeningnummer',
    region: 'Regio met één organisatie van de sector',
    smallCell: 'Kleine cel (minder dan {{k}} organisaties)',
  },
} as const;
