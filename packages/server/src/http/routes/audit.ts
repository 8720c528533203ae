import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { listAudit, type AuditQuery } from '../../domain/audit.js';
import { pagedLogRoute } from '../paged-log-route.js';
import { auditEntrySchema } from '../schemas.js';

export function auditRoutes(app: FastifyInstance, ctx: Context): void {
  pagedLogRoute<AuditQuery>(app, ctx, {
    path: '/api/v1/audit',
    permission: 'audit:read',
    summary: 'The audit log, newest first: filtered by user (the actor), action and time, paged',
    tag: 'audit',
    filters: {
      user: { type: 'string' },
      action: { type: 'string' },
      since: { type: 'string', format: 'date-time' },
      until: { type: 'string', format: 'date-time' },
    },
    entry: auditEntrySchema,
    list: (query) => listAudit(ctx.db, query),
  });
}
