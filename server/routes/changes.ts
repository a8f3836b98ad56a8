import type { FastifyInstance } from 'fastify';
import type { Change } from '../../shared/sync/change';
import { describeRefusal, validateChange } from '../../shared/sync/validate';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, routes, type RouteTypesOf } from '../api';
import { requireMember } from '../authz';
import { badRequest } from '../errors';
import { authenticateFirst, principalOf, type RouteContext } from './context';
import { fastifySchema } from './schema';

/** Every pushed change through the one change validation (shared/sync/validate.ts); one bad change refuses the batch. */
function parseChanges(raw: readonly unknown[]): Change[] {
  return raw.map((item, index) => {
    const verdict = validateChange(item);
    if (!verdict.ok)
      throw badRequest(`${describeRefusal(verdict, `changes[${index}]`)}; nothing was stored.`, verdict.code);
    return verdict.change;
  });
}

/** Push and pull of a campaign's change log. */
export async function changeRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { sync } = context;
  const authenticated = authenticateFirst(context.auth);

  app.post<RouteTypesOf<typeof routes.push>>(
    routes.push.path,
    { preParsing: authenticated, bodyLimit: context.pushBodyLimit, schema: fastifySchema(routes.push) },
    async (request) => {
      const principal = principalOf(request);
      requireMember(principal, request.params.campaign);
      return sync.push(principal, request.params.campaign, parseChanges(request.body.changes), request.body.node);
    },
  );

  app.get<RouteTypesOf<typeof routes.pull>>(
    routes.pull.path,
    { preParsing: authenticated, schema: fastifySchema(routes.pull) },
    async (request) => {
      const after = Number(request.query.after ?? '0');
      const limit = Math.min(Number(request.query.limit ?? DEFAULT_PULL_LIMIT), MAX_PULL_LIMIT);
      return sync.pull(principalOf(request), request.params.campaign, after, limit);
    },
  );
}
