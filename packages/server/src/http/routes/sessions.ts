import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { login } from '../../domain/login.js';
import { endSession } from '../../domain/sessions.js';
import { getUser } from '../../domain/users.js';
import { principal, requires, SIGNED_IN } from '../auth.js';
import { errorSchema, PASSWORD, protectedErrors, userSchema, USERNAME } from '../schemas.js';

interface LoginBody {
  username: string;
  password: string;
  new_password?: string;
}

export function sessionRoutes(app: FastifyInstance, ctx: Context): void {
  app.post<{ Body: LoginBody }>(
    '/api/v1/sessions',
    {
      schema: {
        summary: 'Log in: returns a bearer token, shown this once',
        tags: ['sessions'],
        body: {
          type: 'object',
          properties: { username: USERNAME, password: PASSWORD, new_password: PASSWORD },
          required: ['username', 'password'],
          additionalProperties: false,
        },
        response: {
          201: { type: 'object', properties: { token: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' }, user: userSchema }, required: ['token', 'expires_at', 'user'] },
          401: errorSchema,
          403: errorSchema,
          423: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { token, expires_at, user_id } = await login(ctx, { ...request.body, ip: request.ip });
      return reply.code(201).send({ token, expires_at, user: await getUser(ctx.db, user_id) });
    },
  );

  app.delete(
    '/api/v1/sessions/current',
    { preHandler: requires(ctx, SIGNED_IN), schema: { summary: 'Log out: ends the session of the bearer token', tags: ['sessions'], security: [{ bearer: [] }], response: { 204: { type: 'null' }, ...protectedErrors } } },
    async (request, reply) => {
      await endSession(ctx, principal(request), request.bearer ?? '');
      return reply.code(204).send();
    },
  );
}
