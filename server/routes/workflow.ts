import type { FastifyInstance } from 'fastify';
import { routes, type RouteTypesOf } from '../api';
import { authenticateFirst, principalOf, type RouteContext } from './context';
import { fastifySchema } from './schema';

/** The review workflow the server owns: visit and report statuses, and the edits it holds for review. */
export async function workflowRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { sync } = context;
  const authenticated = authenticateFirst(context.auth);

  app.post<RouteTypesOf<typeof routes.visitStatus>>(
    routes.visitStatus.path,
    { preParsing: authenticated, schema: fastifySchema(routes.visitStatus) },
    async (request) =>
      sync.transitionVisit(principalOf(request), request.params.campaign, request.params.visitId, request.body.to),
  );

  app.post<RouteTypesOf<typeof routes.reportStatus>>(
    routes.reportStatus.path,
    { preParsing: authenticated, schema: fastifySchema(routes.reportStatus) },
    async (request) =>
      sync.transitionReport(principalOf(request), request.params.campaign, request.params.reportId, request.body.to, {
        ...(request.body.comment !== undefined ? { comment: request.body.comment } : {}),
      }),
  );

  app.get<RouteTypesOf<typeof routes.held>>(
    routes.held.path,
    { preParsing: authenticated, schema: fastifySchema(routes.held) },
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

  app.get<RouteTypesOf<typeof routes.ownHeld>>(
    routes.ownHeld.path,
    { preParsing: authenticated, schema: fastifySchema(routes.ownHeld) },
    async (request) => ({ held: await sync.listOwnHeld(principalOf(request), request.params.campaign) }),
  );

  app.post<RouteTypesOf<typeof routes.decideHeld>>(
    routes.decideHeld.path,
    { preParsing: authenticated, schema: fastifySchema(routes.decideHeld) },
    async (request) =>
      sync.decideHeld(principalOf(request), request.params.campaign, request.params.changeId, request.body.decision),
  );
}
