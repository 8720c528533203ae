import type { Context } from './context.js';
import { audit, type Actor } from './audit.js';
import { DomainError } from './errors.js';
import { authorizationUrl, exchangeCode, newAttempt, type Identity } from './oidc-client.js';
import { findOrProvision } from './oidc-users.js';
import { createSession, tokenDigest } from './sessions.js';
import type { OidcOptions } from '../options.js';

/** Minutes a sign-in started at the provider may take before its state is no longer accepted. */
export const ATTEMPT_MINUTES = 10;

/** The OpenID Connect options when this server signs in with them; a 404 that says so otherwise. */
export function oidcOf(ctx: Context): OidcOptions {
  const { auth_method: method, oidc } = ctx.options;
  if ((method !== 'sso' && method !== 'oauth2') || !oidc) {
    throw new DomainError(404, `this server does not sign in with OpenID Connect (auth_method is ${method}); set auth_method sso or oauth2 with integration.${method === 'oauth2' ? 'oauth2' : 'sso'}`);
  }
  return oidc;
}

/**
 * Starts a sign-in: a fresh state, nonce and PKCE verifier kept in the database (so the callback
 * may reach any server process) and the provider's URL to send the browser to. The caller binds the
 * state to the browser too (a cookie), so a callback started by someone else is refused.
 */
export async function beginOidcLogin(ctx: Context): Promise<{ url: string; state: string }> {
  const oidc = oidcOf(ctx);
  const attempt = newAttempt();
  const url = await authorizationUrl(oidc, attempt);
  await ctx.db.query('DELETE FROM oidc_logins WHERE expires_at <= now()');
  await ctx.db.query(`INSERT INTO oidc_logins (state_sha256, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 minute')`, [
    tokenDigest(attempt.state),
    attempt.nonce,
    attempt.code_verifier,
    ATTEMPT_MINUTES,
  ]);
  return { url: url.href, state: attempt.state };
}

export interface Callback {
  /** The callback's query string as the provider sent it (code, state, iss, or error). */
  query: string;
  /** The state this browser's cookie holds. */
  browserState: string | undefined;
  ip?: string | undefined;
}

/**
 * Finishes a sign-in: the state must be this browser's and unused, the code is exchanged and the ID
 * token checked (openid-client), the user found or provisioned; a deactivated user is refused.
 * Returns a session like a password login's. Every refusal is audited with its reason.
 */
export async function completeOidcLogin(ctx: Context, callback: Callback): Promise<{ token: string; expires_at: string; user_id: number }> {
  const oidc = oidcOf(ctx);
  const anonymous: Actor = { id: null, name: 'oidc', ip: callback.ip };
  let identity: Identity;
  try {
    const state = new URLSearchParams(callback.query).get('state') ?? '';
    if (!state || state !== callback.browserState) throw new DomainError(401, 'OpenID Connect sign-in refused: the state does not match the one this browser started with');
    // One use only: the attempt is deleted as it is read.
    const [attempt] = await ctx.db.query<{ nonce: string; code_verifier: string }>(
      'DELETE FROM oidc_logins WHERE state_sha256 = $1 AND expires_at > now() RETURNING nonce, code_verifier',
      [tokenDigest(state)],
    );
    if (!attempt) throw new DomainError(401, `OpenID Connect sign-in refused: the state is unknown, used or older than ${ATTEMPT_MINUTES} minutes; sign in again`);
    identity = await exchangeCode(oidc, callback.query, { state, ...attempt });
  } catch (error) {
    if (error instanceof DomainError) await audit(ctx.db, anonymous, { action: 'auth.login_failed', details: { method: 'oidc', issuer: oidc.issuer, reason: error.message } });
    throw error;
  }
  return ctx.db.transaction(async (q) => {
    const account = await findOrProvision(ctx, q, identity, callback.ip);
    const actor: Actor = { id: account.id, name: account.username, ip: callback.ip };
    if (!account.active) {
      await audit(q, actor, { action: 'auth.login_failed', target_type: 'user', target_id: account.id, details: { method: 'oidc', username: account.username, reason: 'user deactivated' } });
      return { refused: true as const };
    }
    await q.query('UPDATE users SET last_login_at = now() WHERE id = $1', [account.id]);
    const session = await createSession(ctx, q, account.id, callback.ip);
    await audit(q, actor, { action: 'auth.login', target_type: 'user', target_id: account.id, details: { method: 'oidc', issuer: identity.issuer } });
    return { ...session, user_id: account.id };
  }).then((result) => {
    if ('refused' in result) throw new DomainError(403, 'OpenID Connect sign-in refused: this user is deactivated on this server; ask an admin');
    return result;
  });
}
