import { compareDutch } from './collation';
import { normalizeText } from './normalize';
import { QUADRANTS, byQuadrant, type Quadrant } from './quadrants';

/*
 * The team's own SWOT of a sector (DOMAIN.md): unscored, exactly five lemmas per quadrant, shown
 * in alphabetical order (Dutch collation) so that no order of importance is implied.
 * The validator answers structured issues, not sentences: the UI turns each `code` and its
 * numbers into a message of the user's language.
 */

export const TEAM_SWOT_LEMMAS_PER_QUADRANT = 5;

export interface TeamLemma {
  readonly id: string;
  readonly name: string;
}

export type TeamSwot<L extends TeamLemma = TeamLemma> = Readonly<Record<Quadrant, readonly L[]>>;

export type TeamSwotIssue =
  | {
      readonly code: 'tooFew';
      readonly quadrant: Quadrant;
      readonly count: number;
      readonly expected: number;
      readonly missing: number;
    }
  | {
      readonly code: 'tooMany';
      readonly quadrant: Quadrant;
      readonly count: number;
      readonly expected: number;
      readonly excess: number;
    }
  | { readonly code: 'blankName'; readonly quadrant: Quadrant; readonly ids: readonly string[] }
  | {
      readonly code: 'duplicateName';
      readonly quadrant: Quadrant;
      readonly name: string;
      readonly ids: readonly string[];
    };

/** Every way the team SWOT breaks the rule, quadrant by quadrant in table order; [] when it is complete. */
export function teamSwotIssues(swot: TeamSwot): TeamSwotIssue[] {
  const issues: TeamSwotIssue[] = [];
  const expected = TEAM_SWOT_LEMMAS_PER_QUADRANT;
  for (const quadrant of QUADRANTS) {
    const lemmas = swot[quadrant];
    const count = lemmas.length;
    if (count < expected) issues.push({ code: 'tooFew', quadrant, count, expected, missing: expected - count });
    if (count > expected) issues.push({ code: 'tooMany', quadrant, count, expected, excess: count - expected });
    const blank = lemmas.filter((lemma) => normalizeText(lemma.name) === '').map((lemma) => lemma.id);
    if (blank.length > 0) issues.push({ code: 'blankName', quadrant, ids: blank });
    const byName = new Map<string, TeamLemma[]>();
    for (const lemma of lemmas) {
      const key = normalizeText(lemma.name);
      if (key !== '') byName.set(key, [...(byName.get(key) ?? []), lemma]);
    }
    for (const same of byName.values()) {
      if (same.length > 1)
        issues.push({
          code: 'duplicateName',
          quadrant,
          name: (same[0] as TeamLemma).name,
          ids: same.map((lemma) => lemma.id),
        });
    }
  }
  return issues;
}

export function isCompleteTeamSwot(swot: TeamSwot): boolean {
  return teamSwotIssues(swot).length === 0;
}

/** Lemmas in alphabetical order, Dutch collation (case and accents do not weigh). */
export function sortTeamLemmas<L extends TeamLemma>(lemmas: readonly L[]): L[] {
  return [...lemmas].sort((a, b) => compareDutch(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The team SWOT as it is shown: every quadrant in alphabetical order. */
export function sortTeamSwot<L extends TeamLemma>(swot: TeamSwot<L>): TeamSwot<L> {
  return byQuadrant((quadrant) => sortTeamLemmas(swot[quadrant]));
}
