import { afterEach, describe, expect, it } from 'vitest';
import { startServices, type Services } from '../../services/runtime';
import { tempDir, testProfileKey } from '../support/profile';
import { call, refusal } from '../support/services';

// Adding a team member with the same name and e-mail address as an existing one is refused with
// a message that names the field, unless the user confirmed that it is another person.

const opened: Array<{ services: Services; folder: ReturnType<typeof tempDir> }> = [];
afterEach(async () => {
  for (const { services, folder } of opened.splice(0)) {
    await services.close();
    folder.remove();
  }
});

describe('team members', () => {
  it('refuses a second member with the same name and e-mail unless confirmed', async () => {
    const folder = tempDir('veldwerk-members-');
    const services = startServices({
      profileDir: folder.dir,
      key: testProfileKey(folder.dir),
      transport: 'http',
      backgroundSync: false,
    });
    opened.push({ services, folder });
    const campaign = await call(services, 'campaigns.create', { name: 'Team', workingYear: '2025-2026' });
    const member = {
      campaignId: campaign.id,
      name: 'Anna Peeters',
      email: 'anna@inspectie.be',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    };
    const first = await call(services, 'members.add', member);
    const again = await refusal(services, 'members.add', {
      ...member,
      name: ' anna peeters',
      email: 'Anna@inspectie.be',
    });
    expect(again.code).toBe('CONFLICT');
    expect(again.issues).toEqual([expect.objectContaining({ path: 'name', key: 'setup.errors.memberExists' })]);
    expect(again.message).toContain(first.id);
    // A namesake with another address is another person.
    await call(services, 'members.add', { ...member, email: 'anna.peeters@stad.gent' });
    // A retired member counts too: the form offers to restore them.
    await call(services, 'members.retire', { id: first.id, retired: true });
    expect((await refusal(services, 'members.add', member)).code).toBe('CONFLICT');
    // Confirmed as another person with the same name and address.
    await call(services, 'members.add', { ...member, allowDuplicate: true });
    const names = services.profile.store.list('members', { campaign_id: campaign.id }, { includeDeleted: true });
    expect(names).toHaveLength(3);
  });

  it('lets only the team lead change the team once someone is chosen as "Ik ben"', async () => {
    const folder = tempDir('veldwerk-members-');
    const services = startServices({
      profileDir: folder.dir,
      key: testProfileKey(folder.dir),
      transport: 'http',
      backgroundSync: false,
    });
    opened.push({ services, folder });
    const campaign = await call(services, 'campaigns.create', { name: 'Team', workingYear: '2025-2026' });
    const base = { campaignId: campaign.id, isInspector: true, coordinatorOf: [], sectorLeadOf: [] };
    const lead = await call(services, 'members.add', {
      ...base,
      name: 'Lea Leider',
      email: 'lea@x.be',
      isTeamLead: true,
    });
    const anna = await call(services, 'members.add', { ...base, name: 'Anna', email: 'anna@x.be', isTeamLead: false });
    // Anna on this laptop: she cannot add a member carrying someone else's name, nor change or retire one.
    await call(services, 'identity.set', { campaignId: campaign.id, memberId: anna.id });
    const added = await refusal(services, 'members.add', {
      ...base,
      name: 'Lea Leider',
      email: 'anna@x.be',
      isTeamLead: false,
    });
    expect({ code: added.code, reason: added.reason }).toEqual({ code: 'FORBIDDEN', reason: 'MEMBERS_TEAM_LEAD_ONLY' });
    const changed = await refusal(services, 'members.update', {
      isInspector: true,
      coordinatorOf: [],
      sectorLeadOf: [],
      id: lead.id,
      name: 'Lea Leider',
      email: 'anna@x.be',
      isTeamLead: true,
    });
    expect(changed.reason).toBe('MEMBERS_TEAM_LEAD_ONLY');
    expect((await refusal(services, 'members.retire', { id: lead.id, retired: true })).reason).toBe(
      'MEMBERS_TEAM_LEAD_ONLY',
    );
    expect(services.profile.store.list('members', { campaign_id: campaign.id })).toHaveLength(2);
    expect(services.profile.store.get('members', lead.id)?.email).toBe('lea@x.be');
    // The team lead can.
    await call(services, 'identity.set', { campaignId: campaign.id, memberId: lead.id });
    await call(services, 'members.add', { ...base, name: 'Bart', email: 'bart@x.be', isTeamLead: false });
    expect(services.profile.store.list('members', { campaign_id: campaign.id })).toHaveLength(3);
  });
});
