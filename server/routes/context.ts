import type { FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import type { Authenticator, Principal } from '../auth/tokens';
import { unauthorized } from '../errors';
import type { ChangeFeed } from '../change-feed';
import type { ServerStore } from '../store/store';
import type { SyncService } from '../sync-service';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** What every route group (a Fastify plugin in this folder) is given by buildServerApp. */
export interface RouteContext {
  readonly store: ServerStore;
  readonly sync: SyncService;
  readonly auth: Authenticator;
  /** Largest JSON body of an authenticated push batch. */
  readonly pushBodyLimit: number;
  /** Login attempts per minute per address. */
  readonly loginRateLimitPerMinute: number | undefined;
  /** The campaigns' news for the events stream (server/change-feed.ts). */
  readonly feed: ChangeFeed;
  readonly events: { readonly heartbeatMs: number; readonly recheckMs: number };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('Log in first: this request needs an access token.');
  return request.principal;
}

/**
 * A preParsing hook: authenticates after the rate limit (onRequest) and before the body is read,
 * so an anonymous client cannot make the server buffer a large body.
 */
export function authenticateFirst(auth: Authenticator) {
  return async (request: FastifyRequest, _reply: FastifyReply, payload: RequestPayload): Promise<RequestPayload> => {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer '))
      throw unauthorized('Log in first: this request needs an access token (Authorization: Bearer ...).');
    const token = header.slice('Bearer '.length).trim();
    if (token.length === 0 || token.length > 200) throw unauthorized('Malformed access token; log in again.');
    request.principal = await auth.authenticate(token);
    return payload;
  };
}
