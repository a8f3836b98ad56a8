import { describe, expect, it } from 'vitest';
import { isSealedDuoFile, sealedWith } from '../../db/crypto/duo-file';
import { bufferSource } from '../../db/store/byte-stream';
import type { Services } from '../../services/runtime';
import { loadOrCreateIdentity } from '../../services/lan/identity';
import { PeerList } from '../../services/lan/peers';
import type { InputOf } from '../../shared/contract/channels';
import { seedFieldwork } from '../support/seed';
import { call, refusal, until, useLaptopsWithServer } from '../support/services';

/**
 * Duo files sealed for the paired partner (issue 12): with no passphrase typed, a file made for a
 * partner this laptop paired with over the network is encrypted under the key the two laptops
 * share (ECDH of their identities); that partner opens it with nothing to type, any other laptop
 * cannot, and a file for a laptop that is not paired still needs the duo's passphrase.
 */
describe('duo files sealed with the pairing key', () => {
  const env = useLaptopsWithServer('veldwerk-duo-pair-');

  /** What pairing by the code leaves on both laptops (services/lan/session.ts): each pins the other's certificate. */
  async function pair(a: Services, b: Services): Promise<void> {
    const [one, two] = [await loadOrCreateIdentity(a.profile.dir), await loadOrCreateIdentity(b.profile.dir)];
    const pairedAt = new Date().toISOString();
    new PeerList(a.profile.dir).add({
      fingerprint: two.fingerprint,
      node: b.profile.store.node,
      pairedAt,
      cert: two.cert,
    });
    new PeerList(b.profile.dir).add({
      fingerprint: one.fingerprint,
      node: a.profile.store.node,
      pairedAt,
      cert: one.cert,
    });
  }

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

  async function imported(services: Services, payload: InputOf<'duo.import'>) {
    const { jobId } = await call(services, 'duo.import', payload);
    return until(
      () => call(services, 'jobs.import', { jobId }),
      (view) => view.state !== 'running',
      'the import',
    );
  }

  it('opens on the partner it was made for with nothing typed, and nowhere else', async () => {
    const anna = env.laptop();
    const bart = env.laptop();
    const carl = env.laptop();
    const seeded = await seedFieldwork(anna, { visits: 1 });
    await pair(anna, bart);
    await pair(anna, carl);
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
    const result = await imported(bart, {
      fileName: file.fileName,
      base64: file.base64,
      campaignId: null,
      trustSigner: shown.maker.fingerprint,
    });
    expect(result).toMatchObject({ state: 'done', result: { applied: file.count } });
    expect(bart.profile.store.get('campaigns', seeded.campaignId)).toBeTruthy();

    // Carl is paired with Anna too, but the file was made for Bart: it does not open, and says why.
    const refused = await refusal(carl, 'duo.inspect', { base64: file.base64 });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.issues?.[0]?.key).toBe('vault.duo.errors.otherLaptop');
    const notImported = await imported(carl, { fileName: file.fileName, base64: file.base64, campaignId: null });
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
