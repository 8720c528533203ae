import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { listAudit, type AuditQuery } from '../../domain/audit.js';
import { requires } from '../auth.js';
import { auditEntrySchema, protectedErrors } from '../schemas.js';

export function auditRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Querystring: AuditQuery }>('/api/v1/audit', {
    preHandler: requires(ctx, 'audit:read'),
    schema: {
      summary: 'The audit log, newest first: filtered by user (the actor), action and time, paged',
      tags: ['audit'],
      security: [{ bearer: [] }],
      querystring: {
        type: 'object',
        properties: {
          user: { type: 'string' },
          action: { type: 'string' },
          since: { type: 'string', format: 'date-time' },
          until: { type: 'string', format: 'date-time' },
          page: { type: 'integer', minimum: 1, default: 1 },
          page_size: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
        },
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: { items: { type: 'array', items: auditEntrySchema }, total: { type: 'integer' }, page: { type: 'integer' }, page_size: { type: 'integer' } },
        },
        ...protectedErrors,
      },
    },
  }, async (request) => ({ ...(await listAudit(ctx.db, request.query)), page: request.query.page, page_size: request.query.page_size }));
}
