import type { FastifyInstance } from 'fastify';
import type { Context } from '../domain/context.js';
import type { Permission } from '../domain/permissions.js';
import { requires } from './auth.js';
import { pageOf, PAGING, protectedErrors } from './schemas.js';

/** A paged list of log entries (the audit trail, webhook deliveries): its filters, entries and reader. */
interface PagedLogRoute<Query extends { page: number; page_size: number }> {
  path: string;
  permission: Permission;
  summary: string;
  tag: string;
  /** The query string's filters, as JSON Schema properties; `page` and `page_size` are added. */
  filters: Record<string, object>;
  /** One entry's JSON Schema. */
  entry: object;
  list: (query: Query) => Promise<{ items: unknown[]; total: number }>;
}

/** A GET route answering one page of a log, newest first, to a caller with the permission. */
export function pagedLogRoute<Query extends { page: number; page_size: number }>(app: FastifyInstance, ctx: Context, route: PagedLogRoute<Query>): void {
  app.get<{ Querystring: Query }>(route.path, {
    preHandler: requires(ctx, route.permission),
    schema: {
      summary: route.summary,
      tags: [route.tag],
      security: [{ bearer: [] }],
      querystring: { type: 'object', properties: { ...route.filters, ...PAGING }, additionalProperties: false },
      response: { 200: pageOf(route.entry), ...protectedErrors },
    },
  }, async (request) => {
    // Fastify types a generic route's query through conditional types TypeScript cannot resolve;
    // the schema above has validated it as a Query (filters and paging, defaults applied).
    const query = request.query as Query;
    return { ...(await route.list(query)), page: query.page, page_size: query.page_size };
  });
}
