import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noteId } from '../../db/store/ids';
import type { CampaignNews, EventsOpen } from '../../server/api';
import { openServerStore } from '../../server/store/open';
import { notificationChannel } from '../../server/store/postgres-driver';
import type { ServerStore } from '../../server/store/store';
import type { Services, StartServicesOptions } from '../../services/runtime';
import { seedFieldwork } from '../support/seed';
import { call, until, useLaptopsWithServer } from '../support/services';
import { tempDir, testProfileKey } from '../support/profile';
import { startServices } from '../../services/runtime';
import { EventsReader, startServerProcess, type ServerProcess } from './news-support';
import {
  createTestStoreLocation,
  login,
  makeChanges,
  PG_URL,
  announcedPostgresReason,
  seed,
  startTestServer,
  STORE_KINDS,
  TEST_PASSWORD,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

// Issue 13: the server tells connected laptops that their campaign has news, so a partner's edit
// arrives at once. The laptops' periodic round here comes once an hour and nobody asks for a sync:
// an edit can reach the other laptop only through the news.

const HOUR = 60 * 60 * 1000;
const TIMING: StartServicesOptions['sync'] = { intervalMs: HOUR, pushDelayMs: 100 };

const pgReason = await announcedPostgresReason('sync-news');
const kinds = STORE_KINDS;

async function push(url: string, token: string, campaign: string, rowId: string): Promise<void> {
  const node = `news${randomBytes(6).toString('hex')}`;
  const changes = makeChanges(node, campaign, [{ table: 'good_practices', rowId, column: 'text', value: rowId }]);
  const answer = await fetch(`${url}/v1/campaigns/${campaign}/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ changes, node }),
  });
  if (!answer.ok) throw new Error(`push: ${answer.status} ${await answer.text()}`);
}

describe.each(kinds)('the events stream on the %s store', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const readers: EventsReader[] = [];
  const [c1, c2] = ['c1', 'c2'].map((name) => `${name}-${randomBytes(4).toString('hex')}`) as [string, string];

  beforeAll(async () => {
    if (skip) return;
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location, {
      events: { maxStreamsPerUser: 2, heartbeatMs: 60_000, recheckMs: 100 },
    });
    await seed(
      server.store,
      [c1, c2],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector', campaign: c1 }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'inspector', campaign: c2 }] },
        { email: 'chris@inspectie.be', roles: [{ role: 'inspector', campaign: c1 }] },
      ],
    );
  });

  afterEach(() => {
    for (const reader of readers.splice(0)) reader.close();
  });

  afterAll(async () => {
    if (skip) return;
    await server.close();
    await handle.destroy();
  });

  async function open(email: string | null): Promise<EventsReader> {
    const reader = await EventsReader.open(server.url, email ? await login(server.url, email) : null);
    readers.push(reader);
    return reader;
  }

  it.skipIf(skip)('refuses a request without a valid token', async () => {
    expect((await open(null)).status).toBe(401);
    expect((await EventsReader.open(server.url, 'vwa_not-a-token')).status).toBe(401);
  });

  it.skipIf(skip)('names only the account’s own campaigns, at open and after each push', async () => {
    const anna = await login(server.url, 'anna@inspectie.be');
    const bart = await login(server.url, 'bart@inspectie.be');
    await push(server.url, anna, c1, 'gp-before');
    const stream = await open('bart@inspectie.be');
    await stream.until((reader) => reader.data('open').length === 1, 'the open event');
    const opened = stream.data<EventsOpen>('open')[0] as EventsOpen;
    expect(opened.campaigns.map((entry) => entry.campaign)).toEqual([c2]);
    // A push to c1 first, then one to c2: Bart hears c2's and never c1's, which came before it.
    await push(server.url, anna, c1, 'gp-other');
    await push(server.url, bart, c2, 'gp-own');
    await stream.until((reader) => reader.data('news').length > 0, "news of Bart's campaign");
    const news = stream.data<CampaignNews>('news');
    expect(news.every((entry) => entry.campaign === c2)).toBe(true);
    expect(news[0]?.seq).toBe(await server.store.lastSeq(c2));
  });

  it.skipIf(skip)('tells right after a push, with the sequence number the log reached', async () => {
    const anna = await login(server.url, 'anna@inspectie.be');
    const stream = await open('chris@inspectie.be');
    await stream.until((reader) => reader.data('open').length === 1, 'the open event');
    const before = (stream.data<EventsOpen>('open')[0] as EventsOpen).campaigns[0]?.seq ?? 0;
    await push(server.url, anna, c1, `gp-${randomBytes(3).toString('hex')}`);
    await stream.until((reader) => reader.data('news').length > 0, 'the news');
    const news = stream.data<CampaignNews>('news')[0];
    expect(news).toEqual({ campaign: c1, seq: before + 1 });
  });

  it.skipIf(kind !== 'postgres' || skip)(
    'goes on telling after the listening connection to PostgreSQL is lost',
    async () => {
      const anna = await login(server.url, 'anna@inspectie.be');
      const stream = await open('chris@inspectie.be');
      await stream.until((reader) => reader.data('open').length === 1, 'the open event');
      const schema = handle.location.pgSchema as string;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      try {
        const database = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
        const killed = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()',
          [`LISTEN ${notificationChannel(database, schema)}`],
        );
        expect(killed.rowCount).toBe(1);
      } finally {
        await admin.end();
      }
      // Pushes go on; once the server listens again, the stream hears where c1 stands.
      const target = (await server.store.lastSeq(c1)) + 3;
      for (let index = 0; index < 3; index += 1) await push(server.url, anna, c1, `gp-lost-${index}`);
      await until(
        async () => {
          if (stream.data<CampaignNews>('news').some((news) => news.seq >= target)) return true;
          await push(server.url, anna, c1, `gp-again-${randomBytes(3).toString('hex')}`);
          return false;
        },
        Boolean,
        'news after the lost connection',
      );
      expect(stream.ended).toBe(false);
    },
  );

  it.skipIf(skip)('keeps at most the allowed streams per account: a new one closes the oldest', async () => {
    const first = await open('anna@inspectie.be');
    await first.until((reader) => reader.data('open').length === 1, 'the first stream');
    const second = await open('anna@inspectie.be');
    await second.until((reader) => reader.data('open').length === 1, 'the second stream');
    const third = await open('anna@inspectie.be');
    await third.until((reader) => reader.data('open').length === 1, 'the third stream');
    await first.ends('the oldest stream closed');
    expect(first.data<{ reason: string }>('closed')).toEqual([{ reason: 'too-many-streams' }]);
    expect(second.ended).toBe(false);
    // Another account's streams are not counted with hers.
    const other = await open('chris@inspectie.be');
    await other.until((reader) => reader.data('open').length === 1, "Chris's stream");
    expect(second.ended).toBe(false);
  });

  it.skipIf(skip)('ends a stream whose token is revoked or whose memberships change', async () => {
    const token = await login(server.url, 'anna@inspectie.be');
    const revoked = await EventsReader.open(server.url, token);
    readers.push(revoked);
    await revoked.until((reader) => reader.data('open').length === 1, 'the stream');
    await fetch(`${server.url}/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await revoked.ends('the revoked stream');
    expect(revoked.data<{ reason: string }>('closed')).toEqual([{ reason: 'revoked' }]);

    const moved = await open('chris@inspectie.be');
    await moved.until((reader) => reader.data('open').length === 1, 'the stream');
    const chris = await server.store.findUserByEmail('chris@inspectie.be');
    await server.store.revokeMemberships(c1, chris?.id ?? '');
    await moved.ends('the stream of a member who left');
    expect(moved.data<{ reason: string }>('closed')).toEqual([{ reason: 'memberships-changed' }]);
  });
});

describe('stopping a server that has served streams', () => {
  // A stopped server once waited for the keep-alive timeout (72 s) of connections its ended streams
  // and pushes left open; the test's own timeout, far below that, catches it waiting again.
  it('closes at once after it ended a stream and another is open', { timeout: 20_000 }, async () => {
    const handle = await createTestStoreLocation('sqlite');
    const server = await startTestServer(handle.location, {
      events: { maxStreamsPerUser: 1, heartbeatMs: 60_000, recheckMs: 100 },
    });
    const campaign = `c-${randomBytes(4).toString('hex')}`;
    await seed(server.store, [campaign], [{ email: 'anna@inspectie.be', roles: [{ role: 'inspector', campaign }] }]);
    const token = await login(server.url, 'anna@inspectie.be');
    const stream = await EventsReader.open(server.url, token);
    await stream.until((reader) => reader.data('open').length === 1, 'the open event');
    await push(server.url, token, campaign, 'gp-1');
    await stream.until((reader) => reader.data('news').length === 1, 'the news');
    // A second stream closes the first from the server's side (one stream per account here).
    const second = await EventsReader.open(server.url, token);
    await second.until((reader) => reader.data('open').length === 1, 'the second open event');
    await stream.ends('the first stream, closed by the server');
    await server.close();
    await second.ends('the stream the shutdown ended');
    expect(second.data<{ reason: string }>('closed')).toEqual([{ reason: 'shutdown' }]);
    await handle.destroy();
  });
});

describe('an edit reaches the partner’s laptop through the news', () => {
  const env = useLaptopsWithServer('veldwerk-news-');

  it('shows Bart’s note on Anna’s laptop without a sync round or a manual sync', async () => {
    const bart = env.laptop(undefined, TIMING);
    const seeded = await seedFieldwork(bart, { visits: 1, identity: 1 });
    const conversationId = seeded.conversations[0] as string;
    await seed(
      env.server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    await call(bart, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'bart@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      () => call(bart, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      "Bart's first push",
    );
    const anna = env.laptop(undefined, TIMING);
    await call(anna, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => anna.profile.store.get('conversations', conversationId) !== null && anna.sync.hearsNews,
      Boolean,
      'the campaign on Anna’s laptop, listening for news',
    );
    const rounds = (await call(anna, 'sync.status', {})).lastSyncAt;

    const text = 'Bart noteert: de wachtlijst is sinds september gehalveerd.';
    await call(bart, 'notes.save', { conversationId, guidingQuestionId: null, text });
    const id = noteId(conversationId, null, seeded.members[1]);
    await until(
      async () => anna.profile.store.get('notes', id)?.text ?? null,
      (seen) => seen === text,
      'the note',
    );
    // Anna's laptop pulled it in a round of its own, started by the news (the periodic one is an hour away).
    expect((await call(anna, 'sync.status', {})).lastSyncAt).toBeGreaterThan(rounds ?? 0);

    // And back: Anna's own edit reaches Bart the same way.
    await call(anna, 'identity.set', { campaignId: seeded.campaignId, memberId: seeded.members[0] });
    const reply = 'Anna noteert: bevestigd door de coördinator.';
    await call(anna, 'notes.save', { conversationId, guidingQuestionId: null, text: reply });
    const replyId = noteId(conversationId, null, seeded.members[0]);
    await until(
      async () => bart.profile.store.get('notes', replyId)?.text ?? null,
      (seen) => seen === reply,
      'her note',
    );
  });
});

describe.skipIf(pgReason !== null)('two veldwerk server processes on one PostgreSQL', () => {
  const schema = `vw_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const servers: ServerProcess[] = [];
  const laptops: Services[] = [];
  const folders: ReturnType<typeof tempDir>[] = [];
  let store: ServerStore;

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    // The first process migrates the schema; the second starts on it.
    servers.push(await startServerProcess(['--database-url', databaseUrl]));
    servers.push(await startServerProcess(['--database-url', databaseUrl]));
    store = await openServerStore({ databaseUrl: PG_URL, pgSchema: schema, pgPoolSize: 2 });
  }, 120_000);

  afterAll(async () => {
    for (const laptop of laptops) await laptop.close();
    for (const server of servers) await server.stop();
    await store?.close();
    for (const folder of folders) folder.remove();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  function laptop(): Services {
    const folder = tempDir('veldwerk-news-pg-');
    folders.push(folder);
    const services = startServices({
      profileDir: folder.dir,
      key: testProfileKey(folder.dir),
      transport: 'http',
      sync: TIMING,
      onInternalError: (_channel, error) => console.error(error),
    });
    laptops.push(services);
    return services;
  }

  it('notifies across processes: A on one, B on the other, and both converge', async () => {
    const [one, two] = servers as [ServerProcess, ServerProcess];
    const bart = laptop();
    const seeded = await seedFieldwork(bart, { visits: 2, identity: 1 });
    await seed(
      store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    await call(bart, 'sync.connect', { serverUrl: one.url, email: 'bart@inspectie.be', password: TEST_PASSWORD });
    await until(
      () => call(bart, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      "Bart's first push, to process one",
    );
    const anna = laptop();
    await call(anna, 'sync.connect', { serverUrl: two.url, email: 'anna@inspectie.be', password: TEST_PASSWORD });
    const [first, second] = seeded.conversations as [string, string];
    await until(
      async () => anna.profile.store.get('conversations', second) !== null && anna.sync.hearsNews,
      Boolean,
      'the campaign on Anna’s laptop (process two), listening',
    );
    await until(async () => bart.sync.hearsNews, Boolean, "Bart's laptop listening (process one)");

    // Bart writes through process one; Anna hears of it from process two.
    const text = 'Bart noteert: de vrijwilligerswerking draait op volle toeren.';
    await call(bart, 'notes.save', { conversationId: first, guidingQuestionId: null, text });
    const bartsNote = noteId(first, null, seeded.members[1]);
    await until(
      async () => anna.profile.store.get('notes', bartsNote)?.text ?? null,
      (seen) => seen === text,
      'the note',
    );

    // Anna writes through process two, at the same time as Bart edits the same conversation again.
    await call(anna, 'identity.set', { campaignId: seeded.campaignId, memberId: seeded.members[0] });
    const annas = 'Anna noteert: de wachtlijst is gehalveerd.';
    const barts = `${text} Ook de taallessen zitten vol.`;
    await Promise.all([
      call(anna, 'notes.save', { conversationId: second, guidingQuestionId: null, text: annas }),
      call(bart, 'notes.save', { conversationId: first, guidingQuestionId: null, text: barts }),
    ]);
    const annasNote = noteId(second, null, seeded.members[0]);
    await until(
      async () => [bart.profile.store.get('notes', annasNote)?.text, anna.profile.store.get('notes', bartsNote)?.text],
      ([onBart, onAnna]) => onBart === annas && onAnna === barts,
      'both notes on both laptops',
    );
    // Everything converges: both laptops hold the same notes, and the server's one log has every change once.
    const notesOf = (services: Services) =>
      services.profile.store
        .list('notes', { campaign_id: seeded.campaignId })
        .map((note) => `${note.id}:${note.text}`)
        .sort();
    await until(
      async () => [notesOf(anna), notesOf(bart)],
      ([a, b]) => JSON.stringify(a) === JSON.stringify(b),
      'the same notes on both laptops',
    );
    const log = await store.changesAfter(seeded.campaignId, 0, 1_000_000);
    expect(new Set(log.map((entry) => entry.change.id)).size).toBe(log.length);
    expect(log.map((entry) => entry.seq)).toEqual(log.map((_entry, index) => index + 1));
  }, 180_000);
});
