import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { createGroup, deleteGroup, getGroup, listGroups, setMember, updateGroup, type GroupKind } from '../../domain/groups.js';
import { principal, requires } from '../auth.js';
import { errorSchema, groupBody, groupSchema, idParams, protectedErrors, USER_ID } from '../schemas.js';

// /api/v1/projects and /api/v1/teams: the same routes over domain/groups.ts, which applies the scope
// rule. The preHandler checks the role's read permission; the domain checks manage and scope.

const bearer = [{ bearer: [] }];

type Body = { name: string; description?: string; owner_id?: number; lead_id?: number; member_ids?: number[]; team_ids?: number[]; project_ids?: number[] };
type Params = { id: number };
type MemberParams = { id: number; user_id: number };

function register(app: FastifyInstance, ctx: Context, kind: GroupKind): void {
  const [plural, person, linked, read] = kind === 'project'
    ? (['projects', 'owner_id', 'team_ids', 'projects:read'] as const)
    : (['teams', 'lead_id', 'project_ids', 'teams:read'] as const);
  const base = `/api/v1/${plural}`;
  const one = groupSchema(person, linked);
  const tags = [plural];
  const input = (body: Body) => ({ name: body.name, description: body.description, person: body[person], member_ids: body.member_ids, linked: body[linked] });
  const memberParams = { type: 'object', properties: { id: idParams.properties.id, user_id: USER_ID }, required: ['id', 'user_id'] } as const;

  app.get(base, {
    preHandler: requires(ctx, read),
    schema: { summary: `The ${plural} the caller may see`, tags, security: bearer, response: { 200: { type: 'object', properties: { items: { type: 'array', items: one } } }, ...protectedErrors } },
  }, async (request) => ({ items: await listGroups(ctx, principal(request), kind) }));

  app.get<{ Params: Params }>(`${base}/:id`, {
    preHandler: requires(ctx, read),
    schema: { summary: `One ${kind} (404 when it is not the caller's)`, tags, security: bearer, params: idParams, response: { 200: one, 404: errorSchema, ...protectedErrors } },
  }, async (request) => getGroup(ctx, principal(request), kind, request.params.id));

  app.post<{ Body: Body }>(base, {
    preHandler: requires(ctx, read),
    schema: { summary: `Create a ${kind}`, tags, security: bearer, body: groupBody(person, linked, ['name']), response: { 201: one, 404: errorSchema, 409: errorSchema, ...protectedErrors } },
  }, async (request, reply) => reply.code(201).send(await createGroup(ctx, principal(request), kind, input(request.body))));

  app.patch<{ Params: Params; Body: Partial<Body> }>(`${base}/:id`, {
    preHandler: requires(ctx, read),
    schema: { summary: `Rename, describe or hand over a ${kind}`, tags, security: bearer, params: idParams, body: groupBody(person, linked, []), response: { 200: one, 404: errorSchema, 409: errorSchema, ...protectedErrors } },
  }, async (request) => updateGroup(ctx, principal(request), kind, request.params.id, { name: request.body.name, description: request.body.description, person: request.body[person] }));

  app.delete<{ Params: Params }>(`${base}/:id`, {
    preHandler: requires(ctx, read),
    schema: { summary: `Delete a ${kind}`, tags, security: bearer, params: idParams, response: { 204: { type: 'null' }, 404: errorSchema, ...protectedErrors } },
  }, async (request, reply) => {
    await deleteGroup(ctx, principal(request), kind, request.params.id);
    return reply.code(204).send();
  });

  app.post<{ Params: Params; Body: { user_id: number } }>(`${base}/:id/members`, {
    preHandler: requires(ctx, read),
    schema: { summary: `Add a member to a ${kind}`, tags, security: bearer, params: idParams, body: { type: 'object', properties: { user_id: USER_ID }, required: ['user_id'], additionalProperties: false }, response: { 200: one, 404: errorSchema, ...protectedErrors } },
  }, async (request) => setMember(ctx, principal(request), kind, request.params.id, request.body.user_id, true));

  app.delete<{ Params: MemberParams }>(`${base}/:id/members/:user_id`, {
    preHandler: requires(ctx, read),
    schema: { summary: `Remove a member from a ${kind}`, tags, security: bearer, params: memberParams, response: { 200: one, 404: errorSchema, ...protectedErrors } },
  }, async (request) => setMember(ctx, principal(request), kind, request.params.id, request.params.user_id, false));
}

export function groupRoutes(app: FastifyInstance, ctx: Context): void {
  register(app, ctx, 'project');
  register(app, ctx, 'team');
}
