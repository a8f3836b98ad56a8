import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../db/demo/demo';
import { type Profile } from '../../db/profile';
import { listConversations, listNotes, listVisits, saveNote } from '../../db/repositories/fieldwork';
import { connectLan, startLanListener, type LanListener } from '../../services/lan/endpoint';
import { LanError } from '../../services/lan/frames';
import { loadOrCreateIdentity, type LanIdentity } from '../../services/lan/identity';
import { PeerList } from '../../services/lan/peers';
import type { SessionContext, SessionResult } from '../../services/lan/session';
import { tempDir, openTestProfile } from '../support/profile';
import { makeChanges } from './server-support';

// Duo sync over the local network, between two profiles on 127.0.0.1: pairing by code,
// an exchange both ways with concurrent edits, a dropped connection resumed, and refusals.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Laptop {
  readonly profile: Profile;
  readonly identity: LanIdentity;
  readonly peers: PeerList;
  readonly context: (extra?: Partial<SessionContext>) => SessionContext;
}

async function laptop(name: string): Promise<Laptop> {
  const temp = tempDir(`veldwerk-lan-${name}-`);
  const profile = openTestProfile(path.join(temp.dir, 'profile'));
  cleanups.push(() => {
    profile.close();
    temp.remove();
  });
  const identity = await loadOrCreateIdentity(profile.dir);
  const peers = new PeerList(profile.dir);
  const partials = new Map<string, Buffer[]>();
  const offered = new Map<string, { bytes: Buffer; sha256: string; at: number }>();
  return {
    profile,
    identity,
    peers,
    context: (extra = {}) => ({
      profile,
      store: profile.store,
      blobs: profile.blobs,
      peers,
      partials,
      offered,
      ...extra,
    }),
  };
}

async function listen(
  on: Laptop,
  extra: Partial<SessionContext> = {},
): Promise<{ listener: LanListener; outcomes: Array<{ result: SessionResult } | { error: LanError }> }> {
  const outcomes: Array<{ result: SessionResult } | { error: LanError }> = [];
  const listener = await startLanListener({
    identity: on.identity,
    context: on.context(extra),
    host: '127.0.0.1',
    onSession: (outcome) => outcomes.push(outcome),
  });
  cleanups.push(() => listener.close());
  return { listener, outcomes };
}

async function pairBoth(a: Laptop, b: Laptop): Promise<{ codeA: string; codeB: string }> {
  let codeB = '';
  const { listener } = await listen(b, { confirm: (code) => ((codeB = code), Promise.resolve(true)) });
  let codeA = '';
  await connectLan({
    identity: a.identity,
    context: a.context({ confirm: (code) => ((codeA = code), Promise.resolve(true)) }),
    host: '127.0.0.1',
    port: listener.port,
    mode: 'pair',
  });
  await listener.close();
  return { codeA, codeB };
}

const changeCount = (laptop: Laptop) =>
  laptop.profile.store.list('notes', {}, { includeDeleted: true }).length +
  laptop.profile.store.list('swot_items', {}, { includeDeleted: true }).length;

describe('duo sync over the local network', () => {
  it('pairs by a code both screens show, then exchanges both ways with concurrent edits', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    generateDemo(a.profile.store, { size: 'small', laptopSigned: true });
    const { codeA, codeB } = await pairBoth(a, b);
    expect(codeA).toMatch(/^\d{6}$/);
    expect(codeB).toBe(codeA);
    expect(a.peers.find(b.identity.fingerprint)?.node).toBe(b.profile.store.node);
    expect(b.peers.find(a.identity.fingerprint)?.node).toBe(a.profile.store.node);

    // First exchange: the campaign arrives on b.
    const { listener } = await listen(b);
    const first = await connectLan({
      identity: a.identity,
      context: a.context(),
      host: '127.0.0.1',
      port: listener.port,
      mode: 'sync',
    });
    expect(first.sent?.applied).toBeGreaterThan(0);
    const campaign = a.profile.store.list('campaigns')[0]!;
    expect(b.profile.store.get('campaigns', campaign.id)?.name).toBe(campaign.name);

    // Both write offline at the same time, in the same conversation.
    const visit = listVisits(a.profile.store, campaign.id)[0]!;
    const conversation = listConversations(a.profile.store, visit.id)[0]!;
    const [noteOfA, noteOfB] = [visit.member_a!, visit.member_b!];
    // Each laptop signs as its own "Ik ben" (what the signed exchange checks, as for a duo file).
    a.profile.store.setSyncState(`identity:${campaign.id}`, noteOfA);
    b.profile.store.setSyncState(`identity:${campaign.id}`, noteOfB);
    saveNote(a.profile.store, {
      conversationId: conversation.id,
      guidingQuestionId: null,
      authorId: noteOfA,
      text: 'Anna noteert: de wachtlijst is gehalveerd.',
    });
    saveNote(b.profile.store, {
      conversationId: conversation.id,
      guidingQuestionId: null,
      authorId: noteOfB,
      text: 'Bart noteert: de partners zijn tevreden.',
    });
    const second = await connectLan({
      identity: a.identity,
      context: a.context(),
      host: '127.0.0.1',
      port: listener.port,
      mode: 'sync',
    });
    expect(second.sent?.applied).toBeGreaterThan(0);
    expect(second.received?.applied).toBeGreaterThan(0);
    for (const side of [a, b]) {
      const texts = listNotes(side.profile.store, conversation.id).map((note) => note.text);
      expect(texts).toContain('Anna noteert: de wachtlijst is gehalveerd.');
      expect(texts).toContain('Bart noteert: de partners zijn tevreden.');
    }
    // Nothing new: a third round moves nothing.
    const third = await connectLan({
      identity: a.identity,
      context: a.context(),
      host: '127.0.0.1',
      port: listener.port,
      mode: 'sync',
    });
    expect(third.sent?.applied).toBe(0);
    expect(third.received?.applied).toBe(0);
  });

  // Issue 10: what goes over the network is a signed duo payload, checked by the duo file's own
  // path: a change relayed under a forged author is set aside as from a file, a change of the
  // partner's laptop signed as someone else refuses the exchange.
  it('signs the exchange and checks its authors as a duo file: forged relays set aside, forged makers refused', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    generateDemo(a.profile.store, { size: 'small', laptopSigned: true });
    await pairBoth(a, b);
    const campaign = a.profile.store.list('campaigns')[0]!;
    const visit = listVisits(a.profile.store, campaign.id)[0]!;
    const lead = visit.member_b!;
    // A change "of the team lead" on a laptop id a chose, passed on as if relayed.
    const forged = makeChanges(
      'f0f0f0f0f0f0f0f0',
      campaign.id,
      [
        { table: 'good_practices', rowId: 'gp-forged-lan', column: 'visit_id', value: visit.id },
        { table: 'good_practices', rowId: 'gp-forged-lan', column: 'text', value: 'De teamleider keurt alles goed' },
      ],
      { author: lead },
    );
    a.profile.store.applyRemote(forged, 'bundle');
    const { listener } = await listen(b);
    const sync = () =>
      connectLan({ identity: a.identity, context: a.context(), host: '127.0.0.1', port: listener.port, mode: 'sync' });
    const first = await sync();
    expect(first.sent?.applied).toBeGreaterThan(0);
    expect(b.profile.store.get('campaigns', campaign.id)?.name).toBe(campaign.name);
    expect(b.profile.store.get('good_practices', 'gp-forged-lan')).toBeUndefined();
    const aside = b.profile.store.listSetAsideOf(campaign.id);
    expect(aside.map((item) => [item.code, item.change.author])).toEqual([
      ['RELAYED_UNVERIFIED', lead],
      ['RELAYED_UNVERIFIED', lead],
    ]);

    // A note made on a's laptop signed as the team lead, who is not a's "Ik ben": the exchange is refused.
    a.profile.store.setSyncState(`identity:${campaign.id}`, visit.member_a!);
    const conversation = listConversations(a.profile.store, visit.id)[0]!;
    saveNote(a.profile.store, {
      conversationId: conversation.id,
      guidingQuestionId: null,
      authorId: lead,
      text: 'Geschreven op naam van de teamleider.',
    });
    const before = b.profile.store.changesAfter(0, 1_000_000).length;
    const refused = await sync().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LanError);
    expect((refused as LanError).message).toMatch(/signed as someone else/);
    expect(b.profile.store.changesAfter(0, 1_000_000).length).toBe(before);
    expect(listNotes(b.profile.store, conversation.id).map((note) => note.text)).not.toContain(
      'Geschreven op naam van de teamleider.',
    );
  });

  it('refuses an unknown laptop, a code that is not confirmed and a pairing nobody opened, storing nothing', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    const stranger = await laptop('c');
    generateDemo(stranger.profile.store, { size: 'small', laptopSigned: true });
    await pairBoth(a, b);

    // A third certificate is not the paired partner: refused on both sides, nothing imported.
    const { listener, outcomes } = await listen(b);
    const before = changeCount(b);
    const unknown = await connectLan({
      identity: stranger.identity,
      context: stranger.context(),
      host: '127.0.0.1',
      port: listener.port,
      mode: 'sync',
    }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(LanError);
    expect((unknown as LanError).reason).toBe('unknown-peer');
    await expect.poll(() => outcomes.length).toBe(1);
    expect('error' in outcomes[0]! && outcomes[0].error.reason).toBe('unknown-peer');
    expect(changeCount(b)).toBe(before);
    await listener.close();

    // Pairing while the listening laptop is not pairing.
    const closed = await listen(b);
    const notPairing = await connectLan({
      identity: stranger.identity,
      context: stranger.context({ confirm: () => Promise.resolve(true) }),
      host: '127.0.0.1',
      port: closed.listener.port,
      mode: 'pair',
    }).catch((error: unknown) => error);
    expect((notPairing as LanError).reason).toBe('pairing-closed');
    await closed.listener.close();

    // The person at b rejects the code (it differed from the one on the other screen).
    const rejecting = await listen(b, { confirm: () => Promise.resolve(false) });
    const rejected = await connectLan({
      identity: stranger.identity,
      context: stranger.context({ confirm: () => Promise.resolve(true) }),
      host: '127.0.0.1',
      port: rejecting.listener.port,
      mode: 'pair',
    }).catch((error: unknown) => error);
    expect((rejected as LanError).reason).toBe('not-confirmed');
    expect(b.peers.find(stranger.identity.fingerprint)).toBeUndefined();
    expect(stranger.peers.find(b.identity.fingerprint)).toBeUndefined();
  });

  it('shows different codes to the two people when someone in the middle pairs with both', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    const middle = await laptop('m');
    // The one in the middle pairs with b as if it were a, and lets a pair with it as if it were b.
    let codeB = '';
    const towardsB = await listen(b, { confirm: (code) => ((codeB = code), Promise.resolve(false)) });
    let codeMiddleB = '';
    const toB = connectLan({
      identity: middle.identity,
      context: middle.context({ confirm: (code) => ((codeMiddleB = code), Promise.resolve(true)) }),
      host: '127.0.0.1',
      port: towardsB.listener.port,
      mode: 'pair',
    }).catch(() => undefined);
    let codeA = '';
    const towardsA = await listen(middle, { confirm: () => Promise.resolve(true) });
    await connectLan({
      identity: a.identity,
      context: a.context({ confirm: (code) => ((codeA = code), Promise.resolve(false)) }),
      host: '127.0.0.1',
      port: towardsA.listener.port,
      mode: 'pair',
    }).catch(() => undefined);
    await toB;
    expect(codeA).toMatch(/^\d{6}$/);
    expect(codeB).toBe(codeMiddleB);
    // The commitment keeps the middle from choosing its nonces to make both codes equal.
    expect(codeA).not.toBe(codeB);
    expect(a.peers.list()).toEqual([]);
    expect(b.peers.list()).toEqual([]);
  });

  it('resumes a dropped transfer from where it broke', async () => {
    const a = await laptop('a');
    const b = await laptop('b');
    generateDemo(a.profile.store, { size: 'small', laptopSigned: true });
    await pairBoth(a, b);
    const { listener, outcomes } = await listen(b);
    // A relay that cuts the connection after 40 KB, once.
    let cut = false;
    const relay = net.createServer((client) => {
      const upstream = net.connect(listener.port, '127.0.0.1');
      let forwarded = 0;
      client.on('data', (data) => {
        forwarded += data.length;

        upstream.write(data);
        if (!cut && forwarded > 40_000) {
          cut = true;
          // Let what was written reach b, then break both legs.
          upstream.end(() => {
            client.destroy();
            upstream.destroy();
          });
        }
      });
      upstream.on('data', (data) => client.write(data));
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => relay.close(() => resolve())));
    const relayPort = (relay.address() as net.AddressInfo).port;
    const context = a.context({ chunkBytes: 4096 });
    const broken = await connectLan({
      identity: a.identity,
      context,
      host: '127.0.0.1',
      port: relayPort,
      mode: 'sync',
    }).catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(LanError);
    expect(b.profile.store.list('campaigns')).toEqual([]);
    // Once b noticed the break, the same bundle is offered again and continues where it broke.
    await expect.poll(() => outcomes.length).toBe(1);
    const kept = [...(b.context().partials?.values() ?? [])].reduce(
      (sum, chunks) => sum + chunks.reduce((bytes, chunk) => bytes + chunk.length, 0),
      0,
    );
    expect(kept).toBeGreaterThan(0);
    const resumed = await connectLan({
      identity: a.identity,
      context,
      host: '127.0.0.1',
      port: relayPort,
      mode: 'sync',
    });
    expect(resumed.sent?.applied).toBeGreaterThan(0);
    await expect.poll(() => outcomes.length).toBe(2);
    const second = outcomes[1]!;
    expect('result' in second && second.result.received?.resumedFrom).toBe(kept);
    expect(b.profile.store.list('campaigns')).toHaveLength(1);
    expect(b.profile.store.list('notes').length).toBe(a.profile.store.list('notes').length);
  });
});
