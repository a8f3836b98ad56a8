import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import type { ApiRoute } from '../api';

/** A request part's zod schema as the JSON Schema (draft-07) Fastify's validator runs. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _draft, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
  return json;
}

/** The route's validation for Fastify, from its one description in server/api.ts. */
export function fastifySchema(route: ApiRoute): FastifySchema {
  return {
    ...(route.params ? { params: jsonSchemaOf(route.params) } : {}),
    ...(route.querystring ? { querystring: jsonSchemaOf(route.querystring) } : {}),
    ...(route.body ? { body: jsonSchemaOf(route.body) } : {}),
  };
}
