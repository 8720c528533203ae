import crypto from 'node:crypto';
import { audit } from './audit.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { isRole, PERMISSIONS, type Permission } from './permissions.js';
import { tokenDigest } from './sessions.js';
import type { Principal } from './users.js';

// Authenticates `Authorization: Bearer pk_<id>_<secret>` in one statement: it reads the key and its
// user and, when the secret matches and the key may be used, counts the request in the key's row.
// The rate limit's window starts at its first request and lasts a minute; the row lock the UPDATE
// takes serialises every server process on the same PostgreSQL, and under that lock the count is
// re-read, so concurrent requests each count once. That bookkeeping commits with
// synchronous_commit off (set for that one transaction): a read then waits for no disk flush, and a
// crash of the database may lose the last fraction of a second of counts, never a refusal: whether a
// key is enabled, unexpired and its user active is read from committed data on every request.

export const API_KEY_PREFIX = 'pk_';

export type KeyAuth = { principal: Principal } | { retryAfter: number };

interface KeyRow {
  id: number;
  secret_sha256: string;
  permissions: string[];
  scopes: number[];
  /** The key's own rate limit, else the server's; 0: none. */
  lim: number;
  enabled: boolean;
  expired: boolean;
  user_id: number;
  username: string;
  role: string;
  active: boolean;
  /** Requests in the current window, this one included; null when the request was not counted. */
  count: number | null;
  wait: number | null;
}

async function refuse(ctx: Context, row: KeyRow, ip: string | undefined, reason: string): Promise<never> {
  await audit(ctx.db, { id: row.user_id, name: row.username, ip }, { action: 'auth.api_key_refused', target_type: 'api_key', target_id: row.id, details: { reason } });
  throw new DomainError(401, `the API key is ${reason}`);
}

// `fresh`: the key's window is still open; `over`: this request is past the limit of that window.
const FRESH = "a.window_start > now() - interval '1 minute'";
const NEXT_COUNT = `CASE WHEN ${FRESH} THEN a.window_count + 1 ELSE 1 END`;
const OVER = `(k.lim > 0 AND ${NEXT_COUNT} > k.lim)`;

const AUTHENTICATE = `
  WITH k AS (
    SELECT k.id, k.secret_sha256, k.permissions, k.scopes, COALESCE(k.rate_limit, $3::int) AS lim, k.enabled,
           (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS expired,
           u.id AS user_id, u.username, u.role, u.active
    FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.id = $1
  ), counted AS (
    UPDATE api_keys a SET
      usage_count = a.usage_count + CASE WHEN ${OVER} THEN 0 ELSE 1 END,
      last_used_at = CASE WHEN ${OVER} THEN a.last_used_at ELSE now() END,
      window_count = ${NEXT_COUNT},
      window_start = CASE WHEN ${FRESH} THEN a.window_start ELSE now() END
    FROM k
    WHERE a.id = k.id AND a.secret_sha256 = $2 AND k.enabled AND NOT k.expired AND k.active
    RETURNING a.window_count AS count, ceil(extract(epoch FROM a.window_start + interval '1 minute' - now()))::int AS wait
  )
  SELECT k.*, c.count, c.wait, set_config('synchronous_commit', 'off', true) AS sync
  FROM k LEFT JOIN counted c ON true`;

export async function authenticateApiKey(ctx: Context, token: string, ip: string | undefined): Promise<KeyAuth> {
  const id = Number(/^pk_(\d{1,10})_[A-Za-z0-9_-]+$/.exec(token)?.[1] ?? 0);
  const digest = tokenDigest(token);
  const [row] = id > 0 && id <= 2_147_483_647 ? await ctx.db.query<KeyRow>(AUTHENTICATE, [id, digest, ctx.options.api_rate_limit]) : [];
  const given = Buffer.from(digest);
  if (!row || !crypto.timingSafeEqual(given, Buffer.from(row.secret_sha256.padEnd(given.length).slice(0, given.length)))) {
    throw new DomainError(401, 'the API key is unknown');
  }
  if (!row.enabled) return refuse(ctx, row, ip, 'disabled');
  if (row.expired) return refuse(ctx, row, ip, 'expired');
  if (!row.active || !isRole(row.role)) return refuse(ctx, row, ip, 'of a deactivated user');
  // Not counted although usable when read: the key was deleted in between.
  if (row.count === null) throw new DomainError(401, 'the API key is unknown');
  if (row.lim > 0 && row.count > row.lim) return { retryAfter: Math.max(1, row.wait ?? 60) };
  const permissions = row.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
  return { principal: { id: row.user_id, name: row.username, role: row.role, ip, key: { id: row.id, permissions, scopes: row.scopes } } };
}
