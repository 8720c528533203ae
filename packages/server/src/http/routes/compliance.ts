import type { FastifyInstance } from 'fastify';
import { cleanupData, type CleanupOptions } from '../../domain/cleanup.js';
import { complianceCheck } from '../../domain/compliance.js';
import type { Context } from '../../domain/context.js';
import { licenseInfo } from '../../domain/licence.js';
import { principal, requires } from '../auth.js';
import { errorSchema, protectedErrors } from '../schemas.js';

const security = [{ bearer: [] }];

/** Compliance findings and the licence (admin, manager) and the retention cleanup (admin only). */
export function complianceRoutes(app: FastifyInstance, ctx: Context): void {
  app.get<{ Querystring: { standards?: string } }>('/api/v1/compliance', {
    preHandler: requires(ctx, 'compliance:read'),
    schema: {
      summary: 'Compliance findings computed from the configuration and data, each with its rule, source and evidence',
      description: 'standards: comma-separated (SOC2, ISO27001, GDPR, HIPAA, PCI-DSS); default settings.enterprise.compliance.standards, else all',
      tags: ['compliance'],
      security,
      querystring: { type: 'object', properties: { standards: { type: 'string', maxLength: 200 } }, additionalProperties: false },
      response: { 400: errorSchema, ...protectedErrors },
    },
  }, async (request) => complianceCheck(ctx, request.query.standards?.split(',').map((s) => s.trim()).filter(Boolean)));

  app.get('/api/v1/license', {
    preHandler: requires(ctx, 'license:read'),
    schema: { summary: 'The licence (never its key), whether its signature was verified, and usage against its limits', tags: ['compliance'], security, response: protectedErrors },
  }, async () => licenseInfo(ctx));

  app.post<{ Body: CleanupOptions | undefined }>('/api/v1/cleanup', {
    preHandler: requires(ctx, 'data:cleanup'),
    schema: {
      summary: 'Delete data past compliance.data_retention and, with include_audit, audit entries past audit_retention; dry_run only counts',
      tags: ['compliance'],
      security,
      body: { type: 'object', properties: { dry_run: { type: 'boolean' }, include_data: { type: 'boolean' }, include_audit: { type: 'boolean' } }, additionalProperties: false },
      response: protectedErrors,
    },
  }, async (request) => cleanupData(ctx, principal(request), request.body ?? {}));
}
