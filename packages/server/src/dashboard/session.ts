import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import { principalOf } from '../domain/sessions.js';
import type { Principal } from '../domain/users.js';

// The dashboard signs in with the API's own sessions: the cookie holds the same bearer token
// POST /api/v1/sessions returns, so logging out of either ends both and the scope rule is the same.

export const COOKIE = 'panoptic_session';

/** The form token of a session: derived from the session token, so nothing more is stored and it dies with the session. */
export function csrfToken(sessionToken: string): string {
  return crypto.createHash('sha256').update(`panoptic-dashboard-csrf:${sessionToken}`).digest('base64url');
}

export interface SignedIn {
  principal: Principal;
  token: string;
}

export async function signedIn(ctx: Context, request: FastifyRequest): Promise<SignedIn | undefined> {
  const token = request.cookies[COOKIE];
  if (!token) return undefined;
  const principal = await principalOf(ctx, token, request.ip);
  return principal ? { principal, token } : undefined;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  // Secure whenever the browser reached us over https (directly or, with trustProxy, through a proxy).
  void reply.setCookie(COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', expires: new Date(expiresAt) });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
}

/**
 * A state-changing form must come from our own pages: SameSite=Strict keeps the cookie off other
 * sites' requests, and the Origin check and the per-session token each refuse a forged post on
 * their own (an old browser without SameSite, a same-site subdomain).
 */
export function checkForm(request: FastifyRequest, session: SignedIn | undefined, token: unknown): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== request.headers.host) throw new DomainError(403, 'this form was posted from another site');
  } else if (origin === 'null') throw new DomainError(403, 'this form was posted from another site');
  if (session && (typeof token !== 'string' || !safeEqual(token, csrfToken(session.token)))) {
    throw new DomainError(403, 'the form is out of date: reload the page and try again');
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** Only our own pages are followed after login, never an address from elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/dashboard(\/|\?|$)/.test(next) && !next.includes('//') && !next.includes('\\') ? next : '/dashboard';
}
