import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../domain/permissions.js';
import { createUser, deleteUser, getUser, listUsers, updateUser, type NewUser, type UserPatch } from '../../domain/users.js';
import { principal, requires, SIGNED_IN } from '../auth.js';
import { errorSchema, idParams, meSchema, PASSWORD, protectedErrors, userSchema, USERNAME } from '../schemas.js';

const profile = {
  email: { type: 'string', maxLength: 320 },
  first_name: { type: 'string', maxLength: 200 },
  last_name: { type: 'string', maxLength: 200 },
  role: { type: 'string', enum: ROLES },
} as const;

const bearer = [{ bearer: [] }];

export function userRoutes(app: FastifyInstance, ctx: Context): void {
  app.get('/api/v1/me', {
    preHandler: requires(ctx, SIGNED_IN),
    schema: { summary: 'The signed-in user and the permissions of its role', tags: ['users'], security: bearer, response: { 200: meSchema, ...protectedErrors } },
  }, async (request) => {
    const me = principal(request);
    return { ...(await getUser(ctx.db, me.id)), permissions: ROLE_PERMISSIONS[me.role] };
  });

  app.get('/api/v1/users', {
    preHandler: requires(ctx, 'users:read'),
    schema: { summary: 'List users', tags: ['users'], security: bearer, response: { 200: { type: 'object', properties: { items: { type: 'array', items: userSchema } } }, ...protectedErrors } },
  }, async () => ({ items: await listUsers(ctx) }));

  app.get<{ Params: { id: number } }>('/api/v1/users/:id', {
    preHandler: requires(ctx, 'users:read'),
    schema: { summary: 'One user', tags: ['users'], security: bearer, params: idParams, response: { 200: userSchema, 404: errorSchema, ...protectedErrors } },
  }, async (request) => getUser(ctx.db, request.params.id));

  app.post<{ Body: NewUser & { role?: Role } }>('/api/v1/users', {
    preHandler: requires(ctx, 'users:manage'),
    schema: {
      summary: 'Create a user (admin)',
      tags: ['users'],
      security: bearer,
      body: { type: 'object', properties: { username: USERNAME, password: PASSWORD, ...profile }, required: ['username', 'password'], additionalProperties: false },
      response: { 201: userSchema, 400: errorSchema, 409: errorSchema, ...protectedErrors },
    },
  }, async (request, reply) => {
    const user = await createUser(ctx, { ...principal(request) }, { ...request.body, role: request.body.role ?? ctx.options.default_role });
    return reply.code(201).send(user);
  });

  app.patch<{ Params: { id: number }; Body: UserPatch }>('/api/v1/users/:id', {
    // Users may change their own profile and password; roles, activation and other users need users:manage (checked in updateUser).
    preHandler: requires(ctx, SIGNED_IN),
    schema: {
      summary: 'Update a user: profile, role, active (deactivate) or password',
      tags: ['users'],
      security: bearer,
      params: idParams,
      body: { type: 'object', properties: { ...profile, active: { type: 'boolean' }, password: PASSWORD, current_password: PASSWORD }, additionalProperties: false },
      response: { 200: userSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema, ...protectedErrors },
    },
  }, async (request) => updateUser(ctx, principal(request), request.params.id, request.body));

  app.delete<{ Params: { id: number } }>('/api/v1/users/:id', {
    preHandler: requires(ctx, 'users:manage'),
    schema: { summary: 'Delete a user (admin)', tags: ['users'], security: bearer, params: idParams, response: { 204: { type: 'null' }, 404: errorSchema, 409: errorSchema, ...protectedErrors } },
  }, async (request, reply) => {
    await deleteUser(ctx, principal(request), request.params.id);
    return reply.code(204).send();
  });
}
