import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import type { RetirableTable } from '../../shared/contract/undo';
import { startServices, type Services } from '../../services/runtime';
import { tempDir, testProfileKey } from '../support/profile';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
import { call } from '../support/services';

// Every retire outside the SWOT board (set-up lists, organisations, team, visits, documents,
// good practices) answers the write that takes it back, through the same undo.apply the board
// uses: the undo holds after a restart of the app and reaches the partner's laptop like any edit.
describe('undo of a retire outside the SWOT board', () => {
  const folders: ReturnType<typeof tempDir>[] = [];
  const running: Services[] = [];
  let a: Services;
  let seeded: SeededCampaign;
  let documentId: string;
  let practiceId: string;

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
  const deleted = (services: Services, table: RetirableTable, id: string) =>
    Boolean(services.profile.store.get(table, id, { includeDeleted: true })?.deleted);

  beforeEach(async () => {
    const folder = tempDir('veldwerk-retire-undo-a-');
    folders.push(folder);
    a = open(folder);
    seeded = await seedFieldwork(a);
    const visitId = seeded.visits[0] as string;
    documentId = (
      await call(a, 'documents.add', {
        visitId,
        title: 'Jaarverslag',
        fileName: 'jaarverslag.txt',
        mimeType: 'text/plain',
        content: Buffer.from('Het jaarverslag van 2025.').toString('base64'),
      })
    ).id;
    practiceId = (await call(a, 'goodPractices.add', { visitId, text: 'Buddywerking met vrijwilligers' })).id;
  });

  afterEach(async () => {
    for (const services of running.splice(0)) await services.close();
    for (const folder of folders.splice(0)) folder.remove();
  });

  const cases: { table: RetirableTable; id: () => string; retire: (retired: boolean) => Promise<unknown> }[] = [
    {
      table: 'sectors',
      id: () => seeded.sectorId,
      retire: (retired) => call(a, 'setup.retireItem', { kind: 'sectors', id: seeded.sectorId, retired }),
    },
    {
      table: 'respondent_groups',
      id: () => seeded.groupId,
      retire: (retired) => call(a, 'setup.retireItem', { kind: 'respondent_groups', id: seeded.groupId, retired }),
    },
    {
      table: 'organisations',
      id: () => a.profile.store.get('visits', seeded.visits[0] as string)?.organisation_id ?? '',
      retire: (retired) =>
        call(a, 'organisations.retire', {
          id:
            a.profile.store.get('visits', seeded.visits[0] as string, { includeDeleted: true })?.organisation_id ?? '',
          retired,
        }),
    },
    {
      table: 'members',
      id: () => seeded.members[1],
      retire: (retired) => call(a, 'members.retire', { id: seeded.members[1], retired }),
    },
    {
      table: 'visits',
      id: () => seeded.visits[1] as string,
      retire: (retired) => call(a, 'visits.retire', { id: seeded.visits[1] as string, retired }),
    },
    {
      table: 'documents',
      id: () => documentId,
      retire: (retired) => call(a, 'documents.retire', { id: documentId, retired }),
    },
    {
      table: 'good_practices',
      id: () => practiceId,
      retire: (retired) => call(a, 'goodPractices.retire', { id: practiceId, retired }),
    },
  ];

  for (const one of cases) {
    it(`undoes retiring ${one.table} after a restart and on the partner's laptop, and undoes a restore`, async () => {
      const folderB = tempDir('veldwerk-retire-undo-b-');
      folders.push(folderB);
      const b = open(folderB);
      const id = one.id();
      const answer = (await one.retire(true)) as { undo?: readonly unknown[] };
      expect(answer.undo).toEqual([{ table: one.table, rowId: id, values: {}, deleted: false }]);
      expect(deleted(a, one.table, id)).toBe(true);
      await importBundleBytes(b.profile.store, (await createBundle(a.profile.store)).bytes);
      expect(deleted(b, one.table, id)).toBe(true);

      // The app restarts on the same profile; the undo the screen kept is written then.
      await a.close();
      running.splice(running.indexOf(a), 1);
      a = open(folders[0] as ReturnType<typeof tempDir>);
      const undone = await call(a, 'undo.apply', {
        steps: [{ table: one.table, rowId: id, values: {}, deleted: false }],
      });
      expect(deleted(a, one.table, id)).toBe(false);
      // Its own inverse retires again (redo).
      expect(undone.undo).toEqual([{ table: one.table, rowId: id, values: {}, deleted: true }]);
      await importBundleBytes(b.profile.store, (await createBundle(a.profile.store)).bytes);
      expect(deleted(b, one.table, id)).toBe(false);

      // A restore is taken back the same way.
      await one.retire(true);
      const restored = (await one.retire(false)) as { undo: { deleted?: boolean }[] };
      expect(restored.undo.map((step) => step.deleted)).toEqual([true]);
    });
  }

  it('signs an undo of a retire by the chosen member, and refuses steps of two campaigns', async () => {
    const { undo } = await call(a, 'members.retire', { id: seeded.members[1], retired: true });
    await call(a, 'undo.apply', { steps: [...undo] });
    const last = a.profile.store
      .changesAfter(0, 100_000)
      .map((logged) => logged.change)
      .filter((change) => change.rowId === seeded.members[1] && change.column === 'deleted')
      .at(-1);
    expect(last?.author).toBe(seeded.members[0]);

    const other = await a.dispatch('campaigns.create', { name: 'Tweede', workingYear: '2026-2027' });
    if (!other.ok) throw new Error(other.error.message);
    const otherSector = a.profile.store.list('sectors', { campaign_id: (other.value as { id: string }).id })[0];
    const refused = await a.dispatch('undo.apply', {
      steps: [
        { table: 'sectors', rowId: seeded.sectorId, values: {}, deleted: true },
        { table: 'sectors', rowId: otherSector?.id ?? '', values: {}, deleted: true },
      ],
    });
    expect(refused.ok).toBe(false);
    expect(deleted(a, 'sectors', seeded.sectorId)).toBe(false);
  });
});
