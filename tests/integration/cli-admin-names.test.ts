import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerStore } from '../../server/store/open';
import { startServices } from '../../services/runtime';
import { tempDir, testProfileKey } from '../support/profile';
import { call, until } from '../support/services';
import { createTestStoreLocation, seed, startTestServer, TEST_PASSWORD, type TestStoreHandle } from './server-support';

// Issue 10: `veldwerk admin add-member --role region-coordinator --region Limburg` works with the
// names the coordinator knows, and refuses names the campaign does not have.

const ROOT = path.resolve(import.meta.dirname, '../..');

function veldwerk(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/veldwerk.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('veldwerk admin with names', () => {
  let handle: TestStoreHandle;
  let dataDir: string;
  let campaignId: string;
  const profile = tempDir('veldwerk-admin-names-');

  /** `veldwerk admin add-member` on the suite's server data, in the suite's campaign unless told otherwise. */
  const addMember = (member: { email: string; role: string; region?: string; sector?: string; campaign?: string }) =>
    veldwerk([
      'admin',
      'add-member',
      '--data',
      dataDir,
      '--campaign',
      member.campaign ?? campaignId,
      '--email',
      member.email,
      '--role',
      member.role,
      ...(member.region ? ['--region', member.region] : []),
      ...(member.sector ? ['--sector', member.sector] : []),
    ]);

  beforeAll(async () => {
    handle = await createTestStoreLocation('sqlite');
    dataDir = handle.location.dataDir as string;
    const server = await startTestServer(handle.location);
    // The team lead's laptop sets the campaign up and syncs its regions and sectors to the server.
    const laptop = startServices({ profileDir: profile.dir, key: testProfileKey(profile.dir), transport: 'http' });
    try {
      const campaign = await call(laptop, 'campaigns.create', { name: 'Werkjaar 2025-2026', workingYear: '2025-2026' });
      campaignId = campaign.id;
      await seed(server.store, [campaign.id], [{ email: 'lead@inspectie.be', roles: [{ role: 'team-lead' }] }]);
      await call(laptop, 'sync.connect', {
        serverUrl: server.url,
        email: 'lead@inspectie.be',
        password: TEST_PASSWORD,
      });
      await until(
        () => call(laptop, 'sync.status', {}),
        (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
        'the first round',
      );
    } finally {
      await laptop.close();
      await server.close();
    }
  });

  afterAll(async () => {
    await handle.destroy();
    profile.remove();
  });

  async function membership(email: string) {
    const store = await openServerStore({ dataDir });
    try {
      const user = await store.findUserByEmail(email);
      return user ? await store.activeMemberships(user.id, campaignId) : [];
    } finally {
      await store.close();
    }
  }

  it('takes a region by name and a campaign by name, storing the ids the server checks', async () => {
    const added = await addMember({
      email: 'rita@inspectie.be',
      role: 'region-coordinator',
      region: 'limburg',
      campaign: `Campaign ${campaignId}`,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('region-coordinator of provincie Limburg');
    const [role] = await membership('rita@inspectie.be');
    expect(role).toMatchObject({ role: 'region-coordinator' });
    expect(role?.scope).toMatch(/\S/);
    expect(role?.scope).not.toBe('limburg');

    const lead = await addMember({ email: 'sam@inspectie.be', role: 'sector-lead', sector: 'IC' });
    expect(lead.code, lead.stderr).toBe(0);
    expect(lead.stdout).toContain('sector-lead of IC Integratiecentra');
  });

  it('refuses unknown and ambiguous names with the choices, and changes nothing', async () => {
    const unknown = await addMember({ email: 'tim@inspectie.be', role: 'region-coordinator', region: 'Atlantis' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No region "Atlantis"');
    expect(unknown.stderr).toContain('provincie Limburg');

    const ambiguous = await addMember({ email: 'tim@inspectie.be', role: 'region-coordinator', region: 'Antwerpen' });
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('"Antwerpen" names more than one region');
    expect(ambiguous.stderr).toContain('provincie Antwerpen (');
    expect(ambiguous.stderr).toContain('stad Antwerpen (');

    const noCampaign = await addMember({ email: 'tim@inspectie.be', role: 'inspector', campaign: 'Werkjaar 1999' });
    expect(noCampaign.code).toBe(1);
    expect(noCampaign.stderr).toContain('No campaign "Werkjaar 1999"');
    expect(await membership('tim@inspectie.be')).toEqual([]);

    const city = await addMember({ email: 'tim@inspectie.be', role: 'region-coordinator', region: 'stad Antwerpen' });
    expect(city.code, city.stderr).toBe(0);
  });
});
