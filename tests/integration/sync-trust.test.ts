import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Profile } from '../../db/profile';
import { pushCursorKey, SyncEngine, SyncRoundError } from '../../services/sync/client/engine';
import { SyncHttpClient } from '../../services/sync/client/http';
import type { RoundReport } from '../../services/sync/client/status';
import type { StoreOptions } from '../../db/store/store';
import { guidingQuestionId, reportId, reportSectionId, sectorId } from '../../db/store/ids';
import {
  createTestStoreLocation,
  makeChanges,
  announcedPostgresReason,
  seed,
  startTestServer,
  STORE_KINDS,
  TEST_PASSWORD,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';
import { openTestProfile } from '../support/profile';

/**
 * The laptop side of a sync no member can break (issue 10): a change a laptop cannot apply (an
 * older server stored it) is set aside and every campaign keeps syncing; a laptop with a wrong
 * clock is told so and still receives; text compaction is idempotent, so idle rounds add nothing
 * to the server's log.
 */
const pgReason = await announcedPostgresReason('sync-trust');

const kinds = STORE_KINDS;
const DAY = 24 * 60 * 60 * 1000;

interface Laptop {
  readonly dir: string;
  readonly profile: Profile;
  readonly engine: SyncEngine;
}

describe.each(kinds)('laptops that keep syncing whatever the server holds, on %s', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const laptops: Laptop[] = [];

  async function laptop(email: string, options: { offsetMs?: number } = {}): Promise<Laptop> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-trust-'));
    const offset = options.offsetMs ?? 0;
    const now = () => Date.now() + offset;
    const store: StoreOptions = offset !== 0 ? { author: email, now } : { author: email };
    const profile = openTestProfile(dir, { store });
    const client = new SyncHttpClient({ baseUrl: server.url });
    await client.login(email, TEST_PASSWORD);
    const engine = new SyncEngine({ replica: profile.store, client, ...(offset !== 0 ? { now } : {}) });
    const item = { dir, profile, engine };
    laptops.push(item);
    return item;
  }

  /** A round as the app runs it: sync, then compact the texts the server stores (services/sync/controller.ts). */
  async function round(item: Laptop): Promise<RoundReport> {
    const report = await item.engine.syncOnce();
    for (const campaign of report.campaigns) {
      const serverId = server.store.serverId;
      item.profile.store.compactTexts({
        throughSeq: Number(item.profile.store.getSyncState(pushCursorKey(serverId, campaign)) ?? '0'),
        campaign,
      });
    }
    return report;
  }

  beforeAll(async () => {
    if (skip) return;
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location);
    const both = [
      { role: 'inspector' as const, campaign: 'ca' },
      { role: 'inspector' as const, campaign: 'cb' },
    ];
    await seed(
      server.store,
      ['ca', 'cb', 'cc'],
      [
        { email: 'ann@x.org', roles: both },
        { email: 'bob@x.org', roles: [{ role: 'inspector', campaign: 'cb' }] },
        { email: 'cid@x.org', roles: [{ role: 'inspector', campaign: 'cc' }] },
        { email: 'dan@x.org', roles: [{ role: 'inspector', campaign: 'cc' }] },
      ],
    );
  });

  afterAll(async () => {
    if (skip) return;
    for (const item of laptops) {
      await item.engine.stop();
      item.profile.close();
      rmSync(item.dir, { recursive: true, force: true });
    }
    await server.close();
    await handle.destroy();
  });

  it.skipIf(skip)(
    'sets aside what an older server stored (poison texts, a row of another campaign) and keeps syncing every campaign',
    async () => {
      const ann = await laptop('ann@x.org');
      ann.profile.store.insert('good_practices', 'ca', { visit_id: 'va', text: 'in A' }, { id: 'gp-a' });
      await round(ann);
      // What an older server accepted: poison text values, and a member of B pushing A's row id into B.
      const wall = Date.now() - 1000;
      const poison = makeChanges(
        'oldlaptop1',
        'cb',
        [
          { table: 'notes', rowId: 'n1', column: 'text', value: 'QQ==' },
          { table: 'lemmas', rowId: 'l1', column: 'narrative', value: '' },
          { table: 'good_practices', rowId: 'gp-a', column: 'text', value: 'stolen id' },
          { table: 'good_practices', rowId: 'gp-b', column: 'text', value: 'fine in B' },
        ],
        { wallMs: wall },
      );
      await server.store.transaction(async (tx) => {
        const last = (await server.store.lockCampaign(tx, 'cb')) as number;
        await server.store.appendChanges(tx, 'cb', last, poison, 'legacy');
      });
      const first = await round(ann);
      expect(first.setAside).toBe(3);
      expect(ann.profile.store.get('good_practices', 'gp-b')?.text).toBe('fine in B');
      expect(ann.profile.store.get('good_practices', 'gp-a')).toMatchObject({ campaign_id: 'ca', text: 'in A' });
      expect(
        ann.profile.store
          .listSetAside()
          .map((item) => item.code)
          .sort(),
      ).toEqual(['BAD_TEXT_UPDATE', 'BAD_TEXT_UPDATE', 'ROW_OF_OTHER_CAMPAIGN']);
      // The next rounds go on, in both campaigns.
      ann.profile.store.insert('good_practices', 'ca', { visit_id: 'va', text: 'later in A' }, { id: 'gp-a2' });
      const bob = await laptop('bob@x.org');
      bob.profile.store.insert('good_practices', 'cb', { visit_id: 'vb', text: 'later in B' }, { id: 'gp-b2' });
      await round(bob);
      const second = await round(ann);
      expect(second).toMatchObject({ problems: [], setAside: 0 });
      expect(ann.profile.store.get('good_practices', 'gp-b2')?.text).toBe('later in B');
      // The server itself now refuses that row id in B.
      const again = makeChanges('oldlaptop1', 'cb', [
        { table: 'good_practices', rowId: 'gp-a2', column: 'text', value: 'stolen again' },
      ]);
      const client = new SyncHttpClient({ baseUrl: server.url });
      await client.login('bob@x.org', TEST_PASSWORD);
      const answer = await client.push('cb', again);
      expect(answer.refused.map((item) => item.code)).toEqual(['ROW_OF_OTHER_CAMPAIGN']);
    },
  );

  it.skipIf(skip)(
    'refuses a hostile member of another campaign who pushes ids hashed from this campaign, in any order',
    async () => {
      // Bob is only in B; he computes A's deterministic ids (they hash A's id) and pushes them into B first.
      const sector = sectorId('ca', 'IC');
      const report = reportId('ca', 'final', null);
      const section = reportSectionId(report, 'inleiding', null);
      const bob = new SyncHttpClient({ baseUrl: server.url });
      await bob.login('bob@x.org', TEST_PASSWORD);
      const claimed = await bob.push(
        'cb',
        makeChanges('boblaptop1', 'cb', [
          { table: 'sectors', rowId: sector, column: 'code', value: 'IC' },
          { table: 'sectors', rowId: sector, column: 'name', value: 'Vals' },
          { table: 'reports', rowId: report, column: 'kind', value: 'final' },
          { table: 'report_sections', rowId: section, column: 'title', value: 'bezet' },
          // B's own ids are fine.
          { table: 'sectors', rowId: sectorId('cb', 'IC'), column: 'code', value: 'IC' },
          { table: 'good_practices', rowId: 'gp-bob-own', column: 'text', value: 'B' },
        ]),
      );
      expect({ accepted: claimed.accepted, refused: claimed.refused.map((item) => item.code) }).toEqual({
        accepted: 2,
        refused: ['ROW_OF_OTHER_CAMPAIGN', 'ROW_OF_OTHER_CAMPAIGN', 'ROW_OF_OTHER_CAMPAIGN', 'ROW_OF_OTHER_CAMPAIGN'],
      });
      // A's own laptop creates them afterwards: stored in A, not refused.
      const ann = new SyncHttpClient({ baseUrl: server.url });
      await ann.login('ann@x.org', TEST_PASSWORD);
      const own = await ann.push(
        'ca',
        makeChanges('annlaptop1', 'ca', [
          { table: 'sectors', rowId: sector, column: 'code', value: 'IC' },
          { table: 'sectors', rowId: sector, column: 'name', value: 'Integratie' },
          { table: 'reports', rowId: report, column: 'kind', value: 'final' },
          { table: 'reports', rowId: report, column: 'scope_id', value: null },
          { table: 'report_sections', rowId: section, column: 'report_id', value: report },
          { table: 'report_sections', rowId: section, column: 'template_key', value: 'inleiding' },
          { table: 'report_sections', rowId: section, column: 'source_visit_id', value: null },
          { table: 'report_sections', rowId: section, column: 'title', value: 'Inleiding' },
        ]),
      );
      expect({ accepted: own.accepted, refused: own.refused }).toEqual({ accepted: 8, refused: [] });
      // ... and afterwards B still cannot touch them.
      const after = await bob.push(
        'cb',
        makeChanges('boblaptop1', 'cb', [{ table: 'sectors', rowId: sector, column: 'name', value: 'Vals' }]),
      );
      expect(after.refused.map((item) => item.code)).toEqual(['ROW_OF_OTHER_CAMPAIGN']);
      // An id that does not hash from A (a random one) stays B's once B holds it.
      const stolen = await ann.push(
        'ca',
        makeChanges('annlaptop1', 'ca', [
          { table: 'good_practices', rowId: 'gp-bob-own', column: 'text', value: 'van B' },
        ]),
      );
      expect(stolen.refused.map((item) => item.code)).toEqual(['ROW_OF_OTHER_CAMPAIGN']);
      // A laptop in both campaigns syncs both, with nothing set aside: the server holds each id in one campaign.
      const both = await laptop('ann@x.org');
      const report1 = await round(both);
      expect(report1.problems).toEqual([]);
      const claimedIds = new Set([sector, report, section]);
      expect(both.profile.store.listSetAside().filter((item) => claimedIds.has(item.change.rowId))).toEqual([]);
      expect(both.profile.store.get('sectors', sector)).toMatchObject({ campaign_id: 'ca', name: 'Integratie' });
    },
  );

  it.skipIf(skip)(
    "keeps a campaign's genuine rows on a laptop in both campaigns when a forged claim an older server stored arrives first",
    async () => {
      const sector = sectorId('ca', 'PZ');
      const question = guidingQuestionId(sector, '1');
      // What an older server let a member of B store: A's ids, before A made them.
      const forged = makeChanges(
        'oldlaptop2',
        'cb',
        [
          { table: 'sectors', rowId: sector, column: 'code', value: 'PZ' },
          { table: 'sectors', rowId: sector, column: 'name', value: 'Vals' },
          { table: 'guiding_questions', rowId: question, column: 'sector_id', value: sector },
          { table: 'guiding_questions', rowId: question, column: 'number', value: '1' },
          { table: 'guiding_questions', rowId: question, column: 'text', value: 'Valse vraag' },
        ],
        { wallMs: Date.now() - 5000 },
      );
      await server.store.transaction(async (tx) => {
        const last = (await server.store.lockCampaign(tx, 'cb')) as number;
        await server.store.appendChanges(tx, 'cb', last, forged, 'legacy');
      });
      const both = await laptop('ann@x.org');
      await round(both);
      expect(both.profile.store.get('sectors', sector)?.campaign_id).toBe('cb');
      // A's own laptop makes the sector and its question, then the laptop in both campaigns syncs again.
      const maker = await laptop('ann@x.org');
      maker.profile.store.insert('sectors', 'ca', { code: 'PZ', name: 'Personenzorg', sort_order: 1 }, { id: sector });
      maker.profile.store.insert(
        'guiding_questions',
        'ca',
        { sector_id: sector, number: '1', text: 'Hoe verloopt de zorg?', sort_order: 1 },
        { id: question },
      );
      expect(await round(maker)).toMatchObject({ problems: [] });
      const second = await round(both);
      expect(second.problems).toEqual([]);
      expect(both.profile.store.get('sectors', sector)).toMatchObject({ campaign_id: 'ca', name: 'Personenzorg' });
      expect(both.profile.store.get('guiding_questions', question)).toMatchObject({
        campaign_id: 'ca',
        text: 'Hoe verloopt de zorg?',
      });
      const aside = both.profile.store.listSetAside().filter((item) => item.change.node === 'oldlaptop2');
      expect(aside.map((item) => item.change.id).sort()).toEqual(forged.map((change) => change.id).sort());
      expect(new Set(aside.map((item) => item.code))).toEqual(new Set(['ROW_OF_OTHER_CAMPAIGN']));
      // Later rounds stay quiet in both campaigns.
      expect(await round(both)).toMatchObject({ problems: [], setAside: 0 });
    },
  );

  it.skipIf(skip)(
    'tells a laptop whose clock is wrong, refuses its changes from the future, and lets it receive',
    async () => {
      const cid = await laptop('cid@x.org');
      cid.profile.store.insert('good_practices', 'cc', { visit_id: 'vc', text: 'on time' }, { id: 'gp-c' });
      await round(cid);

      const slow = await laptop('dan@x.org', { offsetMs: -2 * DAY });
      const behind = await slow.engine.syncOnce().then(
        () => null,
        (error: unknown) => error,
      );
      expect(behind).toBeInstanceOf(SyncRoundError);
      const slowReport = (behind as SyncRoundError).report;
      expect(slowReport.problems.map((problem) => problem.code)).toEqual(['CLOCK_SKEW']);
      expect(slow.profile.store.get('good_practices', 'gp-c')?.text).toBe('on time');
      expect(slow.engine.status).toMatchObject({ state: 'error', code: 'CLOCK_SKEW' });

      const fast = await laptop('dan@x.org', { offsetMs: 20 * 60 * 60 * 1000 });
      fast.profile.store.insert('good_practices', 'cc', { visit_id: 'vc', text: 'from the future' }, { id: 'gp-f' });
      const ahead = (await fast.engine.syncOnce().then(
        () => null,
        (error: unknown) => error,
      )) as SyncRoundError;
      expect(ahead.report.problems.map((problem) => [problem.phase, problem.code])).toEqual([
        ['clock', 'CLOCK_SKEW'],
        ['push', 'CLOCK_SKEW'],
      ]);
      expect(fast.profile.store.get('good_practices', 'gp-c')?.text).toBe('on time');
      expect((await server.store.changesAfter('cc', 0, 10_000)).some((entry) => entry.change.rowId === 'gp-f')).toBe(
        false,
      );
    },
  );

  it.skipIf(skip)(
    'compacts texts without growing the server log: 20 idle rounds of two laptops add nothing',
    async () => {
      const a = await laptop('bob@x.org');
      const b = await laptop('bob@x.org');
      // Edits on both laptops between their rounds, as two people working on one note do.
      const note = a.profile.store.insert('notes', 'cb', {
        visit_id: 'vb',
        conversation_id: 'cvb',
        author_id: 'mb',
        text: 'Eerste versie',
      });
      await round(a);
      await round(b);
      b.profile.store.update('notes', note, { text: 'Eerste versie, aangevuld' });
      b.profile.store.update('notes', note, { text: 'Eerste versie, aangevuld door B' });
      await round(b);
      a.profile.store.update('notes', note, { text: 'Eerste versie, aangevuld door B en A' });
      await round(a);
      await round(b);
      await round(a);
      const settled = await server.store.lastSeq('cb');
      for (let index = 0; index < 20; index += 1) {
        await round(b);
        await round(a);
      }
      expect(await server.store.lastSeq('cb')).toBe(settled);
      // A's edit was concurrent with B's: both are kept, the same on both laptops.
      const text = a.profile.store.get('notes', note)?.text;
      expect(b.profile.store.get('notes', note)?.text).toBe(text);
      expect(text?.match(/aangevuld door B/g)).toHaveLength(2);
      expect(text).toContain('door B en A');
    },
  );
});
