import crypto from 'node:crypto';
import type { Queryable } from '../db/database.js';
import type { Context } from './context.js';
import { audit } from './audit.js';
import { isRole } from './permissions.js';
import type { Principal } from './users.js';

// A session token is 32 random bytes shown to the client once; the database keeps only its SHA-256,
// so a copy of the database lets no one sign in.

export function tokenDigest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(ctx: Context, q: Queryable, userId: number, ip: string | undefined): Promise<{ token: string; expires_at: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + ctx.options.session_timeout * 60_000);
  // Expired sessions are of no use to anyone: each login clears its user's.
  await q.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()', [userId]);
  await q.query('INSERT INTO sessions (token_sha256, user_id, expires_at, ip) VALUES ($1, $2, $3, $4)', [tokenDigest(token), userId, expires, ip ?? null]);
  return { token, expires_at: expires.toISOString() };
}

/** Seconds between two updates of a session's last use: at most once a minute, sooner when the idle timeout is shorter. */
export function touchInterval(idleMinutes: number): number {
  return idleMinutes > 0 ? Math.min(60, (idleMinutes * 60) / 2) : 60;
}

// The session's user and, when its last use is older than the touch interval, the new last use, in
// one statement: a request costs one round trip, and the rare touch commits without waiting for a
// disk flush (a crash may lose a touch, which can only make a session look idle sooner, never longer).
const PRINCIPAL = `
  WITH s AS (
    SELECT u.id, u.username, u.role, s.last_used_at < now() - $3::float8 * interval '1 second' AS stale
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_sha256 = $1 AND s.expires_at > now() AND u.active
      AND ($2::float8 = 0 OR s.last_used_at > now() - $2::float8 * interval '1 minute')
  ), touch AS (
    UPDATE sessions SET last_used_at = now() FROM s WHERE s.stale AND sessions.token_sha256 = $1 RETURNING 1
  )
  SELECT s.id, s.username, s.role, CASE WHEN s.stale THEN set_config('synchronous_commit', 'off', true) END AS sync
  FROM s`;

/**
 * The active user a bearer token belongs to, while its session lasts and has not been idle for
 * session_idle_timeout; undefined otherwise. Both ends are checked by the database's clock, so every
 * server process on one PostgreSQL agrees; the last use is written at most once per touchInterval,
 * not on every request.
 */
export async function principalOf(ctx: Context, token: string, ip: string | undefined): Promise<Principal | undefined> {
  const idle = ctx.options.session_idle_timeout;
  const [row] = await ctx.db.query<{ id: number; username: string; role: string }>(PRINCIPAL, [tokenDigest(token), idle, touchInterval(idle)]);
  if (!row || !isRole(row.role)) return undefined;
  return { id: row.id, name: row.username, role: row.role, ip };
}

export async function endSession(ctx: Context, actor: Principal, token: string): Promise<void> {
  await ctx.db.transaction(async (q) => {
    await q.query('DELETE FROM sessions WHERE token_sha256 = $1', [tokenDigest(token)]);
    await audit(q, actor, { action: 'auth.logout', target_type: 'user', target_id: actor.id });
  });
}
