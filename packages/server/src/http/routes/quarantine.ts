import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { listQuarantine, quarantineTest, unquarantineTest, type NewQuarantine } from '../../domain/quarantine.js';
import { principal, requires } from '../auth.js';
import { errorSchema, protectedErrors } from '../schemas.js';

// /api/v1/projects/{project}/quarantine: the tests whose failures do not fail a build until their
// expiry. The key travels in the body or the query, not the path: a test key holds slashes and
// spaces ("chromium › shop.spec.ts › checkout").

const bearer = [{ bearer: [] }];
const tags = ['quarantine'];
const projectParams = { type: 'object', properties: { project: { type: 'string', minLength: 1, maxLength: 200, description: "the project's id or name" } }, required: ['project'] } as const;
const KEY = { type: 'string', minLength: 1, maxLength: 4000, description: "the test's stable key: project › file › title path, as in runs and summary.json" } as const;
const entrySchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    reason: { type: 'string' },
    expires_at: { type: 'string', format: 'date-time' },
    created_by: { type: 'string' },
    created_at: { type: 'string', format: 'date-time' },
  },
  required: ['key', 'reason', 'expires_at'],
} as const;
const errors = { 404: errorSchema, ...protectedErrors } as const;

type Params = { project: string };

export function quarantineRoutes(app: FastifyInstance, ctx: Context): void {
  const path = '/api/v1/projects/:project/quarantine';

  app.get<{ Params: Params }>(path, {
    preHandler: requires(ctx, 'runs:read'),
    schema: {
      summary: "The project's quarantined tests that have not expired: what a run fetches when it starts",
      tags, security: bearer, params: projectParams,
      response: { 200: { type: 'object', properties: { project: { type: 'string' }, items: { type: 'array', items: entrySchema } } }, ...errors },
    },
  }, async (request) => listQuarantine(ctx, principal(request), request.params.project));

  app.put<{ Params: Params; Body: NewQuarantine }>(path, {
    preHandler: requires(ctx, 'quarantine:manage'),
    schema: {
      summary: 'Quarantine a test with a reason until an expiry (again: replaces both); managers and admins',
      tags, security: bearer, params: projectParams,
      body: {
        type: 'object',
        properties: { key: KEY, reason: { type: 'string', minLength: 1, maxLength: 2000 }, expires_at: { type: 'string', format: 'date-time' } },
        required: ['key', 'reason', 'expires_at'],
        additionalProperties: false,
      },
      response: { 200: entrySchema, 400: errorSchema, ...errors },
    },
  }, async (request) => quarantineTest(ctx, principal(request), request.params.project, request.body));

  app.delete<{ Params: Params; Querystring: { key: string } }>(path, {
    preHandler: requires(ctx, 'quarantine:manage'),
    schema: {
      summary: 'Release a test from quarantine; managers and admins',
      tags, security: bearer, params: projectParams,
      querystring: { type: 'object', properties: { key: KEY }, required: ['key'], additionalProperties: false },
      response: { 204: { type: 'null' }, ...errors },
    },
  }, async (request, reply) => {
    await unquarantineTest(ctx, principal(request), request.params.project, request.query.key);
    return reply.code(204).send();
  });
}
