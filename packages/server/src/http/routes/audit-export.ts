import type { FastifyInstance } from 'fastify';
import { exportAudit, type AuditExportFormat, type AuditFilter } from '../../domain/audit-export.js';
import type { Context } from '../../domain/context.js';
import { principal, requires } from '../auth.js';
import { protectedErrors } from '../schemas.js';

export function auditExportRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Querystring: AuditFilter & { format: AuditExportFormat } }>('/api/v1/audit/export', {
    preHandler: requires(ctx, 'audit:read'),
    schema: {
      summary: 'The whole audit log matching the filters (user, action, since, until) as a JSON or CSV file, newest first',
      tags: ['audit'],
      security: [{ bearer: [] }],
      querystring: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
          user: { type: 'string' },
          action: { type: 'string' },
          since: { type: 'string', format: 'date-time' },
          until: { type: 'string', format: 'date-time' },
        },
        additionalProperties: false,
      },
      response: protectedErrors,
    },
  }, async (request, reply) => {
    const { format, ...filter } = request.query;
    const file = await exportAudit(ctx, principal(request), format, filter);
    return reply.header('content-type', file.content_type).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });
}
