import type { Messages } from './nl-BE';

/** English messages of the CSV import of organisations. Same keys as csv-import.nl-BE.ts. */
export const csvImportEn: Messages['import'] = {
  title: 'Import organisations from CSV',
  intro:
    'One organisation per line, with a header line. Columns: name, sector, region, address, contact (address and contact may be empty). Separator ; or , . You first see a preview; nothing is entered until you confirm.',
  exampleLabel: 'Example of a CSV file',
  example:
    'name;sector;region;address;contact\nAgentschap Integratie Gent;IC;Gent;Kongostraat 42, 9000 Gent;info@example.be',
  file: 'CSV file',
  fileChosen: 'Chosen: {{name}}',
  paste: 'Or paste the content here',
  preview: 'Show preview',
  previewTitle: 'Preview of the import',
  summary: '{{ok}} ready to import, {{duplicates}}, {{errors}}.',
  line: 'Line',
  status: 'Result',
  lineReason: 'Line {{line}}: {{reason}}',
  includeDuplicates_one: 'Also import the {{count}} likely duplicate',
  includeDuplicates_other: 'Also import the {{count}} likely duplicates',
  confirm_one: 'Import {{count}} organisation',
  confirm_other: 'Import {{count}} organisations',
  done_one: '{{count}} organisation imported.',
  done_other: '{{count}} organisations imported.',
  statuses: { ok: 'OK', duplicate: 'Likely duplicate', error: 'Error' },
  columns: { name: 'name', sector: 'sector', region: 'region', address: 'address', contact: 'contact' },
  reasons: {
    noRows:
      'The file holds no organisations. Put a header line (name;sector;region;address;contact) and below it one organisation per line.',
    missingColumn: 'The column “{{column}}” is missing from the header line. Add it and try again.',
    nameMissing: 'the name is missing.',
    nameTooLong: 'the name is longer than 300 characters.',
    addressTooLong: 'the address is longer than 500 characters.',
    contactTooLong: 'the contact is longer than 1000 characters.',
    sectorMissing: 'the sector is missing.',
    sectorUnknown: 'sector “{{value}}” does not exist in this campaign. Use one of: {{known}}.',
    regionMissing: 'the region is missing.',
    regionUnknown:
      'region “{{value}}” does not exist in this campaign. Check the spelling or add the region under Lists.',
    regionAmbiguous: '“{{value}}” is both a province and a city. Write “province {{value}}” or “city {{value}}”.',
    repeatedInFile: 'the same organisation is already on line {{line}}.',
    alreadyExists: 'this organisation already exists in this region.',
    sameNameInFile: 'the same name is on line {{line}} in region {{region}}: is it the same organisation?',
    sameNameExisting:
      'an organisation with this name already exists in region {{region}}: is it the same organisation?',
  },
  errors: {
    empty: 'Choose a CSV file or paste its content in the text field.',
    tooLarge: 'The file is too large (more than 2 million characters). Split it into smaller files.',
  },
};
