import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { createCampaign } from '../../db/store/campaigns';
import { capturingIo } from '../support/cli';
import { openTestProfile, tempDir, testPassphraseEnv } from '../support/profile';
import { login, seed, startTestServer, createTestStoreLocation } from './server-support';

/**
 * Issue 10: `veldwerk bundle ... --campaign` and `veldwerk sync --campaign` take a campaign by
 * id, name or working year and refuse unknown ones; `veldwerk bundle import` applies the app's
 * strict foreign-campaign check, also to a file that lists one of the profile's campaigns too.
 */
describe('campaign names on the command line', () => {
  const folders = [tempDir('veldwerk-cli-names-a-'), tempDir('veldwerk-cli-names-b-'), tempDir('veldwerk-cli-files-')];
  const [source, target, files] = folders as [
    ReturnType<typeof tempDir>,
    ReturnType<typeof tempDir>,
    ReturnType<typeof tempDir>,
  ];
  afterAll(() => folders.forEach((folder) => folder.remove()));

  function campaigns(dir: string, made: { name: string; workingYear: string }[]): string[] {
    const profile = openTestProfile(dir);
    try {
      return made.map((input) => createCampaign(profile.store, input).id);
    } finally {
      profile.close();
    }
  }
  const countChanges = (dir: string): number => {
    const profile = openTestProfile(dir);
    try {
      return profile.store.changesAfter(0, 1_000_000).length;
    } finally {
      profile.close();
    }
  };

  const [shared, other] = campaigns(source.dir, [
    { name: 'Doorlichting integratie', workingYear: '2025-2026' },
    { name: 'Andermans campagne', workingYear: '2024-2025' },
  ]) as [string, string];

  it('exports one campaign by name or working year and refuses a name the profile does not have', async () => {
    const byName = capturingIo();
    const sharedFile = path.join(files.dir, 'shared.vwb');
    expect(
      await main(
        ['bundle', 'export', '--profile', source.dir, '--out', sharedFile, '--campaign', ' doorlichting INTEGRATIE '],
        byName,
      ),
    ).toBe(0);
    expect(byName.out).toContain('of 1 campaign(s)');
    const byYear = capturingIo();
    expect(
      await main(
        [
          'bundle',
          'export',
          '--profile',
          source.dir,
          '--out',
          path.join(files.dir, 'y.vwb'),
          '--campaign',
          '2024-2025',
        ],
        byYear,
      ),
    ).toBe(0);
    const unknown = capturingIo();
    expect(
      await main(
        [
          'bundle',
          'export',
          '--profile',
          source.dir,
          '--out',
          path.join(files.dir, 'x.vwb'),
          '--campaign',
          'Werkjaar 1999',
        ],
        unknown,
      ),
    ).toBe(1);
    expect(unknown.err).toContain('No campaign "Werkjaar 1999"; choose from: ');
    expect(unknown.err).toContain(`Doorlichting integratie (${shared})`);

    // The partner's laptop takes the shared campaign (new to it, allowed explicitly).
    const first = capturingIo();
    const maker = /fingerprint ([0-9a-f]{64})/.exec(byName.out)?.[1] ?? '';
    expect(
      await main(
        ['bundle', 'import', '--profile', target.dir, sharedFile, '--allow-new-campaign', '--trust-signer', maker],
        first,
      ),
    ).toBe(0);
  });

  it('refuses a file that lists one of the profile’s campaigns and slips another in, as the app does', async () => {
    const both = path.join(files.dir, 'both.vwb');
    expect(await main(['bundle', 'export', '--profile', source.dir, '--out', both], capturingIo())).toBe(0);
    const before = countChanges(target.dir);
    const plain = capturingIo();
    expect(await main(['bundle', 'import', '--profile', target.dir, both], plain)).toBe(1);
    expect(plain.err).toContain(`a campaign this profile does not take part in (${other})`);
    const named = capturingIo();
    expect(
      await main(['bundle', 'import', '--profile', target.dir, both, '--campaign', 'Doorlichting integratie'], named),
    ).toBe(1);
    expect(named.err).toContain(`another campaign (${other})`);
    // A campaign this laptop does not hold is named by id, and only with --allow-new-campaign.
    const byUnknownName = capturingIo();
    expect(
      await main(
        ['bundle', 'import', '--profile', target.dir, both, '--campaign', 'Andermans campagne'],
        byUnknownName,
      ),
    ).toBe(1);
    expect(byUnknownName.err).toContain('No campaign "Andermans campagne"');
    expect(countChanges(target.dir)).toBe(before);
  });

  it('syncs the campaigns named by name, and refuses a name that is no campaign of the laptop or the server', async () => {
    const handle = await createTestStoreLocation('sqlite');
    const server = await startTestServer(handle.location);
    try {
      await seed(
        server.store,
        [shared, other],
        [
          {
            email: 'anna@inspectie.be',
            roles: [
              { role: 'inspector', campaign: shared },
              { role: 'inspector', campaign: other },
            ],
          },
        ],
      );
      const token = await login(server.url, 'anna@inspectie.be');
      const env = { ...testPassphraseEnv(), VELDWERK_TOKEN: token };
      const named = Object.assign(capturingIo(), { env });
      expect(
        await main(
          ['sync', '--server', server.url, '--profile', source.dir, '--campaign', 'Doorlichting integratie'],
          named,
        ),
      ).toBe(0);
      expect(named.out).toContain('Synced 1 campaign(s)');
      expect((await server.store.changesAfter(shared, 0, 10)).length).toBeGreaterThan(0);
      expect(await server.store.changesAfter(other, 0, 10)).toEqual([]);
      const unknown = Object.assign(capturingIo(), { env });
      expect(
        await main(['sync', '--server', server.url, '--profile', source.dir, '--campaign', 'Werkjaar 1999'], unknown),
      ).toBe(1);
      expect(unknown.err).toContain('No campaign "Werkjaar 1999"; choose from: ');
      expect(await server.store.changesAfter(other, 0, 10)).toEqual([]);
    } finally {
      await server.close();
      await handle.destroy();
    }
  });
});
