import crypto from 'node:crypto';
import { audit } from './audit.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { isRole, PERMISSIONS, type Permission } from './permissions.js';
import { tokenDigest } from './sessions.js';
import type { Principal } from './users.js';

// Authenticates `Authorization: Bearer pk_<id>_<secret>`. The rate limit counts in the key's row:
// one UPDATE both tests and bumps a window that starts at its first request and lasts a minute, and
// the row lock it takes serialises every server process on the same PostgreSQL.

export const API_KEY_PREFIX = 'pk_';

export type KeyAuth = { principal: Principal } | { retryAfter: number };

interface KeyRow {
  id: number;
  secret_sha256: string;
  permissions: string[];
  scopes: number[];
  rate_limit: number | null;
  enabled: boolean;
  expired: boolean;
  user_id: number;
  username: string;
  role: string;
  active: boolean;
}

async function refuse(ctx: Context, row: KeyRow, ip: string | undefined, reason: string): Promise<never> {
  await audit(ctx.db, { id: row.user_id, name: row.username, ip }, { action: 'auth.api_key_refused', target_type: 'api_key', target_id: row.id, details: { reason } });
  throw new DomainError(401, `the API key is ${reason}`);
}

/** Counts one request against the key's window; returns the seconds to wait when over the limit. */
async function countRequest(ctx: Context, id: number, limit: number): Promise<number | undefined> {
  const [window] = await ctx.db.query<{ count: number; wait: number }>(
    `UPDATE api_keys SET
       window_count = CASE WHEN window_start > now() - interval '1 minute' THEN window_count + 1 ELSE 1 END,
       window_start = CASE WHEN window_start > now() - interval '1 minute' THEN window_start ELSE now() END
     WHERE id = $1
     RETURNING window_count AS count, ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS wait`,
    [id],
  );
  if (limit > 0 && (window?.count ?? 0) > limit) return Math.max(1, window?.wait ?? 60);
  await ctx.db.query('UPDATE api_keys SET usage_count = usage_count + 1, last_used_at = now() WHERE id = $1', [id]);
  return undefined;
}

export async function authenticateApiKey(ctx: Context, token: string, ip: string | undefined): Promise<KeyAuth> {
  const id = Number(/^pk_(\d{1,10})_[A-Za-z0-9_-]+$/.exec(token)?.[1] ?? 0);
  const [row] = id > 0 && id <= 2_147_483_647
    ? await ctx.db.query<KeyRow>(
      `SELECT k.id, k.secret_sha256, k.permissions, k.scopes, k.rate_limit, k.enabled, (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS expired,
              u.id AS user_id, u.username, u.role, u.active
       FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.id = $1`,
      [id],
    )
    : [];
  const digest = Buffer.from(tokenDigest(token));
  if (!row || !crypto.timingSafeEqual(digest, Buffer.from(row.secret_sha256.padEnd(digest.length).slice(0, digest.length)))) {
    throw new DomainError(401, 'the API key is unknown');
  }
  if (!row.enabled) return refuse(ctx, row, ip, 'disabled');
  if (row.expired) return refuse(ctx, row, ip, 'expired');
  if (!row.active || !isRole(row.role)) return refuse(ctx, row, ip, 'of a deactivated user');
  const retryAfter = await countRequest(ctx, row.id, row.rate_limit ?? ctx.options.api_rate_limit);
  if (retryAfter !== undefined) return { retryAfter };
  const permissions = row.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
  return { principal: { id: row.user_id, name: row.username, role: row.role, ip, key: { id: row.id, permissions, scopes: row.scopes } } };
}
