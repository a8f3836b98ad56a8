import { describe, expect, it } from 'vitest';
import { findSameMember, mayChangeMembers } from './members';

const anna = { id: 'm1', name: 'Anna Peeters', email: 'anna@inspectie.be', deleted: false };
const retired = { id: 'm2', name: 'Bert Claes', email: null, deleted: true };

describe('findSameMember', () => {
  it('finds a member by folded name and e-mail, and a retired one', () => {
    expect(findSameMember([anna, retired], { name: '  anna  PEETERS ', email: 'Anna@Inspectie.be' })).toBe(anna);
    expect(findSameMember([anna, retired], { name: 'Bért Claes', email: '' })).toBe(retired);
    expect(findSameMember([anna, retired], { name: 'Bert Claes', email: null })).toBe(retired);
  });

  it('does not take a namesake with another address, or an empty name, for the same member', () => {
    expect(findSameMember([anna], { name: 'Anna Peeters', email: 'anna.peeters@stad.gent' })).toBeNull();
    expect(findSameMember([anna], { name: 'Anna Peeters', email: null })).toBeNull();
    expect(findSameMember([{ ...anna, name: '' }], { name: ' ', email: 'anna@inspectie.be' })).toBeNull();
  });

  it('prefers the active member when a retired one has the same name and address', () => {
    const old = { ...anna, id: 'm0', deleted: true };
    expect(findSameMember([old, anna], { name: 'Anna Peeters', email: 'anna@inspectie.be' })).toBe(anna);
  });
});

describe('mayChangeMembers', () => {
  const members = [
    { id: 'lead', is_team_lead: true, deleted: false },
    { id: 'anna', is_team_lead: false, deleted: false },
  ];
  it('follows the sync account\'s role first, then the person chosen as "Ik ben"', () => {
    expect(mayChangeMembers(members, null)).toBe(true);
    expect(mayChangeMembers(members, 'anna')).toBe(false);
    expect(mayChangeMembers(members, 'lead')).toBe(true);
    expect(mayChangeMembers(members, null, ['inspector'])).toBe(false);
    expect(mayChangeMembers(members, 'lead', ['inspector', 'region-coordinator'])).toBe(false);
    expect(mayChangeMembers(members, null, ['team-lead'])).toBe(true);
    expect(mayChangeMembers(members, 'anna', ['team-lead'])).toBe(false);
  });
});
