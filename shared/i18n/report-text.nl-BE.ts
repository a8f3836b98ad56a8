/**
 * Words of `veldwerk report show`'s Markdown above the report (the report itself is written by
 * shared/export/markdown.ts with the export catalog's words): Dutch. Same keys as report-text.en.ts.
 */
export const reportTextNlBE = {
  frozenNote: 'Definitief rapport: de cijfers zijn vastgelegd bij het afronden.',
  status: 'Status',
  penHolder: 'Pennenhouder',
} as const satisfies Record<string, string>;

export type ReportTextMessages = { readonly [K in keyof typeof reportTextNlBE]: string };
