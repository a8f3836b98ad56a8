import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import type { Undoable } from '../../shared/contract/undo';
import { startServices, type Services } from '../../services/runtime';
import { tempDir, testProfileKey } from '../support/profile';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
import { call } from '../support/services';

// Every structural SWOT edit answers the writes that take it back; undo writes them through the
// store, so it holds after a restart of the app and reaches the partner's laptop like any edit.
describe('SWOT undo', () => {
  const folders: ReturnType<typeof tempDir>[] = [];
  const running: Services[] = [];
  let a: Services;
  let seeded: SeededCampaign;

  const open = (folder: ReturnType<typeof tempDir>) => {
    const services = startServices({
      profileDir: folder.dir,
      key: testProfileKey(folder.dir),
      transport: 'ipc',
      onInternalError: (_channel, error) => console.error(error),
    });
    running.push(services);
    return services;
  };
  const scope = () => ({ campaignId: seeded.campaignId, sectorId: seeded.sectorId, groupId: seeded.groupId });
  /** What the board shows, without ids of rows that only exist as tombstones. */
  const state = async (services: Services) => {
    const board = await call(services, 'swot.board', scope());
    return {
      lemmas: board.lemmas
        .map((lemma) => ({ id: lemma.id, name: lemma.name, quadrant: lemma.quadrant, narrative: lemma.narrative }))
        .sort((x, y) => x.id.localeCompare(y.id)),
      items: board.items
        .map((item) => ({ id: item.id, text: item.text, quadrant: item.quadrant, lemmaId: item.lemmaId }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    };
  };

  beforeEach(async () => {
    const folder = tempDir('veldwerk-undo-a-');
    folders.push(folder);
    a = open(folder);
    seeded = await seedFieldwork(a, { visits: 3 });
    const [c1, c2, c3] = seeded.conversations as [string, string, string];
    const add = (conversationId: string, quadrant: 'strengths' | 'threats', text: string) =>
      call(a, 'swot.items.add', { conversationId, quadrant, text });
    const n1 = await add(c1, 'strengths', 'Sterk netwerk');
    const n2 = await add(c2, 'strengths', 'Netwerk met besturen');
    const w1 = await add(c3, 'threats', 'Wachtlijsten');
    const w2 = await add(c1, 'threats', 'Lange wachttijd');
    await add(c2, 'threats', 'Geen lokalen');
    const network = await call(a, 'swot.lemmas.create', {
      ...scope(),
      quadrant: 'strengths',
      name: 'Netwerk',
      itemIds: [n1.id, n2.id],
    });
    const waiting = await call(a, 'swot.lemmas.create', {
      ...scope(),
      quadrant: 'threats',
      name: 'Wachtlijsten',
      itemIds: [w1.id],
    });
    const time = await call(a, 'swot.lemmas.create', {
      ...scope(),
      quadrant: 'threats',
      name: 'Wachttijd',
      itemIds: [w2.id],
    });
    await call(a, 'swot.lemmas.narrative', { lemmaId: network.id, text: 'Goede contacten.' });
    await call(a, 'swot.lemmas.narrative', { lemmaId: time.id, text: 'Drie maanden.' });
    void waiting;
  });

  afterEach(async () => {
    for (const services of running.splice(0)) await services.close();
    for (const folder of folders.splice(0)) folder.remove();
  });

  const lemmaNamed = async (name: string) => {
    const lemma = (await call(a, 'swot.board', scope())).lemmas.find((one) => one.name === name);
    if (!lemma) throw new Error(`no lemma ${name}`);
    return lemma;
  };

  const edits: { name: string; run: () => Promise<Undoable> }[] = [
    {
      name: 'merge',
      run: async () =>
        call(a, 'swot.lemmas.merge', {
          sourceId: (await lemmaNamed('Wachttijd')).id,
          targetId: (await lemmaNamed('Wachtlijsten')).id,
        }),
    },
    {
      name: 'split',
      run: async () => {
        const network = await lemmaNamed('Netwerk');
        const item = (await call(a, 'swot.board', scope())).items.find((one) => one.lemmaId === network.id);
        return call(a, 'swot.lemmas.split', { lemmaId: network.id, itemIds: [item?.id ?? ''], name: 'Besturen' });
      },
    },
    {
      name: 'delete a lemma',
      run: async () => call(a, 'swot.lemmas.remove', { lemmaId: (await lemmaNamed('Netwerk')).id }),
    },
    {
      name: 'delete an item',
      run: async () =>
        call(a, 'swot.items.remove', {
          itemId: (await call(a, 'swot.board', scope())).items.find((one) => one.text === 'Wachtlijsten')?.id ?? '',
        }),
    },
    {
      name: 'move between quadrants',
      run: async () =>
        call(a, 'swot.lemmas.move', { lemmaId: (await lemmaNamed('Netwerk')).id, quadrant: 'weaknesses' }),
    },
  ];

  for (const edit of edits) {
    it(`undoes ${edit.name} after a restart and on the partner's laptop after a sync`, async () => {
      const folderB = tempDir('veldwerk-undo-b-');
      folders.push(folderB);
      const b = open(folderB);
      await importBundleBytes(b.profile.store, (await createBundle(a.profile.store)).bytes);
      const before = await state(a);
      expect(await state(b)).toEqual(before);

      const { undo } = await edit.run();
      expect(undo.length).toBeGreaterThan(0);
      expect(await state(a)).not.toEqual(before);
      await importBundleBytes(b.profile.store, (await createBundle(a.profile.store)).bytes);
      expect(await state(b)).not.toEqual(before);

      // The app restarts on the same profile; the undo steps the screen kept are written then.
      await a.close();
      running.splice(running.indexOf(a), 1);
      a = open(folders[0] as ReturnType<typeof tempDir>);
      const undone = await call(a, 'undo.apply', { steps: [...undo] });
      expect(await state(a)).toEqual(before);
      expect(undone.undo.length).toBeGreaterThan(0);

      await importBundleBytes(b.profile.store, (await createBundle(a.profile.store)).bytes);
      expect(await state(b)).toEqual(before);
    });
  }
});
