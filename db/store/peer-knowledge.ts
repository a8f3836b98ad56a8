import { z } from 'zod';
import { versionVector } from './bundle-format';
import type { LocalStore } from './store';

/**
 * What each duo partner holds, as its own bundles last reported (a version vector per
 * campaign), so the next export "for" it carries only what it lacks.
 */

export type Knowledge = Record<string, Record<string, string>>;

const PEER_KEY = /^peer:([a-z0-9]{8,32}):knows$/;

function peerKey(peer: string): string {
  return `peer:${peer}:knows`;
}

/** What a peer holds, per campaign, as its own bundles last reported. */
export function peerKnowledge(store: LocalStore, peer: string): Knowledge {
  const raw = store.getSyncState(peerKey(peer));
  if (!raw) return {};
  const parsed = z.record(z.string(), versionVector).safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : {};
}

/** The duo partners this profile has had bundles from, with the campaigns each reported holding. */
export function knownPeers(store: LocalStore): Array<{ node: string; campaigns: string[] }> {
  return store.syncStateByPrefix('peer:').flatMap((entry) => {
    const node = PEER_KEY.exec(entry.key)?.[1];
    return node ? [{ node, campaigns: Object.keys(peerKnowledge(store, node)) }] : [];
  });
}

/** Folds what a peer reported holding into what this laptop knows of it. */
export function rememberPeer(store: LocalStore, peer: string, knows: Knowledge): void {
  const merged = peerKnowledge(store, peer);
  for (const [campaign, vector] of Object.entries(knows)) {
    const target = { ...(merged[campaign] ?? {}) };
    for (const [node, hlc] of Object.entries(vector)) if (!target[node] || hlc > target[node]) target[node] = hlc;
    merged[campaign] = target;
  }
  store.setSyncState(peerKey(peer), JSON.stringify(merged));
}
