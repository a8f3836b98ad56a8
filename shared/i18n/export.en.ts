import type { Messages } from './nl-BE';

/** English messages of export and of the anonymisation check. */
export const exportEn: Messages['export'] = {
  csv: {
    scored: 'Scored tables as CSV',
    matrix: 'Lemma × conversation as CSV',
    fileScored: 'swot-{{scope}}.csv',
    fileMatrix: 'matrix-{{scope}}.csv',
    headers: { quadrant: 'Quadrant', rank: 'Rank', lemma: 'Lemma', conversations: 'Conversations', score: 'Score', items: 'Items' },
  },
  labels: {
    person: '[name]',
    organisation: 'an organisation',
    organisationOfSector: 'one of the {{sector}}',
    region: 'a region',
    email: '[e-mail address]',
    phone: '[phone number]',
    number: '[number]',
    smallCell: 'fewer than three organisations',
  },
  kinds: {
    organisation: 'Organisation',
    member: 'Team member',
    person: 'Person name',
    email: 'E-mail address',
    phone: 'Phone number',
    nationalNumber: 'National register number',
    kbo: 'Company number',
    iban: 'Bank account number',
    region: 'Region with one organisation of the sector',
    smallCell: 'Small cell (fewer than {{k}} organisations)',
  },
};
