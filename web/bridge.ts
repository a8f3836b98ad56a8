import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import {
  BRIDGE_EVENTS_PATH,
  BRIDGE_INVOKE_PATH,
  BRIDGE_TOKEN_HEADER,
  CONTENT_SECURITY_POLICY,
} from '../shared/contract/constants';
import type { AppEvent } from '../shared/contract/events';
import { fail, type Result } from '../shared/contract/result';
import { isLoopbackHost } from '../shared/sync/server-url';
import { SSE_HEADERS, sseEvent } from '../shared/sse';
import type { Dispatch } from '../services/dispatch';

/**
 * Browser mode: the contract over a local HTTP bridge, so that the whole stack runs in a plain
 * browser (and in Chromium under test) where no Electron binary is available.
 */
export interface BridgeOptions {
  readonly dispatch: Dispatch;
  /** The services' change events (services/events.ts), served as server-sent events on BRIDGE_EVENTS_PATH. */
  readonly events?: { subscribe(listener: (event: AppEvent) => void): () => void };
  /** Defaults to 127.0.0.1. A non-loopback host is refused unless allowRemoteHost is set. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Set only when the user named --host explicitly. */
  readonly allowRemoteHost?: boolean;
  /** Folder of the built renderer to serve; omitted, only the API is served. */
  readonly staticDir?: string;
  /** Fixed token for tests; a random per-launch token otherwise. */
  readonly token?: string;
  readonly logger?: FastifyServerOptions['logger'];
  /** Largest accepted request body in bytes. */
  readonly bodyLimit?: number;
}

export interface RunningBridge {
  readonly url: string;
  /** The URL to open in a browser: carries the token in the fragment (never sent to a server log). */
  readonly openUrl: string;
  readonly token: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export class BridgeHostError extends Error {
  override readonly name = 'BridgeHostError';
}

export { isLoopbackHost };

/** The host name of a Host header (without port; an IPv6 literal without its brackets). */
function headerHostname(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : (hostHeader.split(':')[0] ?? '');
}

/**
 * Which Host headers the bridge serves (DNS-rebinding guard): on any loopback bind (also when the
 * user named --host 127.0.0.1 or localhost) only loopback names; on an explicit bind to one other
 * address, loopback names and that address. A wildcard bind (0.0.0.0, ::), which the user must
 * name explicitly, is reached under names the bridge cannot know, so it checks nothing more.
 */
export function hostAllowed(bindHost: string, hostHeader: string): boolean {
  if (bindHost === '0.0.0.0' || bindHost === '::') return true;
  const hostname = headerHostname(hostHeader);
  return (
    isLoopbackHost(hostname) ||
    (!isLoopbackHost(bindHost) && hostname.toLowerCase() === bindHost.replace(/^\[|\]$/g, '').toLowerCase())
  );
}

function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemoteHost) {
    throw new BridgeHostError(`Refusing to listen on non-loopback host ${host}: pass --host explicitly to allow it.`);
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    // close() ends every connection (open event streams, keep-alive sockets) instead of waiting
    // up to the keep-alive timeout: the bridge serves one local page, nothing is worth waiting for.
    forceCloseConnections: true,
    // Refuse unknown fields instead of silently stripping them (Fastify's default).
    ajv: { customOptions: { removeAdditional: false } },
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const body: Result<never> =
      status === 413
        ? fail('INVALID_INPUT', 'Request body too large')
        : status < 500
          ? fail('INVALID_INPUT', `Bad request: ${error.message}`)
          : fail('INTERNAL', 'Internal error');
    void reply.status(status).send(body);
  });

  // DNS-rebinding guard: a page of another site that resolves its name to 127.0.0.1 sends its own
  // name as Host; only the names in hostAllowed are served.
  app.addHook('onRequest', async (request, reply) => {
    const hostHeader = request.headers.host ?? '';
    if (!hostAllowed(host, hostHeader)) {
      await reply
        .status(403)
        .send(
          fail(
            'FORBIDDEN',
            `Host ${JSON.stringify(hostHeader)} is not served: browser mode only answers on loopback addresses`,
          ),
        );
    }
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });

  app.post(
    BRIDGE_INVOKE_PATH,
    {
      schema: {
        body: {
          type: 'object',
          required: ['channel'],
          additionalProperties: false,
          properties: { channel: { type: 'string', maxLength: 200 }, payload: {} },
        },
      },
      preValidation: async (request, reply) => {
        if (!tokensMatch(token, request.headers[BRIDGE_TOKEN_HEADER])) {
          await reply.status(401).send(fail('UNAUTHORIZED', `Missing or wrong ${BRIDGE_TOKEN_HEADER} header`));
          return;
        }
        // Fastify's validator coerces types (["app.info"] would become "app.info"): the channel is
        // checked on the body as sent, before validation.
        const body = request.body;
        if (typeof body === 'object' && body !== null && 'channel' in body && typeof body.channel !== 'string') {
          await reply.status(400).send(fail('INVALID_INPUT', 'Bad request: the channel must be a string'));
        }
      },
    },
    async (request, reply) => {
      const body = request.body as { channel: string; payload?: unknown };
      const result = await options.dispatch(body.channel, body.payload);
      // Contract-level refusals (invalid payload, unknown channel, …) travel in the envelope with
      // HTTP 200, as over IPC; HTTP error statuses are kept for transport problems (no token,
      // wrong host, malformed or oversized body).
      return reply.status(200).send(result);
    },
  );

  // Change events as server-sent events. The page reads them with fetch and a stream reader
  // (not EventSource, which cannot send the token header). Same token and Host checks as invoke.
  const streams = new Set<() => void>();
  app.get(
    BRIDGE_EVENTS_PATH,
    {
      preValidation: async (request, reply) => {
        if (!tokensMatch(token, request.headers[BRIDGE_TOKEN_HEADER])) {
          await reply.status(401).send(fail('UNAUTHORIZED', `Missing or wrong ${BRIDGE_TOKEN_HEADER} header`));
        }
      },
    },
    (request, reply) => {
      const events = options.events;
      if (!events) return reply.status(404).send(fail('NOT_FOUND', 'This bridge serves no events'));
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { ...SSE_HEADERS, 'content-security-policy': CONTENT_SECURITY_POLICY });
      // A comment first, so the page knows the stream is open (and re-reads what it may have missed).
      raw.write(': open\n\n');
      const unsubscribe = events.subscribe((event) => raw.write(sseEvent(event.type, event)));
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), 25_000);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      raw.on('close', end);
    },
  );
  // Open streams would keep close() waiting for ever.
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  if (options.staticDir) {
    const root = path.resolve(options.staticDir);
    if (!existsSync(path.join(root, 'index.html'))) {
      throw new Error(
        `The renderer is not built (no ${path.join(root, 'index.html')}): run "npm run build:renderer" first.`,
      );
    }
    await app.register(fastifyStatic, { root, index: ['index.html'], wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send(fail('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`));
    });
  }

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The bridge did not bind a TCP port');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    token,
    app,
    close: () => app.close(),
  };
}
