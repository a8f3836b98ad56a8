import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { openProfile, type Profile } from '../../db/profile';
import { tempDir } from '../support/profile';

// A profile folder copied while closed (a backup restored beside the original, a folder copied to
// the duo partner's laptop): the copy must not write under the original's node id, or edits made
// on both at the same moment get one change id and one of them is dropped in the merge.

const folders: Array<ReturnType<typeof tempDir>> = [];
const profiles: Profile[] = [];
afterEach(() => {
  for (const profile of profiles.splice(0)) profile.close();
  for (const folder of folders.splice(0)) folder.remove();
});

// Both copies' clocks read the same moment, the worst case for colliding change ids.
const NOW = Date.UTC(2026, 2, 12, 10, 0, 0);
const open = (dir: string) => {
  const profile = openProfile(dir, { store: { now: () => NOW } });
  profiles.push(profile);
  return profile;
};

async function exchange(from: Profile, to: Profile): Promise<void> {
  const { bytes } = await createBundle(from.store);
  await importBundleBytes(to.store, bytes);
}

describe('a copied profile folder', () => {
  it('gives the copy a new node id before it writes, so both copies keep their edits through a merge', async () => {
    const root = tempDir('veldwerk-clone-');
    folders.push(root);
    const original = path.join(root.dir, 'profile');
    const first = open(original);
    const campaign = first.store.insert('campaigns', 'c1', {
      name: 'Duo',
      working_year: '2025-2026',
      created_at: null,
    });
    const organisation = first.store.insert('organisations', campaign, {
      sector_id: 's1',
      region_id: 'r1',
      name: 'Huis van het Nederlands',
      address: 'Marktplein 1',
    });
    const node = first.store.node;
    first.close();
    profiles.length = 0;

    const copy = path.join(root.dir, 'profile-copy');
    cpSync(original, copy, { recursive: true });
    const a = open(original);
    const b = open(copy);
    expect(a.store.node).toBe(node);
    expect(b.store.node).not.toBe(node);
    expect(b.store.node).toMatch(/^[0-9a-f]{16}$/);

    a.store.update('organisations', organisation, { address: 'Stationsstraat 4' });
    b.store.update('organisations', organisation, { contact: 'onthaal@huisnederlands.be' });
    await exchange(a, b);
    await exchange(b, a);
    for (const profile of [a, b])
      expect(profile.store.get('organisations', organisation)).toMatchObject({
        address: 'Stationsstraat 4',
        contact: 'onthaal@huisnederlands.be',
      });

    // Opened again where they are, each keeps the node id it has now.
    a.close();
    b.close();
    profiles.length = 0;
    expect(open(original).store.node).toBe(node);
    const reopened = open(copy);
    expect(reopened.store.node).toBe(b.store.node);
  });
});
