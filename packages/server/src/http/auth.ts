import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import { can, type Permission } from '../domain/permissions.js';
import { principalOf } from '../domain/sessions.js';
import type { Principal } from '../domain/users.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    bearer?: string;
  }
}

/** Any signed-in user: for routes about oneself (me, logout, own profile). */
export const SIGNED_IN = 'signed-in';

function bearerOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The preHandler every protected route uses, naming the permission it needs: it resolves the bearer
 * token to a user (401 when missing, unknown or expired) and checks the role's permission table (403).
 */
export function requires(ctx: Context, permission: Permission | typeof SIGNED_IN): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerOf(request);
    const principal = token ? await principalOf(ctx, token, request.ip) : undefined;
    if (!token || !principal) {
      void reply.header('www-authenticate', 'Bearer');
      throw new DomainError(401, token ? 'the session is unknown or has expired: log in again' : 'sign in first: send Authorization: Bearer <token> from POST /api/v1/sessions');
    }
    if (permission !== SIGNED_IN && !can(principal.role, permission)) {
      throw new DomainError(403, `the ${principal.role} role lacks the permission ${permission}`);
    }
    request.principal = principal;
    request.bearer = token;
  };
}

/** The signed-in user of a request that passed `requires`. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`${request.routeOptions.url ?? request.url} has no requires() preHandler`);
  return request.principal;
}
