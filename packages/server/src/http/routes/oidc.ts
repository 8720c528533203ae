import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../../domain/context.js';
import { ATTEMPT_MINUTES, beginOidcLogin, completeOidcLogin, oidcOf } from '../../domain/oidc-login.js';
import { getUser } from '../../domain/users.js';
import { errorSchema, userSchema } from '../schemas.js';

// The state travels twice: in the provider's redirect and in this cookie, which only the browser that
// started the sign-in holds. The callback needs both to agree, so a link crafted by someone else
// cannot sign a victim in (login CSRF). SameSite=Lax still sends it on the provider's top-level redirect.
const COOKIE = 'panoptic_oidc_state';
const COOKIE_PATH = '/api/v1/auth/oidc';

function stateCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

function setStateCookie(reply: FastifyReply, value: string, maxAge: number, secure: boolean): void {
  void reply.header('set-cookie', `${COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}

export function oidcRoutes(app: FastifyInstance, ctx: Context): void {
  const secure = (): boolean => oidcOf(ctx).redirect_url.startsWith('https:');
  app.get(
    '/api/v1/auth/oidc/login',
    {
      schema: {
        summary: 'Sign in with OpenID Connect (auth_method sso or oauth2): redirects to the provider',
        tags: ['sessions'],
        response: { 302: { type: 'null' }, 404: errorSchema, 503: errorSchema },
      },
    },
    async (_request, reply) => {
      const { url, state } = await beginOidcLogin(ctx);
      setStateCookie(reply, state, ATTEMPT_MINUTES * 60, secure());
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    {
      // The request line carries the provider's one-time code; the audit log records every sign-in instead.
      logLevel: 'warn',
      schema: {
        summary: "The provider's redirect back: checks state, nonce and the ID token, and returns a bearer token, shown this once",
        tags: ['sessions'],
        response: {
          200: { type: 'object', properties: { token: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' }, user: userSchema }, required: ['token', 'expires_at', 'user'] },
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
          503: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const query = request.raw.url?.split('?')[1] ?? '';
      const browserState = stateCookie(request);
      // Used or not, the state is spent: the browser keeps no cookie for it.
      setStateCookie(reply, '', 0, secure());
      const { token, expires_at, user_id } = await completeOidcLogin(ctx, { query, browserState, ip: request.ip });
      return reply.send({ token, expires_at, user: await getUser(ctx.db, user_id) });
    },
  );
}
