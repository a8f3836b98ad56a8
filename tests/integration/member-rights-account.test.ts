import { describe, expect, it } from 'vitest';
import { seedFieldwork } from '../support/seed';
import { call, refusal, until, useLaptopsWithServer } from '../support/services';
import { seed, TEST_PASSWORD } from './server-support';

/**
 * Member rows are the team lead's (issue 10). The server decides by the sync account's role, so
 * the laptop keeps that role from the login and every round and refuses (and the team tab does
 * not offer) a member change of an account that is no team lead, also before anyone is chosen
 * as "Ik ben" (before, it let the change through to the server, which refused it).
 */
describe('who may change the team, by the sync account', () => {
  const env = useLaptopsWithServer('veldwerk-member-rights-');

  it('keeps the account\'s roles from the server and refuses an inspector\'s member change before and after "Ik ben"', async () => {
    const bart = env.laptop();
    const seeded = await seedFieldwork(bart, { visits: 1, identity: 1 });
    await seed(
      env.server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    await call(bart, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'bart@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      () => call(bart, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      "the first push of Bart's laptop",
    );
    expect((await call(bart, 'setup.get', { campaignId: seeded.campaignId })).accountRoles).toEqual(['team-lead']);

    const anna = env.laptop();
    await call(anna, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => anna.profile.store.get('campaigns', seeded.campaignId) !== undefined,
      (arrived) => arrived,
      "the campaign on Anna's laptop",
    );
    const setup = await call(anna, 'setup.get', { campaignId: seeded.campaignId });
    expect(setup.accountRoles).toEqual(['inspector']);
    const member = {
      campaignId: seeded.campaignId,
      name: 'Carl Smet',
      email: 'carl@inspectie.be',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    };
    // Nobody chosen as "Ik ben" yet: the account decides.
    const before = await refusal(anna, 'members.add', member);
    expect({ code: before.code, reason: before.reason }).toEqual({
      code: 'FORBIDDEN',
      reason: 'MEMBERS_TEAM_LEAD_ONLY',
    });
    // Anna chose herself, and even "Ik ben Bart" on her laptop does not make her account the lead.
    for (const memberId of seeded.members) {
      await call(anna, 'identity.set', { campaignId: seeded.campaignId, memberId });
      expect((await refusal(anna, 'members.add', member)).reason).toBe('MEMBERS_TEAM_LEAD_ONLY');
    }
    expect(anna.profile.store.list('members', { campaign_id: seeded.campaignId })).toHaveLength(2);

    // Bart's account is the team lead: he may; after he signs out the laptop forgets the role.
    await call(bart, 'members.add', member);
    await call(bart, 'sync.disconnect', {});
    expect((await call(bart, 'setup.get', { campaignId: seeded.campaignId })).accountRoles).toBeNull();
  });
});
