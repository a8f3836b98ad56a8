import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncHttpClient } from '../../services/sync/client/http';
import {
  TEST_PASSWORD,
  createTestStoreLocation,
  makeChanges,
  seed,
  startTestServer,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

// A locked section takes edits from its owner only, and the owner is a member id: the server
// compares it with the change's authenticated author, not e-mail addresses. A second account
// whose address reads like the owner's ("anna@lnspectie.be" beside "anna@inspectie.be"; accounts
// differing only in case cannot exist, shared/domain/email.ts), signing as its own member (both
// made by the team lead, who alone writes member rows), has its edit held like anyone else's.
describe('section locks match the owner by member id', () => {
  let handle: TestStoreHandle;
  let server: RunningTestServer;

  beforeAll(async () => {
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
    await seed(
      server.store,
      ['cl'],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'anna@lnspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'lea@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
  });

  afterAll(async () => {
    await server?.close();
    await handle?.destroy();
  });

  async function client(email: string): Promise<SyncHttpClient> {
    const http = new SyncHttpClient({ baseUrl: server.url });
    await http.login(email, TEST_PASSWORD);
    return http;
  }

  const title = async () =>
    (
      await server.store.transaction((tx) =>
        server.store.latestValues(tx, 'cl', 'report_sections', 'title', ['rs-lock']),
      )
    ).get('rs-lock')?.value;

  it("holds the look-alike account's edit of the locked section and takes the owner's", async () => {
    const anna = await client('anna@inspectie.be');
    const wall = Date.now() - 5000;
    const lead = await client('lea@inspectie.be');
    const team = makeChanges(
      'lealaptop01',
      'cl',
      [
        { table: 'members', rowId: 'm-anna', column: 'name', value: 'Anna Peeters' },
        { table: 'members', rowId: 'm-anna', column: 'email', value: 'anna@inspectie.be' },
        { table: 'members', rowId: 'm-eve', column: 'name', value: 'Anna Peeters' },
        { table: 'members', rowId: 'm-eve', column: 'email', value: 'anna@lnspectie.be' },
      ],
      { wallMs: wall - 1000 },
    );
    expect(await lead.push('cl', team)).toMatchObject({ accepted: team.length, refused: [] });
    const own = makeChanges(
      'annalaptop1',
      'cl',
      [
        { table: 'reports', rowId: 'rp-lock', column: 'kind', value: 'final' },
        { table: 'reports', rowId: 'rp-lock', column: 'scope_id', value: null },
        { table: 'reports', rowId: 'rp-lock', column: 'title', value: 'Eindrapport' },
        { table: 'reports', rowId: 'rp-lock', column: 'pen_holder_id', value: 'm-anna' },
        { table: 'report_sections', rowId: 'rs-lock', column: 'report_id', value: 'rp-lock' },
        { table: 'report_sections', rowId: 'rs-lock', column: 'title', value: 'Uitdagingen' },
        { table: 'report_sections', rowId: 'rs-lock', column: 'owner_id', value: 'm-anna' },
        { table: 'report_sections', rowId: 'rs-lock', column: 'locked', value: true },
      ],
      { author: 'm-anna', wallMs: wall },
    );
    expect(await anna.push('cl', own)).toMatchObject({ accepted: own.length, held: 0, refused: [] });

    const lookAlike = await client('anna@lnspectie.be');
    const theirs = makeChanges(
      'evelaptop01',
      'cl',
      [{ table: 'report_sections', rowId: 'rs-lock', column: 'title', value: 'Overgenomen' }],
      { author: 'm-eve', wallMs: wall + 1000 },
    );
    expect(await lookAlike.push('cl', theirs)).toMatchObject({ accepted: 0, held: 1, refused: [] });
    expect(await title()).toBe('Uitdagingen');
    // Signed as the look-alike's laptop itself (no member chosen): held too.
    const unsigned = makeChanges(
      'evelaptop01',
      'cl',
      [{ table: 'report_sections', rowId: 'rs-lock', column: 'title', value: 'Nog eens' }],
      { author: 'evelaptop01', wallMs: wall + 2000 },
    );
    expect(await lookAlike.push('cl', unsigned)).toMatchObject({ accepted: 0, held: 1, refused: [] });

    // The owner, signing as herself, edits her locked section.
    const mine = makeChanges(
      'annalaptop1',
      'cl',
      [{ table: 'report_sections', rowId: 'rs-lock', column: 'title', value: 'Uitdagingen voor de sector' }],
      { author: 'm-anna', wallMs: wall + 3000 },
    );
    expect(await anna.push('cl', mine)).toMatchObject({ accepted: 1, held: 0 });
    expect(await title()).toBe('Uitdagingen voor de sector');
  });
});
