import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { PullResponse, PushResponse } from '../../server/api';
import { SyncHttpClient } from '../../services/sync/client/http';
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

const pgReason = await announcedPostgresReason('server-api');

const kinds = STORE_KINDS;

describe.each(kinds)('sync server API on %s', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  let token: string;

  beforeAll(async () => {
    if (skip) return;
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location);
    await seed(
      server.store,
      ['c2024', 'other'],
      [
        { email: 'ann@example.org', roles: [{ role: 'inspector' }] },
        { email: 'bob@example.org', roles: [{ role: 'inspector', campaign: 'other' }] },
      ],
    );
    token = await login(server.url, 'ann@example.org');
  });

  afterAll(async () => {
    if (skip) return;
    await server.close();
    await handle.destroy();
  });

  it.skipIf(skip)('answers /health', async () => {
    const health = await api(server.url, null, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, store: kind });
  });

  it.skipIf(skip)('stores a push once, however often it is replayed, and serves it paged', async () => {
    const changes = makeChanges(
      'laptopaa',
      'c2024',
      Array.from({ length: 25 }, (_, i) => ({
        table: 'good_practices',
        rowId: `n${i}`,
        column: 'text',
        value: `practice ${i}`,
      })),
    );
    const first = await api(server.url, token, 'POST', '/v1/campaigns/c2024/changes', { changes });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 25, duplicates: 0, held: 0, lastSeq: 25 });
    const replay = await api(server.url, token, 'POST', '/v1/campaigns/c2024/changes', {
      changes: [...changes.slice(10), ...changes.slice(0, 10), changes[3]],
    });
    expect(replay.body).toMatchObject({ accepted: 0, duplicates: 26, lastSeq: 25 });

    const pulled: string[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const page = (await api(server.url, token, 'GET', `/v1/campaigns/c2024/changes?after=${after}&limit=10`))
        .body as PullResponse;
      pulled.push(...page.changes.map((change) => change.id));
      after = page.cursor;
      pages += 1;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(3);
    expect(pulled).toEqual(changes.map((change) => change.id));
  });

  it.skipIf(skip)('refuses a change stamped too far in the future, saying why, and stores nothing', async () => {
    const future = makeChanges(
      'laptopaa',
      'c2024',
      [{ table: 'good_practices', rowId: 'future', column: 'text', value: 'x' }],
      { wallMs: Date.now() + 3 * 24 * 3600 * 1000 },
    );
    const answer = await api(server.url, token, 'POST', '/v1/campaigns/c2024/changes', { changes: future });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { code: 'CLOCK_SKEW' } });
    expect(JSON.stringify(answer.body)).toMatch(/in the future/);
    const pull = (await api(server.url, token, 'GET', '/v1/campaigns/c2024/changes?after=0&limit=2000'))
      .body as PullResponse;
    expect(pull.changes.some((change) => change.rowId === 'future')).toBe(false);
  });

  it.skipIf(skip)('refuses changes of another campaign than the route', async () => {
    const foreign = makeChanges('laptopaa', 'other', [
      { table: 'good_practices', rowId: 'x', column: 'text', value: 'x' },
    ]);
    const answer = await api(server.url, token, 'POST', '/v1/campaigns/c2024/changes', { changes: foreign });
    expect(answer.status).toBe(400);
    expect((answer.body as { error: { message: string } }).error.message).toMatch(/belongs to campaign "other"/);
    const push = (await api(server.url, token, 'POST', '/v1/campaigns/c2024/changes', { changes: [] }))
      .body as PushResponse;
    expect(push.lastSeq).toBe(25);
  });

  it.skipIf(skip)('uploads blobs resumably by content hash, checks the hash and serves ranges', async () => {
    const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
    const sha = createHash('sha256').update(data).digest('hex');
    const first = await fetch(`${server.url}/v1/campaigns/c2024/blobs/${sha}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-range': `bytes 0-99999/${data.length}`,
      },
      body: data.subarray(0, 100_000),
    });
    expect(first.status).toBe(202);
    const client = new SyncHttpClient({ baseUrl: server.url, credentials: { accessToken: token, refreshToken: null } });
    expect(await client.blobStatus('c2024', sha)).toEqual({ size: data.length, received: 100_000, complete: false });
    const sent: number[] = [];
    expect(await client.uploadBlob('c2024', sha, data, 64 * 1024, (done) => sent.push(done))).toMatchObject({
      complete: true,
      received: data.length,
    });
    expect(sent[0]).toBe(100_000 + 64 * 1024);
    expect((await client.downloadBlob('c2024', sha)).equals(data)).toBe(true);
    expect((await client.downloadBlob('c2024', sha, data.subarray(0, 1234))).equals(data)).toBe(true);

    const wrong = 'f'.repeat(64);
    const bad = await api(server.url, token, 'PUT', `/v1/campaigns/c2024/blobs/${wrong}`, undefined);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    await expect(client.uploadBlob('c2024', wrong, Buffer.from('not matching'))).rejects.toThrow(
      /do not match their SHA-256/,
    );
    expect(await client.blobStatus('c2024', wrong)).toBeNull();
    const outsider = await login(server.url, 'bob@example.org');
    expect((await api(server.url, outsider, 'GET', `/v1/campaigns/c2024/blobs/${sha}`)).status).toBe(403);
  });
});
