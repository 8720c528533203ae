import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { API_KEY_PREFIX, authenticateApiKey } from '../domain/api-key-auth.js';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import type { Permission } from '../domain/permissions.js';
import { requireAllowed } from '../domain/scope.js';
import { readCaches } from '../domain/read-cache.js';
import { principalOf, tokenDigest } from '../domain/sessions.js';
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
 * A session token or an API key (`pk_…`) to its principal; a key over its rate limit answers 429
 * with Retry-After. A session's principal is cached by the token's digest (read-cache.ts): a
 * logout, a deactivation or a role change forgets it at commit, and it is looked up again at least
 * every PRINCIPAL_TTL_MS, which also writes the session's last use as before.
 */
async function authenticate(ctx: Context, token: string, request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> {
  if (!token.startsWith(API_KEY_PREFIX)) {
    const found = await readCaches(ctx).principals.get(`session:${tokenDigest(token)}`, () => principalOf(ctx, token, undefined));
    return found && { ...found, ip: request.ip };
  }
  const result = await authenticateApiKey(ctx, token, request.ip);
  if ('principal' in result) return result.principal;
  void reply.header('retry-after', String(result.retryAfter));
  throw new DomainError(429, `the API key's rate limit is reached: retry in ${result.retryAfter} s`);
}

/**
 * The preHandler every protected route uses, naming the permission it needs: it resolves the bearer
 * token (a session or an API key) to a user (401 when missing, unknown or expired) and checks the
 * role's permission table and the key's permissions (403).
 */
export function requires(ctx: Context, permission: Permission | typeof SIGNED_IN): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerOf(request);
    const principal = token ? await authenticate(ctx, token, request, reply) : undefined;
    if (!token || !principal) {
      void reply.header('www-authenticate', 'Bearer');
      throw new DomainError(401, token ? 'the session is unknown or has expired: log in again' : 'sign in first: send Authorization: Bearer <token> from POST /api/v1/sessions');
    }
    if (permission !== SIGNED_IN) requireAllowed(principal, permission);
    // Routes about oneself check the role, not a key's permissions: a key may only read them.
    else if (principal.key && request.method !== 'GET') throw new DomainError(403, 'this route needs a signed-in session, not an API key');
    request.principal = principal;
    request.bearer = token;
  };
}

/** The signed-in user of a request that passed `requires`. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`${request.routeOptions.url ?? request.url} has no requires() preHandler`);
  return request.principal;
}
