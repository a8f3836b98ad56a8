import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildServerApp, type ServerAppOptions } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { openServerStore, type StoreLocation } from '../../server/store/open';
import type { Role, ServerStore } from '../../server/store/store';
import type { Change, JsonValue } from '../../shared/sync/change';
import { freezeReportFromLog } from '../../services/reports/freeze';

/** Shared set-up of the server integration tests: both stores, an in-process server on 127.0.0.1, seeded members. */
export const PG_URL =
  process.env.VELDWERK_TEST_DATABASE_URL ?? 'postgres://veldwerk_test:veldwerk_test@127.0.0.1:5432/veldwerk_test';

/** Null when PostgreSQL answers; otherwise why not. */
async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} is not reachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Whether the PostgreSQL half of the suite may skip. It may only where nobody asked for it: with
 * VELDWERK_TEST_DATABASE_URL set (as .ci/run does where PostgreSQL is installed) an unreachable
 * database is an error, because a silent skip would prove nothing.
 */
export function skipOrFail(reason: string | null, env: NodeJS.ProcessEnv): string | null {
  if (reason === null) return null;
  if (env.VELDWERK_TEST_DATABASE_URL)
    throw new Error(`${reason}. VELDWERK_TEST_DATABASE_URL is set, so the PostgreSQL tests must run, not skip.`);
  return reason;
}

/**
 * Null when PostgreSQL answers; otherwise why not (the PostgreSQL half of the suite is then
 * skipped, or fails: `skipOrFail`). The benchmark passes lenient: it reports what it could measure.
 */
export async function postgresUnavailableReason(options: { readonly lenient?: boolean } = {}): Promise<string | null> {
  const reason = await probePostgres();
  return options.lenient ? reason : skipOrFail(reason, process.env);
}

export type StoreKindName = 'sqlite' | 'postgres';

/** Both stores of the server, for a suite's `describe.each`. */
export const STORE_KINDS: StoreKindName[] = ['sqlite', 'postgres'];

/** postgresUnavailableReason, said once in the suite's output when the PostgreSQL half is skipped. */
export async function announcedPostgresReason(suite: string): Promise<string | null> {
  const reason = await postgresUnavailableReason();
  if (reason) console.log(`${suite}: PostgreSQL half skipped: ${reason}`);
  return reason;
}

export interface TestStoreHandle {
  readonly location: StoreLocation;
  /** Drops the temporary database (folder or PostgreSQL schema). */
  destroy(): Promise<void>;
}

export async function createTestStoreLocation(kind: StoreKindName): Promise<TestStoreHandle> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-server-'));
    return { location: { dataDir: dir }, destroy: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `vw_test_${randomBytes(6).toString('hex')}`;
  return {
    location: { databaseUrl: PG_URL, pgSchema: schema, pgPoolSize: 8 },
    destroy: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface RunningTestServer {
  readonly url: string;
  readonly store: ServerStore;
  readonly port: number;
  close(): Promise<void>;
}

export async function startTestServer(
  location: StoreLocation,
  options: Partial<Omit<ServerAppOptions, 'store'>> = {},
  port = 0,
): Promise<RunningTestServer> {
  const store = await openServerStore(location);
  const { app } = await buildServerApp({
    store,
    freezeReport: freezeReportFromLog,
    rateLimitPerMinute: 100_000,
    loginRateLimitPerMinute: 1000,
    ...options,
  });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  let closed = false;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    store,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
}

export interface SeedMember {
  readonly email: string;
  readonly roles: readonly { readonly role: Role; readonly scope?: string; readonly campaign?: string }[];
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates campaigns and members (all with TEST_PASSWORD); returns user ids by email. */
export async function seed(
  store: ServerStore,
  campaigns: readonly string[],
  members: readonly SeedMember[],
): Promise<Map<string, string>> {
  for (const campaign of campaigns) await store.createCampaign(campaign, `Campaign ${campaign}`);
  const hash = await hashPassword(TEST_PASSWORD);
  const ids = new Map<string, string>();
  for (const member of members) {
    const user = await store.createUser({ email: member.email, passwordHash: hash, isAdmin: false });
    ids.set(member.email, user.id);
    for (const role of member.roles)
      await store.addMembership(role.campaign ?? (campaigns[0] as string), user.id, role.role, role.scope ?? '');
  }
  return ids;
}

export async function login(url: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function api(
  url: string,
  token: string | null,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

export interface ChangeInput {
  readonly table: string;
  readonly rowId: string;
  readonly column: string;
  readonly value: JsonValue;
}

/** A well-formed change as a laptop with this node id would stamp it. */
export function makeChanges(
  node: string,
  campaign: string,
  inputs: readonly ChangeInput[],
  options: { author?: string; wallMs?: number } = {},
): Change[] {
  let counter = 0;
  const wall = options.wallMs ?? Date.now();
  return inputs.map((input) => {
    const hlc = `${String(wall).padStart(15, '0')}-${(counter++).toString(16).padStart(4, '0')}-${node}`;
    return {
      id: hlc,
      hlc,
      node,
      // A laptop signs as itself until someone chose who they are (server/authorship.ts).
      author: options.author ?? node,
      campaign,
      table: input.table,
      rowId: input.rowId,
      column: input.column,
      value: input.value,
      prev: null,
      schema: 1,
    };
  });
}

export interface FaultyProxy {
  readonly url: string;
  /** Requests seen, by "METHOD path-without-query". */
  readonly seen: string[];
  /** The next request matching this gets forwarded (and handled by the server) but its answer is cut off. */
  dropAnswerOf(matcher: (method: string, path: string) => boolean): void;
  close(): Promise<void>;
}

/** An HTTP proxy on 127.0.0.1 in front of the server that can lose an answer after the server handled the request. */
export async function startFaultyProxy(target: () => string): Promise<FaultyProxy> {
  const http = await import('node:http');
  const seen: string[] = [];
  let drop: ((method: string, path: string) => boolean) | null = null;
  const server = http.createServer((request, response) => {
    const routePath = (request.url ?? '/').split('?')[0] as string;
    seen.push(`${request.method} ${routePath}`);
    const shouldDrop = drop !== null && drop(request.method ?? 'GET', routePath);
    if (shouldDrop) drop = null;
    const upstream = new URL(request.url ?? '/', target());
    const forward = http.request(upstream, { method: request.method, headers: request.headers }, (answer) => {
      if (shouldDrop) {
        answer.resume();
        answer.on('end', () => request.socket.destroy());
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forward.on('error', () => request.socket.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    dropAnswerOf: (matcher) => {
      drop = matcher;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The team lead makes the team: member rows are the lead's to write (server/authorship.ts), so a
 * test whose campaign was set up on another member's laptop has the lead push the members as the
 * laptop holds them (name and address) before that laptop connects.
 */
export async function pushTeamAsLead(
  url: string,
  leadEmail: string,
  campaign: string,
  members: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Promise<void> {
  const token = await login(url, leadEmail);
  const node = `lead${randomBytes(6).toString('hex')}`;
  const changes = makeChanges(
    node,
    campaign,
    members.flatMap((member) =>
      Object.entries(member)
        .filter(([column]) => column !== 'id' && column !== 'campaign_id')
        .map(([column, value]) => ({ table: 'members', rowId: String(member.id), column, value: value as JsonValue })),
    ),
    { wallMs: Date.now() - 60_000 },
  );
  const answer = await fetch(`${url}/v1/campaigns/${encodeURIComponent(campaign)}/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ changes, node }),
  });
  const body = (await answer.json()) as { refused?: unknown[] };
  if (!answer.ok || (body.refused?.length ?? 0) > 0)
    throw new Error(`The team lead's push of the team was refused: ${JSON.stringify(body)}`);
}
