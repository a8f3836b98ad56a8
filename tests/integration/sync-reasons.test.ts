import { describe, expect, it } from 'vitest';
import type { JobView } from '../../shared/contract/sync';
import { isReasonCode } from '../../shared/sync/reasons';
import { catalogs } from '../../shared/i18n';
import { call, refusal, until, useLaptopsWithServer } from '../support/services';
import { TEST_PASSWORD, seed } from './server-support';

const DUO_PASSPHRASE = 'onze duo-afspraak 2026';

// Issue 10: what the server or the engine says reaches the UI as a reason code it shows in the
// user's language; the duo partner has a name.

describe('sync messages by reason code', () => {
  const env = useLaptopsWithServer('veldwerk-reasons-');

  it('refuses a wrong password and an unreachable server with codes the catalogs translate', async () => {
    const laptop = env.laptop();
    const campaign = await call(laptop, 'campaigns.create', { name: 'Redenen', workingYear: '2025-2026' });
    await seed(env.server.store, [campaign.id], [{ email: 'rik@inspectie.be', roles: [{ role: 'inspector' }] }]);

    const wrong = await refusal(laptop, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'rik@inspectie.be',
      password: 'not the password',
    });
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', reason: 'WRONG_CREDENTIALS' });
    const unreachable = await refusal(laptop, 'sync.connect', {
      serverUrl: 'http://127.0.0.1:9',
      email: 'rik@inspectie.be',
      password: TEST_PASSWORD,
    });
    expect(unreachable.reason).toBe('SERVER_UNREACHABLE');
    for (const reason of [wrong.reason, unreachable.reason]) {
      expect(isReasonCode(reason)).toBe(true);
      expect(catalogs['nl-BE'].syncReasons[reason as 'WRONG_CREDENTIALS']).not.toMatch(/Wrong|ECONNREFUSED/);
    }
    expect(catalogs['nl-BE'].syncReasons.WRONG_CREDENTIALS).toBe('Verkeerd e-mailadres of wachtwoord.');

    // A connected laptop whose server went away says so by code, not in the network's words.
    await call(laptop, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'rik@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      () => call(laptop, 'sync.status', {}),
      (status) => status.state === 'up-to-date',
      'the first round',
    );
    laptop.profile.store.setSyncState('sync:server-url', 'http://127.0.0.1:9');
    await laptop.sync.close();
    laptop.sync.resume();
    const offline = await until(
      () => call(laptop, 'sync.status', {}),
      (status) => status.state === 'offline',
      'the offline state',
    );
    expect(offline.reasonCode).toBe('SERVER_UNREACHABLE');
    expect(offline.reason).toMatch(/127\.0\.0\.1:9|ECONNREFUSED|fetch failed/);
  });

  it('names the duo partner by the member who works on that laptop', async () => {
    const a = env.laptop();
    const campaign = await call(a, 'campaigns.create', { name: 'Duo met naam', workingYear: '2025-2026' });
    const member = await call(a, 'members.add', {
      campaignId: campaign.id,
      name: 'Anna Peeters',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    await call(a, 'identity.set', { campaignId: campaign.id, memberId: member.id });
    const sector = a.profile.store.list('sectors', { campaign_id: campaign.id })[0];
    const region = a.profile.store.list('regions', { campaign_id: campaign.id })[0];
    a.profile.store.insert(
      'organisations',
      campaign.id,
      { sector_id: sector?.id ?? '', region_id: region?.id ?? '', name: 'De Brug' },
      { author: member.id },
    );

    const { jobId } = await call(a, 'duo.export', {
      campaignId: campaign.id,
      forPeer: null,
      passphrase: DUO_PASSPHRASE,
    });
    const exported = await until(
      () => call(a, 'jobs.export', { jobId }),
      (view: JobView<unknown>) => view.state !== 'running',
      'the export',
    );
    const b = env.laptop();
    const base64 = exported.result?.base64 ?? '';
    const { maker } = await call(b, 'duo.inspect', { base64, passphrase: DUO_PASSPHRASE });
    expect(maker.name).toBe('Anna Peeters');
    const started = await call(b, 'duo.import', {
      fileName: 'duo.vwb',
      base64,
      campaignId: null,
      passphrase: DUO_PASSPHRASE,
      trustSigner: maker.fingerprint,
    });
    await until(
      () => call(b, 'jobs.import', { jobId: started.jobId }),
      (view) => view.state === 'done',
      'the import',
    );
    expect((await call(b, 'duo.info', {})).peers).toEqual([
      { node: a.profile.store.node, name: 'Anna Peeters', campaigns: [campaign.id], paired: false },
    ]);
  });
});
