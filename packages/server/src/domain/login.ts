import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from './context.js';
import { audit, type Actor } from './audit.js';
import { DomainError } from './errors.js';
import { dummyHash, verifyPassword } from './password-hash.js';
import { passwordExpired } from './password-policy.js';
import { setPassword } from './passwords.js';
import { createSession } from './sessions.js';
import type { LockoutOptions } from '../options.js';

export interface LoginRequest {
  username: string;
  password: string;
  /** Replaces a password older than max_age_days as part of the login. */
  new_password?: string | undefined;
  ip?: string | undefined;
}

interface Account {
  id: number;
  username: string;
  role: string;
  active: boolean;
  password_hash: string;
  password_changed_at: Date;
  locked_until: Date | null;
}

/** The added delay after a user's `failures`-th recent failure: doubling from `delay_ms`, capped. */
export function failureDelay(failures: number, lockout: LockoutOptions): number {
  if (failures <= 0) return 0;
  return Math.min(lockout.max_delay_ms, lockout.delay_ms * 2 ** Math.min(failures - 1, 30));
}

const REFUSED = 'wrong username or password';

/**
 * Signs a user in and returns a new session token. A failure always costs a password verification
 * (against a dummy hash for an unknown user) plus a delay that grows with the user's recent failures,
 * so it is never faster than a success; `max_failures` within the window lock the account for
 * `lock_minutes`, during which even the right password is refused.
 */
export async function login(ctx: Context, request: LoginRequest): Promise<{ token: string; expires_at: string; user_id: number }> {
  const { db, options } = ctx;
  const [account] = await db.query<Account>(
    'SELECT id, username, role, active, password_hash, password_changed_at, locked_until FROM users WHERE username = $1',
    [request.username],
  );
  const matches = await verifyPassword(request.password, account?.password_hash ?? (await dummyHash(options.scrypt_cost)));
  const actor: Actor = { id: account?.id ?? null, name: request.username, ip: request.ip };
  const locked = account?.locked_until != null && new Date(account.locked_until).getTime() > Date.now();
  if (!account || !matches || !account.active || locked) {
    const reason = !account ? 'unknown user' : locked ? 'account locked' : !matches ? 'wrong password' : 'user deactivated';
    const failures = account ? await recordFailure(ctx, account, actor, reason) : 0;
    if (!account) await audit(db, actor, { action: 'auth.login_failed', details: { username: request.username, reason } });
    await sleep(failureDelay(Math.max(failures, 1), options.lockout));
    if (locked) throw new DomainError(423, `the account is locked after ${options.lockout.max_failures} failed logins; try again later`);
    throw new DomainError(401, REFUSED);
  }
  const breakGlass = await refuseUnlessBreakGlass(ctx, account, actor);
  return db.transaction(async (q) => {
    if (passwordExpired(new Date(account.password_changed_at), options.password_policy)) {
      if (request.new_password === undefined) {
        throw new DomainError(403, `the password is older than ${options.password_policy.max_age_days} days (max_age_days): log in again with new_password to replace it`);
      }
      await setPassword(ctx, q, account.id, request.new_password);
      await audit(q, actor, { action: 'auth.password_changed', target_type: 'user', target_id: account.id, details: { username: account.username, reason: 'expired' } });
    }
    await q.query('DELETE FROM login_failures WHERE user_id = $1', [account.id]);
    await q.query('UPDATE users SET last_login_at = now(), locked_until = NULL WHERE id = $1', [account.id]);
    const session = await createSession(ctx, q, account.id, request.ip);
    await audit(q, actor, { action: 'auth.login', target_type: 'user', target_id: account.id, details: { method: 'password', ...(breakGlass ? { break_glass: true } : {}) } });
    return { ...session, user_id: account.id };
  });
}

/**
 * With sign-in through OpenID Connect (auth_method sso or oauth2), a password opens a session only for
 * an admin: the break-glass account that can still manage the server while the provider is down.
 * Checked after the password, so only someone who knows it learns that the account is not an admin.
 * Returns true for such a break-glass login.
 */
async function refuseUnlessBreakGlass(ctx: Context, account: Account, actor: Actor): Promise<boolean> {
  const method = ctx.options.auth_method;
  if (method !== 'sso' && method !== 'oauth2') return false;
  if (account.role === 'admin') return true;
  const reason = `password login is off (auth_method ${method})`;
  await audit(ctx.db, actor, { action: 'auth.login_failed', target_type: 'user', target_id: account.id, details: { username: account.username, reason } });
  throw new DomainError(403, `this server signs in with OpenID Connect (auth_method ${method}): open /api/v1/auth/oidc/login; only admins keep a password login, for when the provider is down`);
}

/** Records a failure of a known user, locks the account when there were too many, and returns the recent count. */
async function recordFailure(ctx: Context, account: Account, actor: Actor, reason: string): Promise<number> {
  const { max_failures, window_minutes, lock_minutes } = ctx.options.lockout;
  return ctx.db.transaction(async (q) => {
    await q.query('INSERT INTO login_failures (user_id) VALUES ($1)', [account.id]);
    const [row] = await q.query<{ failures: number }>(
      "SELECT count(*)::int AS failures FROM login_failures WHERE user_id = $1 AND at > now() - $2 * interval '1 minute'",
      [account.id, window_minutes],
    );
    const failures = row?.failures ?? 1;
    await audit(q, actor, { action: 'auth.login_failed', target_type: 'user', target_id: account.id, details: { username: account.username, reason, recent_failures: failures } });
    const alreadyLocked = reason === 'account locked';
    if (failures >= max_failures && !alreadyLocked) {
      const until = new Date(Date.now() + lock_minutes * 60_000);
      await q.query('UPDATE users SET locked_until = $2 WHERE id = $1', [account.id, until]);
      await audit(q, actor, { action: 'auth.locked', target_type: 'user', target_id: account.id, details: { username: account.username, failures, locked_until: until.toISOString() } });
    }
    return failures;
  });
}
