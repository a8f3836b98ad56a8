import { afterAll, beforeAll } from 'vitest';
import { openDuoFile } from '../../db/crypto/duo-file';
import type { Profile } from '../../db/profile';
import { loadOrCreateIdentity } from '../../services/lan/identity';
import { PeerList } from '../../services/lan/peers';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract/channels';
import type { ContractError } from '../../shared/contract/result';
import type { ExportResult, ImportResultView } from '../../shared/contract/sync';
import { startServices, type Services, type StartServicesOptions } from '../../services/runtime';
import {
  createTestStoreLocation,
  startTestServer,
  type RunningTestServer,
  type TestStoreHandle,
} from '../integration/server-support';
import { tempDir, testProfileKey } from './profile';

/** Calls a channel and answers its value; throws with the error's code and message otherwise. */
export async function call<C extends ChannelName>(
  services: Services,
  channel: C,
  payload: InputOf<C>,
): Promise<OutputOf<C>> {
  const result = await services.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as OutputOf<C>;
}

/** Calls a channel that must refuse; answers the refusal. */
export async function refusal<C extends ChannelName>(
  services: Services,
  channel: C,
  payload: InputOf<C>,
): Promise<ContractError> {
  const result = await services.dispatch(channel, payload);
  if (result.ok) throw new Error(`${channel} was accepted`);
  return result.error;
}

/** Reads until done() holds (background sync takes a moment); fails with what it waited for. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface LaptopsWithServer {
  readonly server: RunningTestServer;
  /** A fresh laptop (services on a new temporary profile), or one on a given profile folder. */
  laptop(folder?: ReturnType<typeof tempDir>, sync?: StartServicesOptions['sync']): Services;
}

/**
 * Registers the hooks of a suite with a real sync server on 127.0.0.1 (embedded SQLite) and app
 * services on temporary profiles ("laptops"), all closed and removed after the suite.
 */
export function useLaptopsWithServer(prefix: string): LaptopsWithServer {
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const folders: ReturnType<typeof tempDir>[] = [];
  const open: Services[] = [];

  beforeAll(async () => {
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
  });

  afterAll(async () => {
    for (const services of open) await services.close();
    await server.close();
    await handle.destroy();
    for (const folder of folders) folder.remove();
  });

  return {
    get server() {
      return server;
    },
    laptop: (folder = tempDir(prefix), sync) => {
      if (!folders.includes(folder)) folders.push(folder);
      const services = startServices({
        profileDir: folder.dir,
        key: testProfileKey(folder.dir),
        transport: 'http',
        ...(sync ? { sync } : {}),
        onInternalError: (_channel, error) => console.error(error),
      });
      open.push(services);
      return services;
    },
  };
}

/** The passphrase test duo files are encrypted under (db/crypto/duo-file.ts). */
export const DUO_TEST_PASSPHRASE = 'onze duo-afspraak 2026';

/** Exports a campaign from one laptop as a duo file, as the dialog does (forPeer: everything), and opens its encryption. */
export async function exportDuoFile(
  from: Services,
  campaignId: string,
  forPeer: string | null = null,
): Promise<ExportResult> {
  const started = await call(from, 'duo.export', { campaignId, forPeer, passphrase: DUO_TEST_PASSPHRASE });
  const exported = await until(
    () => call(from, 'jobs.export', { jobId: started.jobId }),
    (job) => job.state !== 'running',
    'the export',
  );
  if (!exported.result) throw new Error(`export failed: ${exported.error ?? ''}`);
  // The signed file inside the duo's encryption layer (db/crypto/duo-file.ts has its own tests):
  // the tests of signatures and of merging work on it; an unencrypted file still imports.
  const inner = await openDuoFile(Buffer.from(exported.result.base64, 'base64'), DUO_TEST_PASSPHRASE);
  return { ...exported.result, base64: inner.toString('base64'), bytes: inner.length };
}

/**
 * Imports a duo file on a laptop as the dialog does: shows who made it and confirms that laptop's
 * fingerprint; answers the finished import job (done or failed).
 */
export async function importTrustingMaker(
  to: Services,
  base64: string,
  options: { readonly campaignId?: string | null; readonly passphrase?: string } = {},
): Promise<OutputOf<'jobs.import'>> {
  const passphrase = options.passphrase ? { passphrase: options.passphrase } : {};
  const maker = (await call(to, 'duo.inspect', { base64, ...passphrase })).maker;
  const importing = await call(to, 'duo.import', {
    fileName: 'partner.vwb',
    base64,
    trustSigner: maker.fingerprint,
    campaignId: options.campaignId ?? null,
    ...passphrase,
  });
  return until(
    () => call(to, 'jobs.import', { jobId: importing.jobId }),
    (job) => job.state !== 'running',
    'the import',
  );
}

/** What pairing by the code leaves on both laptops (services/lan/session.ts): each pins the other's certificate. */
export async function pairLaptops(a: Profile, b: Profile): Promise<void> {
  const [one, two] = [await loadOrCreateIdentity(a), await loadOrCreateIdentity(b)];
  const pairedAt = new Date().toISOString();
  new PeerList(a.dir).add({ fingerprint: two.fingerprint, node: b.store.node, pairedAt, cert: two.cert });
  new PeerList(b.dir).add({ fingerprint: one.fingerprint, node: a.store.node, pairedAt, cert: one.cert });
}

/** Exports what a laptop holds of a campaign as a duo file and imports it on the partner's. */
export async function exchangeDuoFile(from: Services, to: Services, campaignId: string): Promise<ImportResultView> {
  // Only what the partner lacks once it is known: a file may not carry the partner's own changes back.
  const peer = (await call(from, 'duo.info', {})).peers.some((entry) => entry.node === to.profile.store.node);
  const file = await exportDuoFile(from, campaignId, peer ? to.profile.store.node : null);
  const known = (await call(to, 'campaigns.list', {})).some((campaign) => campaign.id === campaignId);
  // As the dialog does: show who made the file, and confirm that laptop's fingerprint.
  const imported = await importTrustingMaker(to, file.base64, {
    campaignId: known ? campaignId : null,
    passphrase: DUO_TEST_PASSPHRASE,
  });
  if (!imported.result) throw new Error(`import failed: ${imported.error ?? ''}`);
  return imported.result;
}
