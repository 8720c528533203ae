import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/users.js';
import { BASE, type Viewer } from './layout.js';
import { checkForm, csrfToken, signedIn, type SignedIn } from './session.js';

// How every dashboard route answers: a page for a signed-in user, or a form post that changes state
// through a domain function (which checks the permission, as it does for the API) and then sends the
// browser back to a page, so no form needs a script.

export type Query = Record<string, string | undefined>;
export type Handler = (session: SignedIn, viewer: Viewer, request: FastifyRequest<{ Params: Query; Querystring: Query }>) => Promise<string>;
/** Changes state as `principal` and answers the address to send the browser to. */
export type FormHandler = (principal: Principal, body: Query, params: Query) => Promise<string>;

export function html(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

export function signed(ctx: Context, handler: Handler) {
  return async (request: FastifyRequest<{ Params: Query; Querystring: Query }>, reply: FastifyReply) => {
    const session = await signedIn(ctx, request);
    if (!session) return reply.redirect(`${BASE}/login?${new URLSearchParams({ next: request.url }).toString()}`, 303);
    const viewer = { name: session.principal.name, role: session.principal.role, csrf: csrfToken(session.token) };
    return html(reply, await handler(session, viewer, request));
  };
}

/** A form post from our own page with the session's form token (session.ts); then a 303 to the page the handler names. */
export function posted(ctx: Context, handler: FormHandler) {
  return async (request: FastifyRequest<{ Params: Query; Body: Query }>, reply: FastifyReply) => {
    const session = await signedIn(ctx, request);
    if (!session) throw new DomainError(401, 'sign in first');
    checkForm(request, session, request.body.csrf);
    return reply.redirect(await handler(session.principal, request.body, request.params), 303);
  };
}
