/**
 * Words of a rendered report (live blocks as text: the CLI's Markdown, export): Dutch.
 * Same keys as report-text.en.ts.
 */
export const reportTextNlBE = {
  rank: 'Rang',
  lemma: 'Lemma',
  score: 'Score',
  kOfN: 'k van N',
  category: 'Stakeholdercategorie',
  participants: 'Deelnemers',
  conversations: 'Gesprekken',
  total: 'Totaal',
  scopeLine_one: '{{sector}}, {{group}}: {{count}} gesprek',
  scopeLine_other: '{{sector}}, {{group}}: {{count}} gesprekken',
  teamSwot: 'SWOT van het team, {{sector}}',
  noLemmas: 'Nog geen lemma’s.',
  frozenNote: 'Definitief rapport: de cijfers zijn vastgelegd bij het afronden.',
  quoteChanged: 'de bron is gewijzigd sinds het citaat',
  quoteGone: 'de bron bestaat niet meer',
  blockError: 'Blok niet beschikbaar: {{message}}',
  footnotes: 'Voetnoten',
  status: 'Status',
  penHolder: 'Pennenhouder',
} as const satisfies Record<string, string>;

export type ReportTextMessages = { readonly [K in keyof typeof reportTextNlBE]: string };
