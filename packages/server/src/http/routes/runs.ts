import type { FastifyInstance, FastifyReply } from 'fastify';
import { RUN_ID_PATTERN, runPublishJsonSchema, type RunPublish } from '@panoptic/model/run-publish';
import type { Context } from '../../domain/context.js';
import { publishRun } from '../../domain/runs.js';
import { projectForRuns } from '../../domain/runs-project.js';
import { listResults, listRuns, runRow, testHistory, toRun, type Paging } from '../../domain/runs-read.js';
import { DomainError } from '../../domain/errors.js';
import { readCaches, runsKey } from '../../domain/read-cache.js';
import type { Outcome } from '../../domain/runs-merge.js';
import { principal, requires } from '../auth.js';
import { runGatesSchema } from './gates.js';
import { errorSchema, protectedErrors } from '../schemas.js';

// /api/v1/projects/{project}/runs: the reporter publishes runs (or shards of them) here; the runs,
// their results and one test's history are read back. {project} is a project's id or name. The
// domain applies the permission (runs:write to publish, runs:read to read) and the scope rule.

const bearer = [{ bearer: [] }];
const tags = ['runs'];
/** A 10,000-test run with errors and artifact links is a few MB of JSON. */
const PUBLISH_BODY_LIMIT = 64 * 1024 * 1024;
const OUTCOMES = ['expected', 'unexpected', 'flaky', 'skipped'] as const;

const nullable = (type: string) => ({ type: [type, 'null'] });
const attemptSchema = { type: 'object', additionalProperties: true } as const;
const runSchema = {
  type: 'object',
  properties: {
    run_id: { type: 'string' },
    project_id: { type: 'integer' },
    status: { type: 'string', enum: ['passed', 'failed', 'timedout', 'interrupted'] },
    complete: { type: 'boolean' },
    started_at: { type: 'string', format: 'date-time' },
    finished_at: { type: ['string', 'null'], format: 'date-time' },
    duration_ms: { type: 'number' },
    branch: nullable('string'),
    commit: nullable('string'),
    ci_url: nullable('string'),
    playwright_version: nullable('string'),
    store: nullable('string'),
    shards: { type: 'object', properties: { seen: { type: 'integer' }, expected: { type: 'integer' } } },
    counts: { type: 'object', properties: Object.fromEntries(['total', ...OUTCOMES].map((name) => [name, { type: 'integer' }])) },
    pass_rate: nullable('number'),
    gates: runGatesSchema,
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
  required: ['run_id', 'status', 'complete', 'shards', 'counts'],
} as const;
const resultProperties = {
  key: { type: 'string' },
  title: { type: 'string' },
  title_path: { type: 'array', items: { type: 'string' } },
  project: { type: 'string' },
  file: { type: 'string' },
  line: { type: 'integer' },
  outcome: { type: 'string', enum: OUTCOMES },
  duration_ms: { type: 'number' },
  error: nullable('string'),
  category: nullable('string'),
  attempts: { type: 'array', items: attemptSchema },
  artifacts: { type: 'array', items: attemptSchema },
} as const;
const resultSchema = { type: 'object', properties: resultProperties, required: ['key', 'outcome', 'attempts'] } as const;
const historyItemSchema = {
  type: 'object',
  properties: { ...resultProperties, run: { type: 'object', properties: { run_id: { type: 'string' }, status: { type: 'string' }, started_at: { type: 'string' }, branch: nullable('string'), commit: nullable('string') } } },
} as const;
const page = (items: object) => ({ type: 'object', properties: { items: { type: 'array', items }, total: { type: 'integer' }, page: { type: 'integer' }, page_size: { type: 'integer' } } });
const paging = { page: { type: 'integer', minimum: 1, default: 1 }, page_size: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } as const;
const projectParam = { project: { type: 'string', minLength: 1, maxLength: 200, description: "the project's id or name" } } as const;
const runParams = { type: 'object', properties: { ...projectParam, run_id: { type: 'string', pattern: RUN_ID_PATTERN.source } }, required: ['project', 'run_id'] } as const;
const errors = { 404: errorSchema, ...protectedErrors } as const;

type ProjectParams = { project: string };
type RunParams = ProjectParams & { run_id: string };

/**
 * A read's answer from the read cache, as the JSON text the route's response schema serialized
 * (a string with a JSON content type is sent as it is): a hit costs neither SQL nor serialization.
 * Only 200 answers are cached; `load` throws for a 404.
 */
async function cachedJson(ctx: Context, reply: FastifyReply, projectId: number, read: string, query: object, load: () => Promise<object>): Promise<FastifyReply> {
  const body = await readCaches(ctx).runs.get(runsKey(projectId, read, query), async () => {
    const text = reply.serialize(await load());
    if (typeof text !== 'string') throw new Error(`${read}: the response serializer gave no JSON text`);
    return text;
  });
  return reply.type('application/json; charset=utf-8').send(body);
}

export function runRoutes(app: FastifyInstance, ctx: Context): void {
  const base = '/api/v1/projects/:project';

  app.put<{ Params: RunParams; Body: RunPublish }>(`${base}/runs/:run_id`, {
    preHandler: requires(ctx, 'runs:write'),
    bodyLimit: PUBLISH_BODY_LIMIT,
    schema: {
      summary: 'Publish a run, or one shard of it: shards of one run id merge; the same shard sent again replaces its part',
      tags, security: bearer, params: runParams, body: runPublishJsonSchema(),
      response: { 200: runSchema, 400: errorSchema, 409: errorSchema, ...errors },
    },
  }, async (request) => publishRun(ctx, principal(request), request.params.project, request.params.run_id, request.body, (message) => request.log.error(message)));

  app.get<{ Params: ProjectParams; Querystring: Paging & { branch?: string } }>(`${base}/runs`, {
    preHandler: requires(ctx, 'runs:read'),
    schema: {
      summary: "The project's runs, newest first, paged (optionally of one branch)",
      tags, security: bearer,
      params: { type: 'object', properties: projectParam, required: ['project'] },
      querystring: { type: 'object', properties: { ...paging, branch: { type: 'string', maxLength: 500 } }, additionalProperties: false },
      response: { 200: page(runSchema), ...errors },
    },
  }, async (request, reply) => {
    const project = await projectForRuns(ctx, principal(request), 'runs:read', request.params.project);
    return cachedJson(ctx, reply, project.id, 'runs', request.query, () => listRuns(ctx.db, project.id, request.query));
  });

  app.get<{ Params: RunParams; Querystring: Paging & { outcome?: Outcome } }>(`${base}/runs/:run_id`, {
    preHandler: requires(ctx, 'runs:read'),
    schema: {
      summary: 'One run and a page of its results (optionally of one outcome)',
      tags, security: bearer, params: runParams,
      querystring: { type: 'object', properties: { ...paging, outcome: { type: 'string', enum: OUTCOMES } }, additionalProperties: false },
      response: { 200: { type: 'object', properties: { run: runSchema, results: page(resultSchema) } }, ...errors },
    },
  }, async (request, reply) => {
    const project = await projectForRuns(ctx, principal(request), 'runs:read', request.params.project);
    return cachedJson(ctx, reply, project.id, 'run', { ...request.query, run_id: request.params.run_id }, async () => {
      const row = await runRow(ctx.db, project.id, request.params.run_id);
      if (!row) throw new DomainError(404, `no run ${JSON.stringify(request.params.run_id)} in project ${JSON.stringify(request.params.project)}`);
      return { run: toRun(row), results: await listResults(ctx.db, row.id, request.query) };
    });
  });

  app.get<{ Params: ProjectParams; Querystring: Paging & { key: string } }>(`${base}/tests/history`, {
    preHandler: requires(ctx, 'runs:read'),
    schema: {
      summary: "One test's results across the project's runs, newest run first, by the test's stable key (project › file › title path)",
      tags, security: bearer,
      params: { type: 'object', properties: projectParam, required: ['project'] },
      querystring: { type: 'object', properties: { ...paging, key: { type: 'string', minLength: 1, maxLength: 4000 } }, required: ['key'], additionalProperties: false },
      response: { 200: page(historyItemSchema), ...errors },
    },
  }, async (request, reply) => {
    const project = await projectForRuns(ctx, principal(request), 'runs:read', request.params.project);
    const { key, ...rest } = request.query;
    return cachedJson(ctx, reply, project.id, 'history', request.query, () => testHistory(ctx.db, project.id, key, rest));
  });
}
