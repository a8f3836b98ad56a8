import type { FastifyInstance } from 'fastify';
import { routes, type RouteTypesOf } from '../api';
import { requireMember } from '../authz';
import { authenticateFirst, principalOf, type RouteContext } from './context';
import { fastifySchema } from './schema';

/**
 * Duo sync over the local network: a laptop tells the server its LAN certificate fingerprint,
 * and a campaign's member reads those of the other members' laptops, so the duo dialog can say
 * whether the laptop it pairs with is the one the server knows for that colleague.
 */
export async function lanRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const authenticated = authenticateFirst(context.auth);

  app.put<RouteTypesOf<typeof routes.lanFingerprint>>(
    routes.lanFingerprint.path,
    { preParsing: authenticated, schema: fastifySchema(routes.lanFingerprint) },
    async (request) => {
      await context.store.lanFingerprints.record(principalOf(request).user.id, request.body.fingerprint, Date.now());
      return { ok: true as const };
    },
  );

  app.get<RouteTypesOf<typeof routes.lanPartners>>(
    routes.lanPartners.path,
    { preParsing: authenticated, schema: fastifySchema(routes.lanPartners) },
    async (request) => {
      const principal = principalOf(request);
      requireMember(principal, request.params.campaign);
      return { partners: await context.store.lanFingerprints.ofCampaign(request.params.campaign, principal.user.id) };
    },
  );
}
