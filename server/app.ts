import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type RequestPayload,
} from 'fastify';
import { type Change, type JsonValue, ROW_ID_PATTERN } from '../shared/sync/change';
import { NODE_ID_PATTERN } from '../shared/sync/hlc';
import { describeRefusal, validateChange } from '../shared/sync/validate';
import {
  API_PREFIX,
  BLOB_COMPLETE_HEADER,
  BLOB_SIZE_HEADER,
  DEFAULT_PULL_LIMIT,
  MAX_BLOB_BYTES,
  MAX_BLOB_CHUNK_BYTES,
  MAX_PULL_LIMIT,
  MAX_PUSH_BATCH,
  UPLOAD_OFFSET_HEADER,
  type HealthResponse,
  type MeResponse,
  type OwnHeldResponse,
  type TokenResponse,
} from './api';
import { AuthError, Authenticator, LoginBackoffError, type AuthOptions, type Principal } from './auth/tokens';
import { requireMember } from './authz';
import { badRequest, ServerError, unauthorized } from './errors';
import type { ServerStore } from './store/store';
import type { ReportFreezer } from './report-rules';
import { SyncService, type ReportTarget } from './sync-service';

/**
 * The sync server as a Fastify app. Tests build it in-process and listen on 127.0.0.1:0;
 * `veldwerk server` does the same on a chosen port. Every route validates its input with a
 * JSON schema (and pushed changes again with the shared zod schema), bodies are size-limited,
 * requests are rate-limited, and logs are pino JSON lines.
 */
export interface ServerAppOptions {
  readonly store: ServerStore;
  readonly logger?: FastifyServerOptions['logger'];
  /** Largest JSON body of an authenticated push batch; default 16 MiB. Every other body: SMALL_BODY_LIMIT. */
  readonly bodyLimit?: number;
  /** Requests per minute per client address; default 1200. */
  readonly rateLimitPerMinute?: number;
  /** Login attempts per minute per address; default 20 (and per account: LoginBackoff). */
  readonly loginRateLimitPerMinute?: number;
  readonly auth?: AuthOptions;
  /** The allowed clock skew of laptops: pushes stamped further ahead are refused (default 5 min). */
  readonly maxClockSkewMs?: number;
  /**
   * Behind a TLS proxy: which proxy addresses to trust for X-Forwarded-For (Fastify's trustProxy:
   * true, or addresses/CIDRs/"loopback" comma-separated), so limits apply per client, not to the
   * proxy's one address. Default: none (the peer address is the client).
   */
  readonly trustProxy?: boolean | string;
  /** Resolves a report's live blocks from the change log at finalise (services/reports/freeze.ts). */
  readonly freezeReport: ReportFreezer;
}

/** Bodies read before a request is authenticated (login, refresh) and of small routes. */
export const SMALL_BODY_LIMIT = 16 * 1024;

export interface ServerApp {
  readonly app: FastifyInstance;
  readonly sync: SyncService;
  readonly auth: Authenticator;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const idPattern = ROW_ID_PATTERN.source;
const SHA256_PATTERN = '^[0-9a-f]{64}$';

const errorBody = (code: string, message: string) => ({ error: { code, message } });

function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('Log in first: this request needs an access token.');
  return request.principal;
}

/** Every pushed change through the one change validation (shared/sync/validate.ts); one bad change refuses the batch. */
function parseChanges(raw: readonly unknown[]): Change[] {
  return raw.map((item, index) => {
    const verdict = validateChange(item);
    if (!verdict.ok)
      throw badRequest(`${describeRefusal(verdict, `changes[${index}]`)}; nothing was stored.`, verdict.code);
    return verdict.change;
  });
}

export async function buildServerApp(options: ServerAppOptions): Promise<ServerApp> {
  const { store } = options;
  const sync = await SyncService.create(store, {
    freezeReport: options.freezeReport,
    ...(options.maxClockSkewMs !== undefined ? { maxClockSkewMs: options.maxClockSkewMs } : {}),
  });
  const auth = new Authenticator(store, options.auth ?? {});
  const app = Fastify({
    logger: options.logger ?? false,
    // Authenticated routes authenticate on onRequest, before any body is read; only the push route reads a large one.
    bodyLimit: SMALL_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });

  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_BLOB_CHUNK_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    if (error instanceof ServerError) return reply.status(error.status).send(errorBody(error.code, error.message));
    if (error instanceof AuthError) return reply.status(401).send(errorBody(error.code, error.message));
    if (error instanceof LoginBackoffError) {
      return reply
        .status(429)
        .header('retry-after', String(Math.ceil(error.retryAfterMs / 1000)))
        .send(errorBody('LOGIN_BACKOFF', error.message));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
    if (status === 429) return reply.status(429).send(errorBody('RATE_LIMITED', error.message));
    if (status >= 400 && status < 500) {
      const prefix = error.validation ? 'Invalid request' : 'Bad request';
      return reply.status(status).send(errorBody('INVALID_INPUT', `${prefix}: ${error.message}`));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', 'The server failed to handle the request; it has been logged.'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );

  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    // Keyed on the client address (the proxy's X-Forwarded-For with --trust-proxy), which a client
    // cannot vary for free, not on the Authorization header, which random tokens would vary.
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => {
      const error = new ServerError(429, 'RATE_LIMITED', `Too many requests; retry in ${context.after}.`);
      return error;
    },
  });

  async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer '))
      throw unauthorized('Log in first: this request needs an access token (Authorization: Bearer ...).');
    const token = header.slice('Bearer '.length).trim();
    if (token.length === 0 || token.length > 200) throw unauthorized('Malformed access token; log in again.');
    request.principal = await auth.authenticate(token);
  }

  // Authenticates after the rate limit (onRequest) and before the body is read (parsing): an
  // anonymous client cannot make the server buffer a large body.
  const authenticateFirst = async (
    request: FastifyRequest,
    _reply: FastifyReply,
    payload: RequestPayload,
  ): Promise<RequestPayload> => {
    await authenticate(request);
    return payload;
  };

  const campaignParams = {
    type: 'object',
    required: ['campaign'],
    properties: { campaign: { type: 'string', pattern: idPattern } },
  } as const;

  app.get('/health', async (): Promise<HealthResponse> => ({
    ok: true,
    serverId: store.serverId,
    store: store.driver.dialect,
    time: Date.now(),
    maxClockSkewMs: sync.clock.maxDriftMs,
  }));

  const tokenResponse = (pair: TokenResponse): TokenResponse => ({
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessExpiresAt: pair.accessExpiresAt,
    refreshExpiresAt: pair.refreshExpiresAt,
  });

  app.post<{ Body: { email: string; password: string } }>(
    `${API_PREFIX}/auth/login`,
    {
      config: {
        rateLimit: {
          max: options.loginRateLimitPerMinute ?? 20,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `login:${request.ip}`,
        },
      },
      schema: {
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 3, maxLength: 320 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
      },
    },
    async (request) => tokenResponse(await auth.login(request.body.email, request.body.password)),
  );

  app.post<{ Body: { refreshToken: string } }>(
    `${API_PREFIX}/auth/refresh`,
    {
      config: {
        rateLimit: {
          max: options.loginRateLimitPerMinute ?? 60,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `refresh:${request.ip}`,
        },
      },
      schema: {
        body: {
          type: 'object',
          required: ['refreshToken'],
          additionalProperties: false,
          properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
    async (request) => tokenResponse(await auth.refresh(request.body.refreshToken)),
  );

  app.post(`${API_PREFIX}/auth/logout`, { preParsing: authenticateFirst }, async (request) => {
    const principal = principalOf(request);
    await store.revokeTokenFamily(principal.family);
    return { ok: true };
  });

  app.get(`${API_PREFIX}/me`, { preParsing: authenticateFirst }, async (request): Promise<MeResponse> => {
    const principal = principalOf(request);
    return {
      serverId: store.serverId,
      user: { id: principal.user.id, email: principal.user.email },
      memberships: principal.memberships,
      time: Date.now(),
      maxClockSkewMs: sync.clock.maxDriftMs,
    };
  });

  app.post<{ Params: { campaign: string }; Body: { changes: unknown[]; node?: string } }>(
    `${API_PREFIX}/campaigns/:campaign/changes`,
    {
      preParsing: authenticateFirst,
      bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
      schema: {
        params: campaignParams,
        body: {
          type: 'object',
          required: ['changes'],
          additionalProperties: false,
          properties: {
            changes: { type: 'array', maxItems: MAX_PUSH_BATCH, items: { type: 'object' } },
            node: { type: 'string', pattern: NODE_ID_PATTERN.source },
          },
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      requireMember(principal, request.params.campaign);
      return sync.push(principal, request.params.campaign, parseChanges(request.body.changes), request.body.node);
    },
  );

  app.get<{ Params: { campaign: string }; Querystring: { after?: string; limit?: string } }>(
    `${API_PREFIX}/campaigns/:campaign/changes`,
    {
      preParsing: authenticateFirst,
      schema: {
        params: campaignParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            after: { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})$' },
            limit: { type: 'string', pattern: '^[1-9][0-9]{0,4}$' },
          },
        },
      },
    },
    async (request) => {
      const after = Number(request.query.after ?? '0');
      const limit = Math.min(Number(request.query.limit ?? DEFAULT_PULL_LIMIT), MAX_PULL_LIMIT);
      return sync.pull(principalOf(request), request.params.campaign, after, limit);
    },
  );

  app.post<{ Params: { campaign: string; visitId: string }; Body: { to: 'submitted' | 'approved' | 'done' } }>(
    `${API_PREFIX}/campaigns/:campaign/visits/:visitId/status`,
    {
      preParsing: authenticateFirst,
      schema: {
        params: {
          type: 'object',
          required: ['campaign', 'visitId'],
          properties: {
            campaign: { type: 'string', pattern: idPattern },
            visitId: { type: 'string', pattern: idPattern },
          },
        },
        body: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: { to: { type: 'string', enum: ['submitted', 'approved', 'done'] } },
        },
      },
    },
    async (request) =>
      sync.transitionVisit(principalOf(request), request.params.campaign, request.params.visitId, request.body.to),
  );

  app.post<{
    Params: { campaign: string; reportId: string };
    Body: { to: ReportTarget; comment?: string; frozen?: Record<string, JsonValue> };
  }>(
    `${API_PREFIX}/campaigns/:campaign/reports/:reportId/status`,
    {
      preParsing: authenticateFirst,
      schema: {
        params: {
          type: 'object',
          required: ['campaign', 'reportId'],
          properties: {
            campaign: { type: 'string', pattern: idPattern },
            reportId: { type: 'string', pattern: idPattern },
          },
        },
        body: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: {
            to: { type: 'string', enum: ['draft', 'submitted', 'approved', 'final'] },
            comment: { type: 'string', maxLength: 5000 },
            // Sent by older laptops; ignored: the server resolves the frozen values itself.
            frozen: { type: 'object' },
          },
        },
      },
    },
    async (request) =>
      sync.transitionReport(principalOf(request), request.params.campaign, request.params.reportId, request.body.to, {
        ...(request.body.comment !== undefined ? { comment: request.body.comment } : {}),
      }),
  );

  app.get<{ Params: { campaign: string }; Querystring: { state?: 'pending' | 'accepted' | 'rejected' } }>(
    `${API_PREFIX}/campaigns/:campaign/held`,
    {
      preParsing: authenticateFirst,
      schema: {
        params: campaignParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { state: { type: 'string', enum: ['pending', 'accepted', 'rejected'] } },
        },
      },
    },
    async (request) => {
      const held = await sync.listHeld(principalOf(request), request.params.campaign, request.query.state);
      return {
        held: held.map((item) => ({
          change: item.change,
          visitId: item.visitId,
          reason: item.reason,
          state: item.state,
          pushedBy: item.pushedBy,
          receivedAt: item.receivedAt,
        })),
      };
    },
  );

  app.get<{ Params: { campaign: string } }>(
    `${API_PREFIX}/campaigns/:campaign/held/mine`,
    { preParsing: authenticateFirst, schema: { params: campaignParams } },
    async (request): Promise<OwnHeldResponse> => ({
      held: await sync.listOwnHeld(principalOf(request), request.params.campaign),
    }),
  );

  app.post<{ Params: { campaign: string; changeId: string }; Body: { decision: 'accept' | 'reject' } }>(
    `${API_PREFIX}/campaigns/:campaign/held/:changeId`,
    {
      preParsing: authenticateFirst,
      schema: {
        params: {
          type: 'object',
          required: ['campaign', 'changeId'],
          properties: {
            campaign: { type: 'string', pattern: idPattern },
            changeId: { type: 'string', pattern: '^[0-9a-z-]{1,60}$' },
          },
        },
        body: {
          type: 'object',
          required: ['decision'],
          additionalProperties: false,
          properties: { decision: { type: 'string', enum: ['accept', 'reject'] } },
        },
      },
    },
    async (request) =>
      sync.decideHeld(principalOf(request), request.params.campaign, request.params.changeId, request.body.decision),
  );

  registerBlobRoutes(app, store, authenticateFirst);

  return { app, sync, auth };
}

const blobParams = {
  type: 'object',
  required: ['campaign', 'sha256'],
  properties: { campaign: { type: 'string', pattern: idPattern }, sha256: { type: 'string', pattern: SHA256_PATTERN } },
} as const;

function setBlobHeaders(reply: FastifyReply, blob: { size: number; received: number; complete: boolean }): void {
  void reply.header(UPLOAD_OFFSET_HEADER, String(blob.received));
  void reply.header(BLOB_SIZE_HEADER, String(blob.size));
  void reply.header(BLOB_COMPLETE_HEADER, blob.complete ? 'true' : 'false');
}

/**
 * Blobs (documents) by content hash, per campaign. Uploads are resumable: HEAD tells how many
 * bytes the server holds (upload-offset), PUT sends the next bytes with
 * Content-Range: bytes <start>-<end>/<total>. When the last byte arrives the server checks the
 * hash; a mismatch discards the upload. GET serves a complete blob, with Range for resuming.
 */
function registerBlobRoutes(
  app: FastifyInstance,
  store: ServerStore,
  authenticateFirst: (request: FastifyRequest, reply: FastifyReply, payload: RequestPayload) => Promise<RequestPayload>,
): void {
  type BlobRoute = { Params: { campaign: string; sha256: string } };
  const path = `${API_PREFIX}/campaigns/:campaign/blobs/:sha256`;

  app.head<BlobRoute>(
    path,
    { preParsing: authenticateFirst, schema: { params: blobParams } },
    async (request, reply) => {
      requireMember(principalOf(request), request.params.campaign);
      const blob = await store.findBlob(request.params.campaign, request.params.sha256);
      if (!blob) return reply.status(404).send();
      setBlobHeaders(reply, blob);
      return reply.status(200).send();
    },
  );

  app.put<BlobRoute & { Body: Buffer }>(
    path,
    { preParsing: authenticateFirst, bodyLimit: MAX_BLOB_CHUNK_BYTES, schema: { params: blobParams } },
    async (request, reply) => {
      const { campaign, sha256 } = request.params;
      requireMember(principalOf(request), campaign);
      if (!Buffer.isBuffer(request.body)) throw badRequest('Send blob bytes as application/octet-stream.');
      const range = /^bytes (\d{1,13})-(\d{1,13})\/(\d{1,13})$/.exec(String(request.headers['content-range'] ?? ''));
      const body = request.body;
      let start = 0;
      let total = body.length;
      if (range) {
        start = Number(range[1]);
        total = Number(range[3]);
        if (Number(range[2]) - start + 1 !== body.length)
          throw badRequest('Content-Range does not match the length of the body.');
      } else if (request.headers['content-range'] !== undefined) {
        throw badRequest('Content-Range must read "bytes <start>-<end>/<total>".');
      }
      if (total > MAX_BLOB_BYTES)
        throw new ServerError(413, 'PAYLOAD_TOO_LARGE', `A blob may be at most ${MAX_BLOB_BYTES} bytes.`);
      if (start + body.length > total) throw badRequest('The chunk ends beyond the total size.');
      const existing = await store.findBlob(campaign, sha256);
      if (existing?.complete) {
        setBlobHeaders(reply, existing);
        return reply.status(200).send({ size: existing.size, received: existing.received, complete: true });
      }
      if (existing && existing.size !== total)
        throw new ServerError(409, 'CONFLICT', `This upload was started with size ${existing.size}, not ${total}.`);
      if ((existing?.received ?? 0) !== start) {
        const received = existing?.received ?? 0;
        void reply.header(UPLOAD_OFFSET_HEADER, String(received));
        throw new ServerError(409, 'CONFLICT', `The server holds ${received} bytes of this blob; resume from there.`);
      }
      let blob = await store.appendBlobChunk(campaign, sha256, total, start, body);
      if (!blob.complete && blob.received === total) {
        const hash = createHash('sha256');
        for (const chunk of await store.readBlobChunks(campaign, sha256)) hash.update(chunk);
        if (hash.digest('hex') !== sha256) {
          await store.discardBlob(campaign, sha256);
          throw badRequest(
            'The uploaded bytes do not match their SHA-256 hash; the upload was discarded, send it again.',
          );
        }
        await store.markBlobComplete(campaign, sha256);
        blob = { ...blob, complete: true };
      }
      setBlobHeaders(reply, blob);
      return reply
        .status(blob.complete ? 201 : 202)
        .send({ size: blob.size, received: blob.received, complete: blob.complete });
    },
  );

  app.get<BlobRoute>(
    path,
    { preParsing: authenticateFirst, schema: { params: blobParams } },
    async (request, reply) => {
      const { campaign, sha256 } = request.params;
      requireMember(principalOf(request), campaign);
      const blob = await store.findBlob(campaign, sha256);
      if (!blob?.complete) throw new ServerError(404, 'NOT_FOUND', `Blob ${sha256} is not (completely) on the server.`);
      const data = Buffer.concat(await store.readBlobChunks(campaign, sha256));
      const range = /^bytes=(\d{1,13})-$/.exec(String(request.headers.range ?? ''));
      void reply.header('content-type', 'application/octet-stream').header('accept-ranges', 'bytes');
      if (range) {
        const from = Number(range[1]);
        if (from > data.length) throw new ServerError(416, 'INVALID_INPUT', `The blob has only ${data.length} bytes.`);
        return reply
          .status(206)
          .header('content-range', `bytes ${from}-${data.length - 1}/${data.length}`)
          .send(data.subarray(from));
      }
      return reply.status(200).send(data);
    },
  );
}
