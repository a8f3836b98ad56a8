/**
 * Finding a record the user names on the command line: by its id, or by one of its names or codes
 * (a region "Limburg", a sector "IC" or "Informatica", a campaign "Werkjaar 2025-2026"), compared
 * without case, accents or surrounding spaces. One rule for every place the CLI takes such a name.
 */

import { foldName as foldText } from './organisation-import';

const foldName = (text: string | null | undefined): string => foldText(text ?? '');

export interface NamedRow {
  readonly id: string;
  /** Names and codes the row answers to besides its id. */
  readonly names: readonly (string | null | undefined)[];
  /** How the row is listed in a message: e.g. "Limburg (r-12ab)". */
  readonly label: string;
}

export type NameLookup<T extends NamedRow> =
  | { readonly ok: true; readonly row: T }
  | { readonly ok: false; readonly reason: 'unknown' | 'ambiguous' | 'unnamed'; readonly message: string };

/**
 * The one row `wanted` names; an id wins over a name. Without `wanted`, the only row when there
 * is exactly one. The English message lists the choices (or the ambiguous matches).
 */
export function findNamed<T extends NamedRow>(
  what: string,
  rows: readonly T[],
  wanted: string | undefined,
): NameLookup<T> {
  const choices = rows.map((row) => row.label).join(', ') || 'none';
  if (wanted === undefined) {
    if (rows.length === 1) return { ok: true, row: rows[0] as T };
    return { ok: false, reason: 'unnamed', message: `Name the ${what}; choose from: ${choices}` };
  }
  const byId = rows.filter((row) => row.id === wanted);
  const matches =
    byId.length > 0
      ? byId
      : rows.filter((row) => row.names.some((name) => foldName(name) !== '' && foldName(name) === foldName(wanted)));
  if (matches.length === 1) return { ok: true, row: matches[0] as T };
  if (matches.length === 0)
    return { ok: false, reason: 'unknown', message: `No ${what} "${wanted}"; choose from: ${choices}` };
  return {
    ok: false,
    reason: 'ambiguous',
    message: `"${wanted}" names more than one ${what}; use the id: ${matches.map((row) => row.label).join(', ')}`,
  };
}
