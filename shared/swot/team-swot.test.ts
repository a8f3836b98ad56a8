import { describe, expect, it } from 'vitest';
import { isCompleteTeamSwot, sortTeamLemmas, sortTeamSwot, teamSwotIssues, type TeamSwot } from './team-swot';

const lemmas = (prefix: string, names: readonly string[]) =>
  names.map((name, index) => ({ id: `${prefix}${index}`, name }));
const five = (prefix: string) => lemmas(prefix, ['een', 'twee', 'drie', 'vier', 'vijf']);

const complete: TeamSwot = {
  strengths: five('s'),
  weaknesses: five('w'),
  opportunities: five('o'),
  threats: five('t'),
};

describe('team SWOT', () => {
  it('accepts exactly five named lemmas per quadrant', () => {
    expect(teamSwotIssues(complete)).toEqual([]);
    expect(isCompleteTeamSwot(complete)).toBe(true);
  });

  it('reports per quadrant how many are missing or too many', () => {
    const swot: TeamSwot = {
      ...complete,
      weaknesses: five('w').slice(0, 3),
      threats: [...five('t'), { id: 't9', name: 'zes' }],
      opportunities: [],
    };
    expect(teamSwotIssues(swot)).toEqual([
      { code: 'tooFew', quadrant: 'weaknesses', count: 3, expected: 5, missing: 2 },
      { code: 'tooFew', quadrant: 'opportunities', count: 0, expected: 5, missing: 5 },
      { code: 'tooMany', quadrant: 'threats', count: 6, expected: 5, excess: 1 },
    ]);
    expect(isCompleteTeamSwot(swot)).toBe(false);
  });

  it('reports blank and duplicate names (case and accents ignored)', () => {
    const swot: TeamSwot = {
      ...complete,
      strengths: lemmas('s', ['Coördinatie', ' ', 'coordinatie', 'Aanbod', 'Netwerk']),
    };
    expect(teamSwotIssues(swot)).toEqual([
      { code: 'blankName', quadrant: 'strengths', ids: ['s1'] },
      { code: 'duplicateName', quadrant: 'strengths', name: 'Coördinatie', ids: ['s0', 's2'] },
    ]);
  });

  it('sorts alphabetically with Dutch collation, keeping extra fields', () => {
    const sorted = sortTeamLemmas([
      { id: 'a', name: 'Zorg', note: 1 },
      { id: 'b', name: 'ééntalig beleid', note: 2 },
      { id: 'c', name: 'Aanbod', note: 3 },
      { id: 'd', name: 'beleid', note: 4 },
    ]);
    expect(sorted.map((lemma) => lemma.name)).toEqual(['Aanbod', 'beleid', 'ééntalig beleid', 'Zorg']);
    expect(sorted[0]).toEqual({ id: 'c', name: 'Aanbod', note: 3 });
    expect(sortTeamSwot(complete).strengths.map((lemma) => lemma.name)).toEqual([
      'drie',
      'een',
      'twee',
      'vier',
      'vijf',
    ]);
  });
});
