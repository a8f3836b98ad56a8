import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { sealDuoFile } from '../../db/crypto/duo-file';
import { createBundle } from '../../db/store/bundle';
import { createCampaign } from '../../db/store/campaigns';
import { capturingIo } from '../support/cli';
import { openTestProfile, TEST_PASSPHRASE, tempDir } from '../support/profile';
import { makeChanges } from './server-support';

/**
 * Issue 10: `veldwerk bundle` writes and reads the app's duo file (one implementation,
 * services/duo/): signed by the maker's laptop, its maker shown before import, a new maker
 * trusted only with the fingerprint the person compared; an unsigned file, a change made on the
 * maker's laptop signed as someone else, a change stamped with the importer's own node id and a
 * change passed on as a person on a laptop the importer cannot tie to them are refused, with
 * nothing changed. Relayed changes that the importer knows from the server pass.
 */
describe('signed duo files on the command line', () => {
  const folders = ['anna', 'bart', 'mallory', 'files'].map((name) => tempDir(`veldwerk-cli-duo-${name}-`));
  const [anna, bart, mallory, files] = folders.map((folder) => folder.dir) as [string, string, string, string];
  afterAll(() => folders.forEach((folder) => folder.remove()));

  const withProfile = <T>(dir: string, fn: (profile: ReturnType<typeof openTestProfile>) => T): T => {
    const profile = openTestProfile(dir);
    try {
      return fn(profile);
    } finally {
      profile.close();
    }
  };
  const count = (dir: string) => withProfile(dir, (profile) => profile.store.changesAfter(0, 1_000_000).length);
  const nodeOf = (dir: string) => withProfile(dir, (profile) => profile.store.node);
  const run = async (args: string[]) => {
    const io = capturingIo();
    const code = await main(args, io);
    return { code, out: io.out, err: io.err };
  };
  const fingerprintIn = (out: string) => /fingerprint ([0-9a-f]{64})/.exec(out)?.[1] ?? '';

  // Anna's campaign, with Anna chosen as "Ik ben", and the team lead's member row.
  const { campaign, annaMember, leadMember } = withProfile(anna, (profile) => {
    const made = createCampaign(profile.store, { name: 'Doorlichting integratie', workingYear: '2025-2026' }).id;
    const member = profile.store.insert('members', made, { name: 'Anna Peeters', email: 'anna@inspectie.be' });
    const lead = profile.store.insert('members', made, { name: 'Lea Leider', email: 'lea@inspectie.be' });
    profile.store.setSyncState(`identity:${made}`, member);
    profile.store.insert('good_practices', made, { visit_id: 'v1', text: 'Buddywerking' }, { author: member });
    return { campaign: made, annaMember: member, leadMember: lead };
  });

  // The team lead's laptop, whose changes reach the others through the server.
  const lead = 'leadlaptop01';
  const first = makeChanges(lead, campaign, [{ table: 'members', rowId: leadMember, column: 'name', value: 'Lea' }], {
    author: leadMember,
    wallMs: Date.now() - 60_000,
  });
  const second = makeChanges(
    lead,
    campaign,
    [{ table: 'good_practices', rowId: 'gp-lead', column: 'text', value: 'Van de teamleider' }],
    { author: leadMember },
  );

  it('signs the file, names its maker before import and trusts a new maker only with the compared fingerprint', async () => {
    const file = path.join(files, 'anna.vwb');
    const exported = await run(['bundle', 'export', '--profile', anna, '--out', file]);
    expect(exported.code).toBe(0);
    const fingerprint = fingerprintIn(exported.out);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const inspected = await run(['bundle', 'inspect', '--profile', bart, file]);
    expect(inspected.code).toBe(0);
    expect(inspected.out).toContain(`Made by Anna Peeters on laptop ${nodeOf(anna)}`);
    expect(inspected.out).toContain(`fingerprint ${fingerprint}`);
    expect(inspected.out).toContain('a laptop this profile does not know yet');

    const unconfirmed = await run(['bundle', 'import', '--profile', bart, file, '--allow-new-campaign']);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.out).toContain('Made by Anna Peeters');
    expect(unconfirmed.err).toContain(`--trust-signer ${fingerprint}`);
    const wrong = await run([
      'bundle',
      'import',
      '--profile',
      bart,
      file,
      '--allow-new-campaign',
      '--trust-signer',
      'f'.repeat(64),
    ]);
    expect(wrong.code).toBe(1);
    expect(count(bart)).toBe(0);
    const trusted = await run([
      'bundle',
      'import',
      '--profile',
      bart,
      file,
      '--allow-new-campaign',
      '--trust-signer',
      fingerprint,
    ]);
    expect(trusted.code).toBe(0);
    expect(count(bart)).toBe(count(anna));
    // Pinned: the next file of Anna's laptop is known.
    const next = path.join(files, 'anna-2.vwb');
    expect((await run(['bundle', 'export', '--profile', anna, '--out', next])).code).toBe(0);
    expect((await run(['bundle', 'inspect', '--profile', bart, next])).out).toContain('a laptop this profile knows');
  });

  it('refuses an unsigned file and forged authors, as the app does, with nothing changed', async () => {
    const before = count(bart);
    const unsignedFile = path.join(files, 'plain.vwb');
    const profile = openTestProfile(anna);
    const plain = await createBundle(profile.store, { campaign }).finally(() => profile.close());
    writeFileSync(unsignedFile, await sealDuoFile(plain.bytes, TEST_PASSPHRASE));
    const unsigned = await run(['bundle', 'import', '--profile', bart, unsignedFile]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.err).toContain('not signed');
    expect(count(bart)).toBe(before);

    // Bart has had the campaign from the server, so he checks what a file passes on against it.
    withProfile(bart, (profile) => profile.store.applyRemote(first, 'server'));
    const known = count(bart);
    // Mallory has Anna's campaign and makes files of her own, trusted by Bart below.
    const annaFile = path.join(files, 'anna.vwb');
    const annaPrint = fingerprintIn((await run(['bundle', 'inspect', '--profile', mallory, annaFile])).out);
    expect(
      (
        await run([
          'bundle',
          'import',
          '--profile',
          mallory,
          annaFile,
          '--allow-new-campaign',
          '--trust-signer',
          annaPrint,
        ])
      ).code,
    ).toBe(0);
    const forgeries: Array<[string, ReturnType<typeof makeChanges>, string]> = [
      // A change on a laptop nobody ties to Anna, signed as Anna.
      [
        'any author',
        makeChanges(
          'forgednode01',
          campaign,
          [{ table: 'good_practices', rowId: 'gp-f1', column: 'text', value: 'x' }],
          {
            author: annaMember,
          },
        ),
        'does not know from the server',
      ],
      // A change stamped with Bart's own laptop id.
      [
        "the importer's node",
        makeChanges(nodeOf(bart), campaign, [{ table: 'good_practices', rowId: 'gp-f2', column: 'text', value: 'y' }], {
          author: nodeOf(bart),
        }),
        'claim to be made on this laptop',
      ],
    ];
    let malloryPrint = '';
    for (const [what, changes, message] of forgeries) {
      withProfile(mallory, (profile) => profile.store.applyRemote(changes, 'bundle'));
      const forged = path.join(files, `mallory-${what.replace(/\W+/g, '-')}.vwb`);
      const exported = await run(['bundle', 'export', '--profile', mallory, '--out', forged]);
      expect(exported.code).toBe(0);
      malloryPrint = fingerprintIn(exported.out);
      const refused = await run(['bundle', 'import', '--profile', bart, forged, '--trust-signer', malloryPrint]);
      expect({ what, code: refused.code }).toEqual({ what, code: 1 });
      expect(refused.err).toContain(message);
      expect(count(bart)).toBe(known);
    }
    expect(malloryPrint).not.toBe('');
  });

  it('passes on a change of a laptop the importer knows from the server signed as that person', async () => {
    // Both laptops had the lead's first change from the server; only Anna the second one so far.
    withProfile(anna, (profile) => profile.store.applyRemote([...first, ...second], 'server'));
    const file = path.join(files, 'anna-relay.vwb');
    expect((await run(['bundle', 'export', '--profile', anna, '--out', file, '--for', nodeOf(bart)])).code).toBe(0);
    const imported = await run(['bundle', 'import', '--profile', bart, file]);
    expect({ code: imported.code, err: imported.err }).toEqual({ code: 0, err: '' });
    expect(withProfile(bart, (profile) => profile.store.get('good_practices', 'gp-lead')?.text)).toBe(
      'Van de teamleider',
    );
  });
});
