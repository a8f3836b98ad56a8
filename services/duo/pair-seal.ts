import type { Profile } from '../../db/profile';
import type { DuoOpener, DuoSeal } from '../../db/crypto/duo-file';
import { loadOrCreateIdentity } from '../lan/identity';
import { pairKey, pairKeyId } from '../lan/pair-key';
import { PeerList } from '../lan/peers';

/*
 * Duo files sealed for the paired partner (issue 12): with the pairing key the two laptops share
 * (services/lan/pair-key.ts) instead of a passphrase both people must agree on and type. Only a
 * partner paired over the network by comparing the code (its certificate pinned) has one.
 */

/** The nodes of the partners this laptop can seal a duo file for without a passphrase. */
export function pairedNodes(profile: Profile): Set<string> {
  return new Set(
    new PeerList(profile.dir)
      .list()
      .filter((peer) => peer.cert !== undefined)
      .map((peer) => peer.node),
  );
}

/** The seal for a file made for that partner's laptop, or null when this laptop is not paired with it. */
export async function pairSealFor(profile: Profile, node: string): Promise<DuoSeal | null> {
  const peer = new PeerList(profile.dir).withCertificateOf(node);
  if (!peer) return null;
  const key = pairKey(await loadOrCreateIdentity(profile.dir), peer.cert);
  return { pairKey: key, keyId: pairKeyId(key) };
}

/** Opens a sealed duo file with the passphrase typed, or with the pairing key of any paired partner. */
export async function duoOpener(profile: Profile, passphrase: string | undefined): Promise<DuoOpener> {
  const peers = new PeerList(profile.dir).list().filter((peer) => peer.cert !== undefined);
  const keys = new Map<string, Buffer>();
  if (peers.length > 0) {
    const identity = await loadOrCreateIdentity(profile.dir);
    for (const peer of peers) {
      const key = pairKey(identity, peer.cert!);
      keys.set(pairKeyId(key), key);
    }
  }
  return { ...(passphrase ? { passphrase } : {}), pairKey: (keyId) => keys.get(keyId) ?? null };
}
