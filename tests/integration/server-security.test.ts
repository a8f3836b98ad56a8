import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldListResponse, PullResponse, PushResponse } from '../../server/api';
import { hashToken } from '../../server/auth/tokens';
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

const pgReason = await announcedPostgresReason('server-security');

const C = 'c1';
const kinds = STORE_KINDS;

describe.each(kinds)('authorization, workflow and hostile input on %s', (kind) => {
  const skip = kind === 'postgres' && pgReason !== null;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  const tokens = new Map<string, string>();
  const t = (who: string): string => tokens.get(who) as string;
  let wall = Date.now() - 60_000;
  const push = (who: string, inputs: Parameters<typeof makeChanges>[2], node = 'laptopins') =>
    api(server.url, t(who), 'POST', `/v1/campaigns/${C}/changes`, {
      changes: makeChanges(node, C, inputs, { wallMs: (wall += 10) }),
    });
  const pullAll = async (who: string) =>
    ((await api(server.url, t(who), 'GET', `/v1/campaigns/${C}/changes?after=0&limit=2000`)).body as PullResponse)
      .changes;

  beforeAll(async () => {
    if (skip) return;
    handle = await createTestStoreLocation(kind);
    server = await startTestServer(handle.location, { bodyLimit: 1024 * 1024 });
    const ids = await seed(
      server.store,
      [C, 'c2'],
      [
        { email: 'ins@x.org', roles: [{ role: 'inspector' }] },
        { email: 'coa@x.org', roles: [{ role: 'region-coordinator', scope: 'antwerpen' }] },
        { email: 'cog@x.org', roles: [{ role: 'region-coordinator', scope: 'gent' }] },
        { email: 'lead@x.org', roles: [{ role: 'team-lead' }] },
        { email: 'secic@x.org', roles: [{ role: 'sector-lead', scope: 'ic' }] },
        { email: 'outsider@x.org', roles: [{ role: 'team-lead', campaign: 'c2' }] },
        { email: 'revoked@x.org', roles: [{ role: 'team-lead' }] },
        { email: 'expired@x.org', roles: [{ role: 'team-lead' }] },
      ],
    );
    for (const who of ['ins', 'coa', 'cog', 'lead', 'secic', 'outsider', 'revoked', 'expired'])
      tokens.set(who, await login(server.url, `${who}@x.org`));
    await server.store.revokeMemberships(C, ids.get('revoked@x.org') as string);
    await server.store.driver.execute('UPDATE tokens SET expires_at = 0 WHERE hash = $1', [hashToken(t('expired'))]);
    const seeded = await push('ins', [
      { table: 'organisations', rowId: 'o1', column: 'region_id', value: 'antwerpen' },
      { table: 'organisations', rowId: 'o1', column: 'sector_id', value: 'ic' },
      { table: 'visits', rowId: 'v1', column: 'organisation_id', value: 'o1' },
      { table: 'visits', rowId: 'v1', column: 'status', value: 'done' },
      { table: 'reports', rowId: 'ra', column: 'kind', value: 'region' },
      { table: 'reports', rowId: 'ra', column: 'scope_id', value: 'antwerpen' },
      { table: 'reports', rowId: 'rs', column: 'kind', value: 'sector' },
      { table: 'reports', rowId: 'rs', column: 'scope_id', value: 'ic' },
      { table: 'good_practices', rowId: 'gp1', column: 'visit_id', value: 'v1' },
    ]);
    expect(seeded.body).toMatchObject({ accepted: 9 });
  });

  afterAll(async () => {
    if (skip) return;
    await server.close();
    await handle.destroy();
  });

  it.skipIf(skip)(
    'refuses by the matrix: no token, expired token, other campaign, revoked member, wrong role',
    async () => {
      const cases: {
        who: string | null;
        method: string;
        route: string;
        body?: unknown;
        status: number;
        message: RegExp;
      }[] = [
        { who: null, method: 'GET', route: `/v1/campaigns/${C}/changes`, status: 401, message: /access token/ },
        { who: 'expired', method: 'GET', route: `/v1/campaigns/${C}/changes`, status: 401, message: /expired/ },
        {
          who: 'outsider',
          method: 'GET',
          route: `/v1/campaigns/${C}/changes`,
          status: 403,
          message: /not a member of campaign "c1"/,
        },
        {
          who: 'outsider',
          method: 'POST',
          route: `/v1/campaigns/${C}/changes`,
          body: { changes: [] },
          status: 403,
          message: /not a member/,
        },
        { who: 'revoked', method: 'GET', route: `/v1/campaigns/${C}/changes`, status: 403, message: /not a member/ },
        {
          who: 'revoked',
          method: 'POST',
          route: `/v1/campaigns/${C}/visits/v1/status`,
          body: { to: 'submitted' },
          status: 403,
          message: /not a member/,
        },
        { who: 'ins', method: 'GET', route: '/v1/campaigns/nope/changes', status: 403, message: /not a member/ },
      ];
      for (const item of cases) {
        const answer = await api(server.url, item.who ? t(item.who) : null, item.method, item.route, item.body);
        expect({ who: item.who, route: item.route, status: answer.status }).toEqual({
          who: item.who,
          route: item.route,
          status: item.status,
        });
        expect((answer.body as { error: { message: string } }).error.message).toMatch(item.message);
      }
    },
  );

  it.skipIf(skip)(
    'runs the visit workflow: only the region coordinator or team lead approves, status travels through pull',
    async () => {
      expect(
        (await api(server.url, t('ins'), 'POST', `/v1/campaigns/${C}/visits/v1/status`, { to: 'approved' })).status,
      ).toBe(409);
      expect(
        (await api(server.url, t('ins'), 'POST', `/v1/campaigns/${C}/visits/v1/status`, { to: 'submitted' })).status,
      ).toBe(200);
      const wrongRole = await api(server.url, t('ins'), 'POST', `/v1/campaigns/${C}/visits/v1/status`, {
        to: 'approved',
      });
      expect(wrongRole.status).toBe(403);
      expect((wrongRole.body as { error: { message: string } }).error.message).toMatch(
        /region coordinator of region "antwerpen"/,
      );
      expect(
        (await api(server.url, t('cog'), 'POST', `/v1/campaigns/${C}/visits/v1/status`, { to: 'approved' })).status,
      ).toBe(403);
      expect(
        (await api(server.url, t('secic'), 'POST', `/v1/campaigns/${C}/visits/v1/status`, { to: 'approved' })).status,
      ).toBe(403);
      const approved = await api(server.url, t('coa'), 'POST', `/v1/campaigns/${C}/visits/v1/status`, {
        to: 'approved',
      });
      expect(approved.status).toBe(200);
      const statuses = (await pullAll('ins'))
        .filter((change) => change.table === 'visits' && change.column === 'status')
        .map((change) => change.value);
      expect(statuses).toEqual(['done', 'submitted', 'approved']);
    },
  );

  it.skipIf(skip)('refuses a laptop writing a server-owned status and re-asserts the server value', async () => {
    const answer = (await push('ins', [{ table: 'visits', rowId: 'v1', column: 'status', value: 'in_progress' }]))
      .body as PushResponse;
    expect(answer.refused).toHaveLength(1);
    expect(answer.refused[0]?.reason).toMatch(/"approved"/);
    const last = (await pullAll('ins'))
      .filter((change) => change.table === 'visits' && change.column === 'status')
      .at(-1);
    expect(last?.value).toBe('approved');
  });

  it.skipIf(skip)(
    'holds edits of an approved visit for its coordinator, serves accepted ones and never rejected ones',
    async () => {
      const held = (
        await push('ins', [
          { table: 'good_practices', rowId: 'gp1', column: 'text', value: 'late edit, rejected' },
          { table: 'good_practices', rowId: 'gp2', column: 'visit_id', value: 'v1' },
          { table: 'good_practices', rowId: 'gp2', column: 'text', value: 'late edit, accepted' },
          { table: 'visits', rowId: 'v1', column: 'date', value: '2025-03-01' },
        ])
      ).body as PushResponse;
      expect(held).toMatchObject({ accepted: 0, held: 4 });
      expect((await pullAll('coa')).some((change) => String(change.value).startsWith('late edit'))).toBe(false);

      expect(
        ((await api(server.url, t('cog'), 'GET', `/v1/campaigns/${C}/held`)).body as HeldListResponse).held,
      ).toHaveLength(0);
      expect((await api(server.url, t('ins'), 'GET', `/v1/campaigns/${C}/held`)).status).toBe(403);
      const list = (
        (await api(server.url, t('coa'), 'GET', `/v1/campaigns/${C}/held?state=pending`)).body as HeldListResponse
      ).held;
      expect(list).toHaveLength(4);
      const byValue = (value: string) => list.find((item) => item.change.value === value)?.change.id as string;
      expect(
        (
          await api(server.url, t('cog'), 'POST', `/v1/campaigns/${C}/held/${byValue('late edit, rejected')}`, {
            decision: 'accept',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await api(server.url, t('coa'), 'POST', `/v1/campaigns/${C}/held/${byValue('late edit, rejected')}`, {
            decision: 'reject',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api(server.url, t('lead'), 'POST', `/v1/campaigns/${C}/held/${byValue('late edit, accepted')}`, {
            decision: 'accept',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api(server.url, t('lead'), 'POST', `/v1/campaigns/${C}/held/${byValue('late edit, accepted')}`, {
            decision: 'reject',
          })
        ).status,
      ).toBe(409);
      const values = (await pullAll('secic')).map((change) => change.value);
      expect(values).toContain('late edit, accepted');
      expect(values).not.toContain('late edit, rejected');
    },
  );

  it.skipIf(skip)(
    'finalises reports by role: region report by its coordinator or the team lead, sector report by its lead only',
    async () => {
      const finalise = (who: string, report: string) =>
        api(server.url, t(who), 'POST', `/v1/campaigns/${C}/reports/${report}/status`, { to: 'final' });
      expect((await finalise('secic', 'ra')).status).toBe(403);
      expect((await finalise('cog', 'ra')).status).toBe(403);
      expect((await finalise('coa', 'rs')).status).toBe(403);
      expect((await finalise('lead', 'rs')).status).toBe(403);
      expect((await finalise('secic', 'rs')).status).toBe(200);
      expect((await finalise('coa', 'ra')).status).toBe(200);
      expect((await finalise('lead', 'ra')).status).toBe(409);
    },
  );

  it.skipIf(skip)('answers malformed and hostile requests with a clear 4xx, stays up and stores nothing', async () => {
    const before = (
      (await api(server.url, t('ins'), 'GET', `/v1/campaigns/${C}/changes?after=0&limit=1`)).body as PullResponse
    ).lastSeq;
    const good = makeChanges(
      'laptopins',
      C,
      [{ table: 'good_practices', rowId: 'gp9', column: 'text', value: 'fine' }],
      { wallMs: Date.now() },
    )[0];
    const hostile: { body: unknown; route?: string; status: number; message: RegExp }[] = [
      { body: '{"changes": [', status: 400, message: /JSON|Bad request/i },
      { body: { changes: 'all of them' }, status: 400, message: /changes/ },
      { body: { changes: [{ ...good, schema: 'one' }] }, status: 400, message: /changes\[0\]\.schema/ },
      { body: { changes: [good], extra: true }, status: 400, message: /additional/ },
      {
        body: { changes: [{ ...good, table: 'visits; DROP TABLE changes' }] },
        status: 400,
        message: /changes\[0\]\.table/,
      },
      { body: { changes: [{ ...good, table: 'sqlite_master' }] }, status: 400, message: /unknown table/ },
      { body: { changes: [{ ...good, column: 'password_hash' }] }, status: 400, message: /unknown column/ },
      { body: { changes: [good, { ...good, id: 'x', hlc: 'x' }] }, status: 400, message: /changes\[1\]/ },
      { body: { changes: [{ ...good, campaign: 'c2' }] }, status: 400, message: /belongs to campaign "c2"/ },
      {
        body: { changes: [good] },
        route: `/v1/campaigns/${encodeURIComponent("c1' OR '1'='1")}/changes`,
        status: 400,
        message: /campaign/,
      },
      { body: { changes: Array.from({ length: 5000 }, () => good) }, status: 413, message: /too large/ },
      { body: { changes: [{ ...good, value: 'x'.repeat(2 * 1024 * 1024) }] }, status: 413, message: /too large/ },
    ];
    for (const item of hostile) {
      const answer = await api(server.url, t('ins'), 'POST', item.route ?? `/v1/campaigns/${C}/changes`, item.body);
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(item.status);
      expect((answer.body as { error: { message: string } }).error.message).toMatch(item.message);
    }
    expect((await api(server.url, t('ins'), 'GET', `/v1/campaigns/${C}/changes?after=-1`)).status).toBe(400);
    expect((await api(server.url, t('ins'), 'GET', `/v1/campaigns/${C}/changes?limit=abc`)).status).toBe(400);
    expect((await api(server.url, `${t('ins')}x`, 'GET', `/v1/campaigns/${C}/changes`)).status).toBe(401);
    expect(
      (await api(server.url, null, 'POST', '/v1/auth/login', { email: 'ins@x.org', password: 'wrong password!' }))
        .status,
    ).toBe(401);
    expect((await api(server.url, null, 'GET', '/health')).status).toBe(200);
    const after = (
      (await api(server.url, t('ins'), 'GET', `/v1/campaigns/${C}/changes?after=0&limit=1`)).body as PullResponse
    ).lastSeq;
    expect(after).toBe(before);
  });

  it.skipIf(skip)('rotates refresh tokens and revokes the session when an old one is replayed', async () => {
    const first = (
      await api(server.url, null, 'POST', '/v1/auth/login', {
        email: 'ins@x.org',
        password: 'correct horse battery staple',
      })
    ).body as { refreshToken: string; accessToken: string };
    const second = await api(server.url, null, 'POST', '/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    const replay = await api(server.url, null, 'POST', '/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect((replay.body as { error: { message: string } }).error.message).toMatch(/already used/);
    const rotated = second.body as { accessToken: string };
    expect((await api(server.url, rotated.accessToken, 'GET', '/v1/me')).status).toBe(401);
  });
});
