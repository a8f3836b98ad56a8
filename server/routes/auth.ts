import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routes, type RouteTypesOf, type TokenResponse } from '../api';
import { authenticateFirst, principalOf, type RouteContext } from './context';
import { fastifySchema } from './schema';

const tokenResponse = (pair: TokenResponse): TokenResponse => ({
  accessToken: pair.accessToken,
  refreshToken: pair.refreshToken,
  accessExpiresAt: pair.accessExpiresAt,
  refreshExpiresAt: pair.refreshExpiresAt,
});

/** The server's health, logging in and out, refreshing tokens, and who the caller is. */
export async function authRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { store, sync, auth } = context;
  const authenticated = authenticateFirst(auth);

  app.get<RouteTypesOf<typeof routes.health>>(routes.health.path, async () => ({
    ok: true as const,
    serverId: store.serverId,
    store: store.driver.dialect,
    time: Date.now(),
    maxClockSkewMs: sync.clock.maxDriftMs,
  }));

  app.post<RouteTypesOf<typeof routes.login>>(
    routes.login.path,
    {
      config: {
        rateLimit: {
          max: context.loginRateLimitPerMinute ?? 20,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `login:${request.ip}`,
        },
      },
      schema: fastifySchema(routes.login),
    },
    async (request) => tokenResponse(await auth.login(request.body.email, request.body.password)),
  );

  app.post<RouteTypesOf<typeof routes.refresh>>(
    routes.refresh.path,
    {
      config: {
        rateLimit: {
          max: context.loginRateLimitPerMinute ?? 60,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `refresh:${request.ip}`,
        },
      },
      schema: fastifySchema(routes.refresh),
    },
    async (request) => tokenResponse(await auth.refresh(request.body.refreshToken)),
  );

  app.post<RouteTypesOf<typeof routes.logout>>(routes.logout.path, { preParsing: authenticated }, async (request) => {
    await store.revokeTokenFamily(principalOf(request).family);
    return { ok: true as const };
  });

  app.get<RouteTypesOf<typeof routes.me>>(routes.me.path, { preParsing: authenticated }, async (request) => {
    const principal = principalOf(request);
    return {
      serverId: store.serverId,
      user: { id: principal.user.id, email: principal.user.email },
      memberships: principal.memberships,
      time: Date.now(),
      maxClockSkewMs: sync.clock.maxDriftMs,
    };
  });
}
