import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract/channels';
import type { JobView } from '../../shared/contract/sync';
import type { Services } from '../../services/runtime';
import { tempDir } from '../support/profile';
import { call, refusal, until, useLaptopsWithServer } from '../support/services';
import { TEST_PASSWORD, seed } from './server-support';

// The app's services against a real sync server on 127.0.0.1: connecting, background sync that
// resumes after a restart, and the duo exchange by file as jobs.

async function job<R>(read: () => Promise<JobView<R>>): Promise<JobView<R>> {
  return until(read, (view) => view.state !== 'running', 'a job');
}

/** Starts an import and follows it to its end. */
async function importFile(services: Services, payload: InputOf<'duo.import'>) {
  const { jobId } = await call(services, 'duo.import', payload);
  return job(() => call(services, 'jobs.import', { jobId }));
}

describe('sync services', () => {
  const env = useLaptopsWithServer('veldwerk-sync-app-');

  it('connects, syncs in the background, resumes after a restart and disconnects', async () => {
    const profile = tempDir('veldwerk-sync-a-');
    let a = env.laptop(profile);
    const campaign = await call(a, 'campaigns.create', { name: 'Gedeelde campagne', workingYear: '2025-2026' });
    await seed(env.server.store, [campaign.id], [{ email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] }]);

    expect(await call(a, 'sync.status', {})).toMatchObject({ state: 'not-configured', serverUrl: null });
    expect(
      (await refusal(a, 'sync.connect', { serverUrl: 'ftp://nope', email: 'anna@inspectie.be', password: 'x' })).code,
    ).toBe('INVALID_INPUT');
    const wrong = await refusal(a, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'anna@inspectie.be',
      password: 'wrong password',
    });
    expect(wrong.code).toBe('UNAUTHORIZED');
    const unreachable = await refusal(a, 'sync.connect', {
      serverUrl: 'http://127.0.0.1:9',
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    expect(unreachable.message).toMatch(/127\.0\.0\.1:9/);

    const connected = await call(a, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    expect(connected).toMatchObject({ serverUrl: env.server.url, email: 'anna@inspectie.be' });
    const synced = await until(
      () => call(a, 'sync.status', {}),
      (status) => status.state === 'up-to-date',
      'the first round',
    );
    expect(synced.pendingChanges).toBe(0);
    expect(synced.lastSyncAt).toBeGreaterThan(0);

    // A document received on a visit: its record and its file travel through the server.
    const store = a.profile.store;
    const sector = store.list('sectors', { campaign_id: campaign.id })[0];
    const region = store.list('regions', { campaign_id: campaign.id })[0];
    const organisation = store.insert('organisations', campaign.id, {
      sector_id: sector?.id ?? '',
      region_id: region?.id ?? '',
      name: 'Centrum',
    });
    const visit = store.insert('visits', campaign.id, {
      organisation_id: organisation,
      date: '2026-03-10',
      member_a: null,
      member_b: null,
      status: 'planned',
    });
    const content = 'Jaarverslag 2025: 1.200 cursisten, 14 medewerkers.';
    const document = await call(a, 'documents.add', {
      visitId: visit,
      title: 'Jaarverslag',
      fileName: 'jaarverslag.txt',
      mimeType: 'text/plain',
      content: Buffer.from(content).toString('base64'),
    });
    await call(a, 'sync.now', {});
    await until(
      async () => (await a.sync.filesSettled())?.uploaded ?? 0,
      (uploaded) => uploaded === 1,
      'the file upload',
    );

    // A second laptop of the same member receives the campaign, the document and its file.
    const b = env.laptop();
    await call(b, 'sync.connect', { serverUrl: env.server.url, email: 'anna@inspectie.be', password: TEST_PASSWORD });
    await until(
      () => call(b, 'campaigns.list', {}),
      (list) => list.some((row) => row.id === campaign.id),
      'the campaign on laptop B',
    );
    await until(
      async () => (await b.sync.filesSettled())?.downloaded ?? 0,
      (downloaded) => downloaded === 1,
      'the file download',
    );
    const file = await call(b, 'documents.open', { id: document.id });
    expect(Buffer.from(file.content, 'base64').toString()).toBe(content);

    // After a restart the engine resumes by itself from the profile's connection.
    await a.close();
    a = env.laptop(profile);
    expect((await call(a, 'sync.status', {})).state).not.toBe('not-configured');
    await until(
      () => call(a, 'sync.status', {}),
      (status) => status.state === 'up-to-date',
      'a round after restart',
    );
    expect(await call(a, 'sync.now', {})).toMatchObject({ serverUrl: env.server.url });

    expect(await call(a, 'sync.disconnect', {})).toMatchObject({
      state: 'not-configured',
      serverUrl: null,
      email: null,
    });
    expect((await refusal(a, 'sync.now', {})).code).toBe('CONFLICT');
  });

  it('exchanges a campaign with the duo partner by file, idempotently, and refuses bad files', async () => {
    const a = env.laptop();
    const campaign = await call(a, 'campaigns.create', { name: 'Duo', workingYear: '2025-2026' });
    const started = await call(a, 'duo.export', { campaignId: campaign.id, forPeer: null });
    const exported = await job(() => call(a, 'jobs.export', { jobId: started.jobId }));
    expect(exported).toMatchObject({ state: 'done', kind: 'export' });
    const file = exported.result;
    if (!file) throw new Error('no export result');
    expect(file.fileName).toMatch(/^veldwerk-duo-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.vwb$/);
    expect(file.count).toBeGreaterThan(10);

    const partner = env.laptop();
    const shown = await call(partner, 'duo.inspect', { base64: file.base64 });
    expect(shown).toMatchObject({ trust: 'new', maker: { node: a.profile.store.node } });
    const imported = await importFile(partner, {
      fileName: file.fileName,
      base64: file.base64,
      campaignId: null,
      trustSigner: shown.maker.fingerprint,
    });
    expect(imported).toMatchObject({
      state: 'done',
      result: { applied: file.count, duplicates: 0, campaigns: [campaign.id] },
    });
    expect((await call(partner, 'campaigns.list', {})).map((row) => row.name)).toEqual(['Duo']);
    expect((await call(partner, 'duo.info', {})).peers.map((peer) => peer.node)).toEqual([a.profile.store.node]);

    const again = await importFile(partner, { fileName: file.fileName, base64: file.base64, campaignId: campaign.id });
    expect(again).toMatchObject({ state: 'done', result: { applied: 0, duplicates: file.count } });

    const bytes = Buffer.from(file.base64, 'base64');
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2)).toString('base64');
    const before = partner.profile.store.changesAfter(0, 1_000_000).length;
    const broken = await importFile(partner, { fileName: 'kapot.vwb', base64: truncated, campaignId: campaign.id });
    expect(broken).toMatchObject({ state: 'failed', errorCode: 'duo-tampered' });
    expect(broken.error).toBeTruthy();
    expect(partner.profile.store.changesAfter(0, 1_000_000).length).toBe(before);

    const other = await call(partner, 'campaigns.create', { name: 'Andere', workingYear: '2025-2026' });
    const foreign = await importFile(partner, { fileName: file.fileName, base64: file.base64, campaignId: other.id });
    expect(foreign).toMatchObject({ state: 'failed', errorCode: 'bundle-foreign-campaign' });
    expect(foreign.error).toMatch(/another campaign/);

    expect((await refusal(partner, 'duo.import', { fileName: 'x', base64: '***', campaignId: null })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await refusal(partner, 'jobs.import', { jobId: 'no-such-job' })).code).toBe('NOT_FOUND');
  });
});
