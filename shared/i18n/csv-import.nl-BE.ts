/** Dutch messages of the CSV import of organisations. */
export const csvImportNlBE = {
  title: 'Organisaties importeren uit CSV',
  intro:
    'Eén organisatie per regel, met een kopregel. Kolommen: naam, sector, regio, adres, contact (adres en contact mogen leeg). Scheidingsteken ; of , . Je ziet eerst een voorbeeld; er wordt pas iets ingevoerd als je bevestigt.',
  exampleLabel: 'Voorbeeld van een CSV-bestand',
  example:
    'naam;sector;regio;adres;contact\nAgentschap Integratie Gent;IC;Gent;Kongostraat 42, 9000 Gent;info@voorbeeld.be',
  file: 'CSV-bestand',
  fileChosen: 'Gekozen: {{name}}',
  paste: 'Of plak de inhoud hier',
  preview: 'Voorbeeld bekijken',
  previewTitle: 'Voorbeeld van de import',
  summary: '{{ok}} klaar om te importeren, {{duplicates}}, {{errors}}.',
  line: 'Regel',
  status: 'Resultaat',
  lineReason: 'Regel {{line}}: {{reason}}',
  includeDuplicates_one: 'Ook de {{count}} mogelijke dubbel importeren',
  includeDuplicates_other: 'Ook de {{count}} mogelijke dubbels importeren',
  confirm_one: '{{count}} organisatie importeren',
  confirm_other: '{{count}} organisaties importeren',
  done_one: '{{count}} organisatie geïmporteerd.',
  done_other: '{{count}} organisaties geïmporteerd.',
  statuses: { ok: 'In orde', duplicate: 'Mogelijke dubbel', error: 'Fout' },
  columns: { name: 'naam', sector: 'sector', region: 'regio', address: 'adres', contact: 'contact' },
  reasons: {
    noRows:
      'Het bestand bevat geen organisaties. Zet een kopregel (naam;sector;regio;adres;contact) en daaronder één organisatie per regel.',
    missingColumn: 'De kolom „{{column}}” ontbreekt in de kopregel. Voeg ze toe en probeer opnieuw.',
    nameMissing: 'de naam ontbreekt.',
    nameTooLong: 'de naam is langer dan 300 tekens.',
    addressTooLong: 'het adres is langer dan 500 tekens.',
    contactTooLong: 'het contact is langer dan 1000 tekens.',
    sectorMissing: 'de sector ontbreekt.',
    sectorUnknown: 'sector „{{value}}” bestaat niet in deze campagne. Gebruik een van: {{known}}.',
    regionMissing: 'de regio ontbreekt.',
    regionUnknown:
      'regio „{{value}}” bestaat niet in deze campagne. Controleer de spelling of voeg de regio toe bij Lijsten.',
    regionAmbiguous:
      '„{{value}}” is zowel een provincie als een stad. Schrijf „provincie {{value}}” of „stad {{value}}”.',
    repeatedInFile: 'dezelfde organisatie staat al op regel {{line}}.',
    alreadyExists: 'deze organisatie bestaat al in deze regio.',
    sameNameInFile: 'dezelfde naam staat op regel {{line}} in regio {{region}}: is het dezelfde organisatie?',
    sameNameExisting: 'een organisatie met deze naam bestaat al in regio {{region}}: is het dezelfde organisatie?',
  },
  errors: {
    empty: 'Kies een CSV-bestand of plak de inhoud in het tekstveld.',
    tooLarge: 'Het bestand is te groot (meer dan 2 miljoen tekens). Splits het in kleinere bestanden.',
  },
} as const;
