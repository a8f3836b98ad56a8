import type { ReportTextMessages } from './report-text.nl-BE';

/** Words of `veldwerk report show`'s Markdown above the report: English. Same keys as report-text.nl-BE.ts. */
export const reportTextEn: ReportTextMessages = {
  frozenNote: 'Final report: the figures were recorded when it was finalised.',
  status: 'Status',
  penHolder: 'Pen holder',
};
