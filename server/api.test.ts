import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, pathOf, routes, type ApiRoute } from './api';
import { fastifySchema } from './routes/schema';

describe('the server API described once', () => {
  it('describes every path parameter of every route', () => {
    for (const [name, route] of Object.entries(routes) as [string, ApiRoute][]) {
      const names = [...route.path.matchAll(/:([A-Za-z0-9]+)/g)].map((match) => match[1]);
      const params = fastifySchema(route).params as { properties?: Record<string, unknown> } | undefined;
      expect(Object.keys(params?.properties ?? {}).sort(), name).toEqual(names.sort());
    }
  });

  it('gives Fastify the JSON Schema of the zod description', () => {
    expect(fastifySchema(routes.push).body).toEqual({
      type: 'object',
      properties: {
        changes: {
          type: 'array',
          maxItems: MAX_PUSH_BATCH,
          items: { type: 'object', properties: {}, additionalProperties: {} },
        },
        node: { type: 'string', pattern: expect.any(String) },
      },
      required: ['changes'],
      additionalProperties: false,
    });
    expect(fastifySchema(routes.login).body).toMatchObject({
      required: ['email', 'password'],
      additionalProperties: false,
      properties: { email: { minLength: 3, maxLength: 320 }, password: { minLength: 1, maxLength: 1024 } },
    });
  });

  it('fills a route path with URL-encoded parameters', () => {
    expect(pathOf(routes.visitStatus, { campaign: 'c 1', visitId: 'v/2' })).toBe(
      '/v1/campaigns/c%201/visits/v%2F2/status',
    );
    expect(() => pathOf(routes.push, {})).toThrow(/campaign/);
  });
});
