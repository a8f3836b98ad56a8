import type { ReportTextMessages } from './report-text.nl-BE';

/** Words of a rendered report (live blocks as text): English. Same keys as report-text.nl-BE.ts. */
export const reportTextEn: ReportTextMessages = {
  rank: 'Rank',
  lemma: 'Lemma',
  score: 'Score',
  kOfN: 'k of N',
  category: 'Stakeholder category',
  participants: 'Participants',
  conversations: 'Conversations',
  total: 'Total',
  scopeLine_one: '{{sector}}, {{group}}: {{count}} conversation',
  scopeLine_other: '{{sector}}, {{group}}: {{count}} conversations',
  teamSwot: 'The team’s SWOT, {{sector}}',
  noLemmas: 'No lemmas yet.',
  frozenNote: 'Final report: the figures were recorded when it was finalised.',
  quoteChanged: 'the source changed since it was quoted',
  quoteGone: 'the source no longer exists',
  blockError: 'Block not available: {{message}}',
  footnotes: 'Footnotes',
  status: 'Status',
  penHolder: 'Pen holder',
};
