import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemo } from '../../db/demo/demo';
import type { Profile } from '../../db/profile';
import { listConversations, listVisits, saveNote } from '../../db/repositories/fieldwork';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { connectLan, startLanListener } from '../../services/lan/endpoint';
import { loadOrCreateIdentity, type LanIdentity } from '../../services/lan/identity';
import { PeerList } from '../../services/lan/peers';
import { createIdentityHandlers } from '../../services/identity';
import type { SessionContext } from '../../services/lan/session';
import { openTestProfile, tempDir } from '../support/profile';
import { pairLaptops } from '../support/services';
import { median, round } from '../support/stats';

/**
 * Issue 12: duo sync over the local network (services/lan/), two profiles on 127.0.0.1 over
 * mutual TLS, against the same exchange through a duo file written to and read from disk, in the
 * same run, interleaved. Two figures:
 * - one edit's travel time laptop → laptop (a note saved on A until it is stored on B);
 * - a full season to a fresh laptop (goal: LAN ≤ 2× the file).
 * Both laptops are paired once (their certificates pinned); the file side is createBundle, a
 * write, a read and importBundleBytes, as the duo dialog does without encryption.
 */
export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  const work = tempDir('veldwerk-bench-lan-');
  try {
    return {
      editTravel: await editTravel(work.dir, options.full ? 60 : 20),
      seasonExchange: await seasonExchange(work.dir, options.full ? 5 : 2),
      goalSeasonRatio: 2,
    };
  } finally {
    work.remove();
  }
}

type Pair<T> = { readonly a: T; readonly b: T };

/** Each profile's own identity (kept inside it: it signs the exchange) and its list of partners. */
async function laptops(profiles: Pair<Profile>): Promise<{ identities: Pair<LanIdentity>; peers: Pair<PeerList> }> {
  return {
    identities: { a: await loadOrCreateIdentity(profiles.a), b: await loadOrCreateIdentity(profiles.b) },
    peers: { a: new PeerList(profiles.a.dir), b: new PeerList(profiles.b.dir) },
  };
}

function context(profile: Profile, peers: PeerList): SessionContext {
  return { profile, store: profile.store, blobs: profile.blobs, peers, partials: new Map(), offered: new Map() };
}

/** One LAN session from a to b (b listens), answered when both sides imported. */
async function lanExchange(profiles: Pair<Profile>): Promise<void> {
  const { identities, peers } = await laptops(profiles);
  let done: () => void = () => undefined;
  const listened = new Promise<void>((resolve) => (done = resolve));
  const listener = await startLanListener({
    identity: identities.b,
    context: context(profiles.b, peers.b),
    host: '127.0.0.1',
    onSession: () => done(),
  });
  try {
    await connectLan({
      identity: identities.a,
      context: context(profiles.a, peers.a),
      host: '127.0.0.1',
      port: listener.port,
      mode: 'sync',
    });
    await listened;
  } finally {
    await listener.close();
  }
}

/** The same through a duo file: a's bundle for b written and read back, imported on b, and b's back. */
async function fileExchange(dir: string, profiles: Pair<Profile>): Promise<void> {
  const file = path.join(dir, 'exchange.vwb');
  const there = await createBundle(profiles.a.store, { forPeer: profiles.b.store.node, blobs: profiles.a.blobs });
  writeFileSync(file, there.bytes);
  await importBundleBytes(profiles.b.store, readFileSync(file), { allowNewCampaign: true, blobs: profiles.b.blobs });
  const back = await createBundle(profiles.b.store, { forPeer: profiles.a.store.node, blobs: profiles.b.blobs });
  writeFileSync(file, back.bytes);
  await importBundleBytes(profiles.a.store, readFileSync(file), { allowNewCampaign: true, blobs: profiles.a.blobs });
}

async function editTravel(dir: string, runs: number): Promise<Record<string, unknown>> {
  const profiles = {
    a: openTestProfile(path.join(dir, 'edit-a')),
    b: openTestProfile(path.join(dir, 'edit-b')),
  };
  try {
    generateDemo(profiles.a.store, { size: 'small', laptopSigned: true });
    await pairLaptops(profiles.a, profiles.b);
    // Both laptops hold the campaign first; then each round carries one edit.
    await lanExchange(profiles);
    const campaign = profiles.a.store.list('campaigns')[0]!;
    const visit = listVisits(profiles.a.store, campaign.id)[0]!;
    const conversation = listConversations(profiles.a.store, visit.id)[0]!;
    // Laptop A's person is the visit's first inspector ("Ik ben"): the exchange is signed for them.
    await createIdentityHandlers(profiles.a, () => undefined)['identity.set']({
      campaignId: campaign.id,
      memberId: visit.member_a!,
    });
    const lanTimes: number[] = [];
    const fileTimes: number[] = [];
    for (let index = 0; index < runs; index += 1) {
      for (const side of index % 2 === 0 ? ['lan', 'file'] : ['file', 'lan']) {
        saveNote(profiles.a.store, {
          conversationId: conversation.id,
          guidingQuestionId: null,
          authorId: visit.member_a!,
          text: `Bench ${side} ${index}: de partners zijn tevreden over de samenwerking.`,
        });
        const started = performance.now();
        if (side === 'lan') await lanExchange(profiles);
        else await fileExchange(dir, profiles);
        (side === 'lan' ? lanTimes : fileTimes).push(performance.now() - started);
      }
    }
    const lanMs = median(lanTimes);
    const fileMs = median(fileTimes);
    return { runs, lanMedianMs: round(lanMs, 1), fileMedianMs: round(fileMs, 1), ratio: round(lanMs / fileMs, 3) };
  } finally {
    profiles.a.close();
    profiles.b.close();
  }
}

async function seasonExchange(dir: string, runs: number): Promise<Record<string, unknown>> {
  const source = openTestProfile(path.join(dir, 'season-a'));
  try {
    generateDemo(source.store, { size: 'season', seed: 2015, laptopSigned: true });
    const bundleBytes = (await createBundle(source.store, { blobs: source.blobs })).bytes.length;
    const lanTimes: number[] = [];
    const fileTimes: number[] = [];
    for (let index = 0; index < runs; index += 1) {
      for (const side of index % 2 === 0 ? ['lan', 'file'] : ['file', 'lan']) {
        // A fresh laptop each time: the whole season travels.
        const fresh = openTestProfile(path.join(dir, `season-b-${side}-${index}`));
        try {
          const profiles = { a: source, b: fresh };
          await pairLaptops(profiles.a, profiles.b);
          const started = performance.now();
          if (side === 'lan') await lanExchange(profiles);
          else await fileExchange(dir, profiles);
          (side === 'lan' ? lanTimes : fileTimes).push(performance.now() - started);
        } finally {
          fresh.close();
        }
      }
    }
    const lanMs = median(lanTimes);
    const fileMs = median(fileTimes);
    return {
      runs,
      bundleBytes,
      lanMedianMs: round(lanMs),
      fileMedianMs: round(fileMs),
      ratio: round(lanMs / fileMs, 3),
    };
  } finally {
    source.close();
  }
}
