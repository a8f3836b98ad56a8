import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../server/api';
import {
  api,
  createTestStoreLocation,
  login,
  makeChanges,
  announcedPostgresReason,
  seed,
  startTestServer,
  STORE_KINDS,
  type RunningTestServer,
  type TestStoreHandle,
} from './server-support';

/**
 * Pushes that arrive together are committed together (SQLite: the driver's group commit;
 * PostgreSQL: a campaign's waiting writes in one transaction), each in a savepoint: one refused
 * in the middle of a group is rolled back alone, the others are stored with consecutive sequence
 * numbers, and each is answered as if it had run alone. (Rolling back a write that already wrote
 * is tested with the drivers: sqlite-driver.test.ts, server-pg-driver.test.ts.)
 */
const pgReason = await announcedPostgresReason('server-write-groups');

const kinds = STORE_KINDS;
const C = 'c1';

describe.each(kinds)('pushes committed together on %s', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle | null = null;
  let server: RunningTestServer | null = null;

  afterEach(async () => {
    await server?.close();
    await handle?.destroy();
    server = null;
    handle = null;
  });

  it.skipIf(skip)('stores every good push of a burst, and nothing of the refused ones', async () => {
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location);
    await seed(
      server.store,
      [C],
      [
        { email: 'ann@x.org', roles: [{ role: 'inspector' }] },
        { email: 'bob@x.org', roles: [{ role: 'inspector' }] },
      ],
    );
    const url = server.url;
    const [ann, bob] = [await login(url, 'ann@x.org'), await login(url, 'bob@x.org')];
    // Ann's laptop is hers: Bob declaring it is refused inside the push's transaction (after its checks began).
    expect(
      (
        await api(url, ann, 'POST', `/v1/campaigns/${C}/changes`, {
          changes: makeChanges('annlaptop1', C, [
            { table: 'good_practices', rowId: 'gp-a', column: 'text', value: 'a' },
          ]),
          node: 'annlaptop1',
        })
      ).status,
    ).toBe(200);
    const pushes = Array.from({ length: 24 }, (_, index) => {
      const forged = index % 5 === 2;
      const node = forged ? 'annlaptop1' : `bobnode${String(index).padStart(4, '0')}`;
      return api(url, forged ? bob : index % 2 === 0 ? bob : ann, 'POST', `/v1/campaigns/${C}/changes`, {
        changes: makeChanges(node, C, [
          { table: 'good_practices', rowId: `gp-${index}`, column: 'text', value: `push ${index}` },
          { table: 'good_practices', rowId: `gp-${index}`, column: 'visit_id', value: 'v1' },
        ]),
        node: forged ? 'annlaptop1' : index % 2 === 0 ? `bobnode${String(index).padStart(4, '0')}` : undefined,
      });
    });
    const answers = await Promise.all(pushes);
    const good = answers.flatMap((answer, index) => (index % 5 === 2 ? [] : [index]));
    answers.forEach((answer, index) => {
      if (index % 5 === 2)
        expect(answer).toMatchObject({ status: 403, body: { error: { code: 'NODE_OF_OTHER_USER' } } });
      else expect(answer).toMatchObject({ status: 200, body: { accepted: 2, refused: [] } });
    });
    // Every stored push has its own two sequence numbers; together they run 1..N without a gap.
    const seqs = good.map((index) => (answers[index]?.body as PushResponse).lastSeq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(good.length);
    const pulled = (await api(url, ann, 'GET', `/v1/campaigns/${C}/changes?after=0&limit=1000`)).body as PullResponse;
    expect(pulled.lastSeq).toBe(1 + good.length * 2);
    expect(pulled.changes).toHaveLength(1 + good.length * 2);
    expect(seqs.at(-1)).toBe(pulled.lastSeq);
    const rows = new Set(pulled.changes.map((change) => change.rowId));
    for (let index = 0; index < 24; index += 1) expect(rows.has(`gp-${index}`)).toBe(index % 5 !== 2);
  });
});
