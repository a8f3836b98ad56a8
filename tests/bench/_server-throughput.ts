import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import {
  createTestStoreLocation,
  login,
  postgresUnavailableReason,
  seed,
  startTestServer,
  type RunningTestServer,
  type StoreKindName,
  type TestStoreHandle,
} from '../integration/server-support';
import { median, round } from '../support/stats';

/**
 * Throughput of the sync server under 100 concurrent simulated clients, each pushing a batch of
 * five changes and pulling a page of 50, in a loop (issue 13: ≥ 0.6× bare Fastify on SQLite,
 * ≥ 0.4× on PostgreSQL). The baseline is bare Fastify measured in the same run with the same
 * client loop: the same two routes, JSON parsed and answered with the same shapes and page sizes,
 * served from an array in memory (no authentication, validation, rate limit or database). The
 * targets take turns round by round, so noise on a shared machine falls on all of them alike; the
 * figures are medians over the rounds, and `ratioToBareFastify` is the median of each round's
 * ratio to bare Fastify measured just before it in that round (`ratioOfMedians` beside it). The clients run in this process, so their cost is in every
 * figure, baseline included.
 */
const CAMPAIGN = 'bench';
const CLIENTS = 100;
const PAGE = 50;

type Target = 'bare' | StoreKindName;

interface Running {
  readonly url: string;
  readonly tokens: readonly string[];
  close(): Promise<void>;
}

interface BenchChange {
  readonly id: string;
  readonly [key: string]: unknown;
}

/** Fastify with the push and pull routes answering from memory: what the HTTP layer alone costs. */
async function startBare(): Promise<Running> {
  const log: BenchChange[] = [];
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
  app.post<{ Params: { campaign: string }; Body: { changes: BenchChange[] } }>(
    '/v1/campaigns/:campaign/changes',
    async (request) => {
      log.push(...request.body.changes);
      return { accepted: request.body.changes.length, duplicates: 0, held: 0, refused: [], lastSeq: log.length };
    },
  );
  app.get<{ Params: { campaign: string }; Querystring: { after?: string; limit?: string } }>(
    '/v1/campaigns/:campaign/changes',
    async (request) => {
      const after = Number(request.query.after ?? '0');
      const limit = Number(request.query.limit ?? '500');
      const changes = log.slice(after, after + limit);
      return {
        changes,
        cursor: after + changes.length,
        hasMore: after + changes.length < log.length,
        lastSeq: log.length,
      };
    },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, tokens: ['bare'], close: () => app.close() };
}

async function startSync(kind: StoreKindName): Promise<Running> {
  const handle: TestStoreHandle = await createTestStoreLocation(kind);
  let server: RunningTestServer | null = null;
  try {
    // The request limit stays on (it is per-request work of the real server), only raised above what the run sends.
    server = await startTestServer(handle.location, { rateLimitPerMinute: 100_000_000 }, 0);
    const users = Array.from({ length: 10 }, (_, index) => ({
      email: `u${index}@bench.org`,
      roles: [{ role: 'inspector' as const }],
    }));
    await seed(server.store, [CAMPAIGN], users);
    const url = server.url;
    const tokens = await Promise.all(users.map((user) => login(url, user.email)));
    const running = server;
    return {
      url,
      tokens,
      close: async () => {
        await running.close();
        await handle.destroy();
      },
    };
  } catch (error) {
    await server?.close();
    await handle.destroy();
    throw error;
  }
}

interface RoundResult {
  readonly requests: number;
  readonly failures: number;
  readonly requestsPerSecond: number;
  readonly medianLatencyMs: number;
}

/** One round: CLIENTS clients push five changes and pull a page, over and over, for durationMs. */
async function oneRound(target: Running, durationMs: number): Promise<RoundResult> {
  const deadline = performance.now() + durationMs;
  const latencies: number[] = [];
  let requests = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const node = `bench${client.toString().padStart(4, '0')}${randomBytes(2).toString('hex')}`;
      const token = target.tokens[client % target.tokens.length] as string;
      let counter = 0;
      let cursor = 0;
      while (performance.now() < deadline) {
        const wall = String(Date.now()).padStart(15, '0');
        const changes = Array.from({ length: 5 }, () => {
          const hlc = `${wall}-${(counter++ % 65536).toString(16).padStart(4, '0')}-${node}`;
          return {
            id: hlc,
            hlc,
            node,
            author: node,
            campaign: CAMPAIGN,
            table: 'good_practices',
            rowId: `${node}-${counter}`,
            column: 'text',
            value: `text ${counter}`,
            prev: null,
            schema: 1,
          };
        });
        for (const request of [
          () =>
            fetch(`${target.url}/v1/campaigns/${CAMPAIGN}/changes`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ changes }),
            }),
          () =>
            fetch(`${target.url}/v1/campaigns/${CAMPAIGN}/changes?after=${cursor}&limit=${PAGE}`, {
              headers: { authorization: `Bearer ${token}` },
            }),
        ]) {
          const start = performance.now();
          const response = await request();
          const body = (await response.json()) as { cursor?: number };
          latencies.push(performance.now() - start);
          requests += 1;
          if (!response.ok) failures += 1;
          if (typeof body.cursor === 'number') cursor = body.cursor;
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  return {
    requests,
    failures,
    requestsPerSecond: Math.round((requests / elapsed) * 1000),
    medianLatencyMs: round(median(latencies), 1),
  };
}

/**
 * Bare Fastify, the server on SQLite and (when reachable) on PostgreSQL, `rounds` rounds each in
 * turn; reports each target's median req/s and its ratio to bare Fastify's median.
 */
export async function serverThroughput(options: {
  readonly full: boolean;
  readonly rounds?: number;
  readonly durationMs?: number;
  /** Measure only these (for profiling one); default all. */
  readonly only?: readonly Target[];
}): Promise<Record<string, unknown>> {
  const rounds = options.rounds ?? (options.full ? 5 : 3);
  const durationMs = options.durationMs ?? (options.full ? 5000 : 2000);
  const pgReason = await postgresUnavailableReason({ lenient: true });
  const targets = (pgReason ? (['bare', 'sqlite'] as const) : (['bare', 'sqlite', 'postgres'] as const)).filter(
    (target) => !options.only || options.only.includes(target),
  );
  const running = new Map<Target, Running>();
  const results = new Map<Target, RoundResult[]>(targets.map((target) => [target, []]));
  try {
    for (const target of targets) running.set(target, target === 'bare' ? await startBare() : await startSync(target));
    // A short warm-up of each (JIT, connection pools, the statement caches), not counted.
    for (const target of targets) await oneRound(running.get(target) as Running, Math.min(500, durationMs));
    for (let index = 0; index < rounds; index += 1)
      for (const target of targets)
        (results.get(target) as RoundResult[]).push(await oneRound(running.get(target) as Running, durationMs));
  } finally {
    for (const server of running.values()) await server.close();
  }
  const medianRps = (target: Target) => median((results.get(target) ?? []).map((result) => result.requestsPerSecond));
  const bare = targets.includes('bare') ? medianRps('bare') : Number.NaN;
  const bareRounds = (results.get('bare') ?? []).map((result) => result.requestsPerSecond);
  const summary = (target: Target, goal: number | null): Record<string, unknown> => {
    const list = results.get(target) ?? [];
    return {
      requestsPerSecond: medianRps(target),
      ...(target === 'bare'
        ? {}
        : {
            // Each round's figure over bare Fastify's in the same round (measured just before it), then the median.
            ratioToBareFastify: round(
              median(list.map((result, index) => result.requestsPerSecond / (bareRounds[index] ?? Number.NaN))),
              2,
            ),
            ratioOfMedians: round(medianRps(target) / bare, 2),
            goalRatio: goal,
          }),
      medianLatencyMs: round(median(list.map((result) => result.medianLatencyMs)), 1),
      roundsRequestsPerSecond: list.map((result) => result.requestsPerSecond),
      requests: list.reduce((sum, result) => sum + result.requests, 0),
      failures: list.reduce((sum, result) => sum + result.failures, 0),
    };
  };
  return {
    clients: CLIENTS,
    rounds,
    roundMs: durationMs,
    ...(targets.includes('bare') ? { bareFastify: summary('bare', null) } : {}),
    ...(targets.includes('sqlite') ? { sqlite: summary('sqlite', 0.6) } : {}),
    ...(pgReason
      ? { postgres: { skipped: pgReason } }
      : targets.includes('postgres')
        ? { postgres: summary('postgres', 0.4) }
        : {}),
  };
}
