import { describe, expect, it } from 'vitest';
import { isSealedDuoFile, sealedWith } from '../../db/crypto/duo-file';
import { bufferSource } from '../../db/store/byte-stream';
import type { Services } from '../../services/runtime';
import { loadOrCreateIdentity } from '../../services/lan/identity';
import type { InputOf } from '../../shared/contract/channels';
import { seedFieldwork } from '../support/seed';
import { call, importTrustingMaker, pairLaptops, refusal, until, useLaptopsWithServer } from '../support/services';

/**
 * Duo files sealed for the paired partner (issue 12): with no passphrase typed, a file made for a
 * partner this laptop paired with over the network is encrypted under the key the two laptops
 * share (ECDH of their identities); that partner opens it with nothing to type, any other laptop
 * cannot, and a file for a laptop that is not paired still needs the duo's passphrase.
 */
describe('duo files sealed with the pairing key', () => {
  const env = useLaptopsWithServer('veldwerk-duo-pair-');

  async function exported(services: Services, payload: InputOf<'duo.export'>) {
    const { jobId } = await call(services, 'duo.export', payload);
    const job = await until(
      () => call(services, 'jobs.export', { jobId }),
      (view) => view.state !== 'running',
      'the export',
    );
    if (!job.result) throw new Error(`export failed: ${job.error ?? ''}`);
    return job.result;
  }

  it('opens on the partner it was made for with nothing typed, and nowhere else', async () => {
    const anna = env.laptop();
    const bart = env.laptop();
    const carl = env.laptop();
    const seeded = await seedFieldwork(anna, { visits: 1 });
    await pairLaptops(anna.profile, bart.profile);
    await pairLaptops(anna.profile, carl.profile);
    const bartNode = bart.profile.store.node;

    // The partner list says which partners need no passphrase.
    const info = await call(anna, 'duo.info', {});
    expect(info.peers.find((peer) => peer.node === bartNode)).toMatchObject({ paired: true });

    const file = await exported(anna, { campaignId: seeded.campaignId, forPeer: bartNode });
    expect(file.sealed).toBe('pair');
    const bytes = Buffer.from(file.base64, 'base64');
    expect(isSealedDuoFile(bytes)).toBe(true);
    expect(await sealedWith(bufferSource(bytes))).toMatchObject({ kind: 'pair' });
    // Neither laptop's fingerprint nor node is in the file's clear header.
    const clear = bytes.subarray(0, 200).toString('latin1');
    expect(clear).not.toContain(bartNode);
    expect(clear).not.toContain((await loadOrCreateIdentity(bart.profile.dir)).fingerprint);

    // Bart: who made it, then the import, no passphrase.
    const shown = await call(bart, 'duo.inspect', { base64: file.base64 });
    expect(shown.maker).toMatchObject({ name: 'Anna Peeters', node: anna.profile.store.node });
    const result = await importTrustingMaker(bart, file.base64);
    expect(result).toMatchObject({ state: 'done', result: { applied: file.count } });
    expect(bart.profile.store.get('campaigns', seeded.campaignId)).toBeTruthy();

    // Carl is paired with Anna too, but the file was made for Bart: it does not open, and says why.
    const refused = await refusal(carl, 'duo.inspect', { base64: file.base64 });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.issues?.[0]?.key).toBe('vault.duo.errors.otherLaptop');
    const { jobId } = await call(carl, 'duo.import', {
      fileName: file.fileName,
      base64: file.base64,
      campaignId: null,
    });
    const notImported = await until(
      () => call(carl, 'jobs.import', { jobId }),
      (view) => view.state !== 'running',
      'the import',
    );
    expect(notImported).toMatchObject({ state: 'failed', errorCode: 'duo-other-laptop' });
    expect(carl.profile.store.get('campaigns', seeded.campaignId)).toBeUndefined();
  });

  it('still asks for the passphrase for a laptop that is not paired, and seals with it when given', async () => {
    const anna = env.laptop();
    const seeded = await seedFieldwork(anna, { visits: 1 });
    const stranger = env.laptop();
    const missing = await refusal(anna, 'duo.export', {
      campaignId: seeded.campaignId,
      forPeer: stranger.profile.store.node,
    });
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.issues?.[0]).toMatchObject({ path: 'passphrase', key: 'vault.duo.errors.neededForExport' });
    const everything = await refusal(anna, 'duo.export', { campaignId: seeded.campaignId, forPeer: null });
    expect(everything.issues?.[0]?.key).toBe('vault.duo.errors.neededForExport');

    const file = await exported(anna, {
      campaignId: seeded.campaignId,
      forPeer: null,
      passphrase: 'onze duo-afspraak 2026',
    });
    expect(file.sealed).toBe('passphrase');
    const needed = await refusal(stranger, 'duo.inspect', { base64: file.base64 });
    expect(needed.issues?.[0]?.key).toBe('vault.duo.errors.needed');
  });
});
