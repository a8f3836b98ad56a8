/** Dutch messages of the review workflow (owned by the central server). */
export const workflowNlBE = {
  title: 'Goedkeuring',
  submit: 'Indienen ter goedkeuring',
  approve: 'Goedkeuren',
  sendBack: 'Terugsturen naar het duo',
  reopen: 'Goedkeuring intrekken',
  explain: {
    open: 'Is het bezoek volledig vastgelegd? Dien het in; de regiocoördinator keurt het goed.',
    submitted: 'Ingediend: de regiocoördinator of de teamleider keurt goed of stuurt terug.',
    approved: 'Goedgekeurd. Wijzigingen die nog binnenkomen, wachten op de beslissing van de coördinator.',
  },
  held: {
    title_one: '{{count}} late wijziging wacht op je beslissing',
    title_other: '{{count}} late wijzigingen wachten op je beslissing',
    explain:
      'Deze wijzigingen kwamen op de server toe nadat het bezoek goedgekeurd was. Niets gaat verloren: aanvaard of verwerp ze.',
    by: 'Van {{author}}, {{time}}',
    question: 'Vraag: {{question}}',
    diff: 'Wijziging: geschrapte tekst doorstreept, nieuwe tekst onderlijnd',
    unknownAuthor: 'een teamlid dat deze laptop niet kent',
    accept: 'Aanvaarden',
    reject: 'Verwerpen',
  },
  own: {
    title: 'Je late wijzigingen',
    rejected:
      '{{who}} heeft je wijziging ({{field}}) verworpen op {{time}}. Het bezoek toont weer de goedgekeurde tekst.',
    someone: 'De coördinator',
    rejectedText: 'Wat jij schreef (kopieer het als je het nog nodig hebt):',
    copy: 'Kopiëren',
    copied: 'Gekopieerd.',
    copyFailed: 'Kopiëren lukt hier niet: selecteer de tekst en kopieer hem zelf.',
    dismiss: 'Gelezen',
    pending_one:
      '{{count}} wijziging kwam op de server toe na de goedkeuring en wacht op de beslissing van de coördinator.',
    pending_other:
      '{{count}} wijzigingen kwamen op de server toe na de goedkeuring en wachten op de beslissing van de coördinator.',
    fields: {
      notes_text: 'notitie',
      swot_items_text: 'SWOT-item',
      lemmas_narrative: 'toelichting bij een lemma',
      report_sections_body: 'rapportsectie',
      other: 'een veld',
    },
  },
  errors: {
    forbidden: 'Alleen de regiocoördinator van deze regio of de teamleider mag dit.',
    needsServer:
      'Dit kan alleen met verbinding met de server. Koppel deze laptop of probeer opnieuw zodra je online bent.',
  },
} as const;
