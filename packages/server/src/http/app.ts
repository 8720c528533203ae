import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import { dashboardRoutes } from '../dashboard/index.js';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { auditRoutes } from './routes/audit.js';
import { auditExportRoutes } from './routes/audit-export.js';
import { complianceRoutes } from './routes/compliance.js';
import { gatesRoutes } from './routes/gates.js';
import { groupRoutes } from './routes/groups.js';
import { oidcRoutes } from './routes/oidc.js';
import { quarantineRoutes } from './routes/quarantine.js';
import { runRoutes } from './routes/runs.js';
import { sessionRoutes } from './routes/sessions.js';
import { userRoutes } from './routes/users.js';
import { webhookRoutes } from './routes/webhooks.js';

// Request logs never carry a secret: bodies are not logged, and these headers are masked if a
// serializer ever includes them.
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.headers["set-cookie"]'];

/** The HTTP API over a context: routes under /api/v1, health, and the OpenAPI document built from the routes' schemas. */
export async function buildApp(ctx: Context): Promise<FastifyInstance> {
  // No line per request: two JSON lines a request were a measurable part of a cached read's CPU.
  // The log keeps the server's events and every failed request (the error handler below).
  const app = Fastify({ logger: ctx.options.log ? { level: 'info', redact: { paths: REDACT, censor: '[redacted]' } } : false, logController: new LogController({ disableRequestLogging: true }) });
  const { default: swagger } = await import('@fastify/swagger');
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Panoptic server', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from POST /api/v1/sessions, or an API key from POST /api/v1/api-keys' } } },
    },
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.code(error.status).send({ error: error.message, ...(error.details ? { problems: error.details } : {}) });
    }
    if (error.validation) return reply.code(400).send({ error: `invalid request: ${error.message}` });
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error; the server log has the cause' });
  });

  app.get('/api/health', { schema: { summary: 'Liveness and the database in use', tags: ['health'] } }, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok', database: ctx.db.kind };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  sessionRoutes(app, ctx);
  oidcRoutes(app, ctx);
  userRoutes(app, ctx);
  auditRoutes(app, ctx);
  auditExportRoutes(app, ctx);
  complianceRoutes(app, ctx);
  groupRoutes(app, ctx);
  apiKeyRoutes(app, ctx);
  webhookRoutes(app, ctx);
  runRoutes(app, ctx);
  quarantineRoutes(app, ctx);
  gatesRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  await app.ready();
  return app;
}
