import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BLOB_CHUNK_BYTES } from './api';
import { AuthError, Authenticator, LoginBackoffError, type AuthOptions } from './auth/tokens';
import { ServerError } from './errors';
import { ChangeFeed, DEFAULT_MAX_STREAMS_PER_USER } from './change-feed';
import { authRoutes } from './routes/auth';
import { blobRoutes } from './routes/blobs';
import { changeRoutes } from './routes/changes';
import { eventRoutes } from './routes/events';
import { lanRoutes } from './routes/lan';
import type { RouteContext } from './routes/context';
import { workflowRoutes } from './routes/workflow';
import type { ReportFreezer } from './report-rules';
import type { ServerStore } from './store/store';
import { SyncService } from './sync-service';

/**
 * The sync server as a Fastify app. Tests build it in-process and listen on 127.0.0.1:0;
 * `veldwerk server` does the same on a chosen port. Every route validates its input with the
 * JSON Schema of its zod description in server/api.ts (and pushed changes again with the one
 * change validation), bodies are size-limited, requests are rate-limited, and logs are pino JSON
 * lines. The routes are Fastify plugins per group in server/routes/.
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
  /** The events stream (GET /v1/events): streams per account and process (default 4; a new one closes the oldest), ping and token re-check intervals. */
  readonly events?: {
    readonly maxStreamsPerUser?: number;
    readonly heartbeatMs?: number;
    readonly recheckMs?: number;
  };
  /** Resolves a report's live blocks from the change log at finalise (services/reports/freeze.ts). */
  readonly freezeReport: ReportFreezer;
}

/** Bodies read before a request is authenticated (login, refresh) and of small routes. */
export const SMALL_BODY_LIMIT = 16 * 1024;

export interface ServerApp {
  readonly app: FastifyInstance;
  readonly sync: SyncService;
  readonly auth: Authenticator;
  readonly feed: ChangeFeed;
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

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
    // close() ends the event streams first (preClose), then drops every connection: a keep-alive socket left by a
    // stream or a push kept a stopping server waiting for the keep-alive timeout (72 s). A push cut off by the
    // shutdown is sent again by its laptop; change ids make that harmless.
    forceCloseConnections: true,
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

  const feed = new ChangeFeed(store, options.events?.maxStreamsPerUser ?? DEFAULT_MAX_STREAMS_PER_USER);
  const context: RouteContext = {
    store,
    sync,
    auth,
    pushBodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    loginRateLimitPerMinute: options.loginRateLimitPerMinute,
    feed,
    events: { heartbeatMs: options.events?.heartbeatMs ?? 25_000, recheckMs: options.events?.recheckMs ?? 60_000 },
  };
  await app.register(authRoutes, context);
  await app.register(changeRoutes, context);
  await app.register(workflowRoutes, context);
  await app.register(blobRoutes, context);
  await app.register(lanRoutes, context);
  await app.register(eventRoutes, context);

  return { app, sync, auth, feed };
}
