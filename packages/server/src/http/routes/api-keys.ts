import type { FastifyInstance } from 'fastify';
import { createApiKey, deleteApiKey, listApiKeys, updateApiKey, type NewApiKey } from '../../domain/api-keys.js';
import type { Context } from '../../domain/context.js';
import { principal, requires } from '../auth.js';
import { apiKeySchema, errorSchema, idParams, NAME, newApiKeySchema, protectedErrors } from '../schemas.js';

const bearer = [{ bearer: [] }];
const tags = ['api-keys'];

export function apiKeyRoutes(app: FastifyInstance, ctx: Context): void {
  app.post<{ Body: NewApiKey }>('/api/v1/api-keys', {
    preHandler: requires(ctx, 'api_keys:manage'),
    schema: {
      summary: 'Create an API key: the key (pk_<id>_<secret>) is in this response only',
      tags,
      security: bearer,
      body: newApiKeySchema,
      response: { 201: { ...apiKeySchema, properties: { ...apiKeySchema.properties, key: { type: 'string' } }, required: [...apiKeySchema.required, 'key'] }, 400: errorSchema, 404: errorSchema, 409: errorSchema, ...protectedErrors },
    },
  }, async (request, reply) => reply.code(201).send(await createApiKey(ctx, principal(request), request.body)));

  app.get('/api/v1/api-keys', {
    preHandler: requires(ctx, 'api_keys:manage'),
    schema: { summary: "The caller's API keys (an admin's: all), with usage", tags, security: bearer, response: { 200: { type: 'object', properties: { items: { type: 'array', items: apiKeySchema } } }, ...protectedErrors } },
  }, async (request) => ({ items: await listApiKeys(ctx, principal(request)) }));

  app.patch<{ Params: { id: number }; Body: { enabled?: boolean; name?: string; rate_limit?: number } }>('/api/v1/api-keys/:id', {
    preHandler: requires(ctx, 'api_keys:manage'),
    schema: {
      summary: 'Enable, disable, rename an API key or change its rate limit',
      tags,
      security: bearer,
      params: idParams,
      body: { type: 'object', properties: { enabled: { type: 'boolean' }, name: NAME, rate_limit: newApiKeySchema.properties.rate_limit }, additionalProperties: false },
      response: { 200: apiKeySchema, 404: errorSchema, ...protectedErrors },
    },
  }, async (request) => updateApiKey(ctx, principal(request), request.params.id, request.body));

  app.delete<{ Params: { id: number } }>('/api/v1/api-keys/:id', {
    preHandler: requires(ctx, 'api_keys:manage'),
    schema: { summary: 'Delete an API key', tags, security: bearer, params: idParams, response: { 204: { type: 'null' }, 404: errorSchema, ...protectedErrors } },
  }, async (request, reply) => {
    await deleteApiKey(ctx, principal(request), request.params.id);
    return reply.code(204).send();
  });
}
