import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { getGates, setGates, type GatesInput } from '../../domain/gates.js';
import { principal, requires } from '../auth.js';
import { errorSchema, protectedErrors } from '../schemas.js';

// /api/v1/projects/{project}/gates: the project's quality gates, judged when a run is complete.
// Read by whoever reads the project's runs; set by managers and admins (gates:manage).

const bearer = [{ bearer: [] }];
const tags = ['gates'];
const projectParams = { type: 'object', properties: { project: { type: 'string', minLength: 1, maxLength: 200, description: "the project's id or name" } }, required: ['project'] } as const;
const nullableNumber = (description: string) => ({ type: ['number', 'null'], description }) as const;
const gateValues = {
  min_pass_rate: nullableNumber('percent of the tests that ran that must pass (flaky ones count as passed)'),
  max_new_failures: { type: ['integer', 'null'], description: 'most tests failing that did not fail in the previous finished run (of the branch)' },
  max_flaky_rate: nullableNumber('most percent of the tests that ran that may be flaky'),
  max_duration: nullableNumber('longest the run may take, in seconds'),
} as const;
const entrySchema = {
  type: 'object',
  properties: {
    project: { type: 'string' },
    gates: { type: 'object', properties: gateValues },
    updated_by: { type: ['string', 'null'] },
    updated_at: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['project', 'gates'],
} as const;
/** A run's verdicts (the model's GatesResult), as the publish response and the runs routes show them; null until the run is complete. */
export const runGatesSchema = {
  type: ['object', 'null'],
  properties: {
    passed: { type: 'boolean' },
    gates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          gate: { type: 'string' },
          passed: { type: 'boolean' },
          actual: { type: ['number', 'null'] },
          limit: { type: 'number' },
          unit: { type: 'string' },
          message: { type: 'string', description: 'the gate, the numbers and how they compare: "min_pass_rate: 50.0% < 95%"' },
        },
      },
    },
    newFailures: { type: 'array', items: { type: 'string' }, description: 'keys of the tests failing now that did not fail in the previous finished run' },
    previousRun: { type: ['string', 'null'], description: 'start time of that previous run' },
  },
} as const;

export function gatesRoutes(app: FastifyInstance, ctx: Context): void {
  const path = '/api/v1/projects/:project/gates';
  const errors = { 404: errorSchema, ...protectedErrors } as const;
  type Params = { project: string };
  app.get<{ Params: Params }>(path, {
    preHandler: requires(ctx, 'runs:read'),
    schema: { summary: "The project's quality gates (null: a gate that is off)", tags, security: bearer, params: projectParams, response: { 200: entrySchema, ...errors } },
  }, async (request) => getGates(ctx, principal(request), request.params.project));

  app.put<{ Params: Params; Body: GatesInput }>(path, {
    preHandler: requires(ctx, 'gates:manage'),
    schema: {
      summary: "Set the project's quality gates (all four: one left out or null is off); managers and admins",
      tags, security: bearer, params: projectParams,
      body: {
        type: 'object',
        properties: { ...gateValues, max_duration: { type: ['number', 'string', 'null'], description: 'seconds, or a duration such as "90s", "15m", "1h"' } },
        additionalProperties: false,
      },
      response: { 200: entrySchema, 400: errorSchema, ...errors },
    },
  }, async (request) => setGates(ctx, principal(request), request.params.project, request.body));
}
