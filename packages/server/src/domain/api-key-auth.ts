import crypto from 'node:crypto';
import type { Database } from '../db/database.js';
import { KeyUsage } from './api-key-usage.js';
import { audit } from './audit.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { isRole, PERMISSIONS, type Permission } from './permissions.js';
import { readCaches, type CachedKey } from './read-cache.js';
import { tokenDigest } from './sessions.js';
import type { Principal } from './users.js';

// Authenticates `Authorization: Bearer pk_<id>_<secret>`. A usable key is cached by its digest
// (read-cache.ts): a revoke, a disable, a change of its limit, scopes or permissions, or of its
// owner's role or membership forgets it when that change commits, in this process at once and in
// other server processes on the same PostgreSQL as the notification arrives; the cache's TTL
// (PRINCIPAL_TTL_MS) bounds it if a notification were ever missed. Its requests are counted and
// rate-limited in memory (api-key-usage.ts). A key not cached is read in one statement with its
// user, which also takes a lease of its rate-limit window when it needs one; the refusals
// (unknown, disabled, expired, deactivated owner) always come from that statement, from committed
// data.

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
  expires_ms: number | null;
  user_id: number;
  username: string;
  role: string;
  active: boolean;
  /** The window's count after this lease was added; null when none was taken. */
  count: number | null;
  /** The requests this lease asked for. */
  want: number | null;
  wait: number | null;
}

async function refuse(ctx: Context, row: KeyRow, ip: string | undefined, reason: string): Promise<never> {
  await audit(ctx.db, { id: row.user_id, name: row.username, ip }, { action: 'auth.api_key_refused', target_type: 'api_key', target_id: row.id, details: { reason } });
  throw new DomainError(401, `the API key is ${reason}`);
}

// `fresh`: the key's window is still open. The window count adds every lease asked for, granted or
// not (as it counted refused requests before), so the grant is what fitted under the limit before
// it: limit - (count - want), between 0 and want. Under the row lock the UPDATE takes, the count is
// re-read, so concurrent leases from any process each see the others'. Committed with
// synchronous_commit off for that transaction: a crash may lose a lease, which only refuses sooner.
const FRESH = "a.window_start > now() - interval '1 minute'";
const WANT = 'GREATEST(1, k.lim / 20)';

const AUTHENTICATE = `
  WITH k AS (
    SELECT k.id, k.secret_sha256, k.permissions, k.scopes, COALESCE(k.rate_limit, $3::int) AS lim, k.enabled,
           (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS expired,
           (extract(epoch FROM k.expires_at) * 1000)::float8 AS expires_ms,
           u.id AS user_id, u.username, u.role, u.active
    FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.id = $1
  ), leased AS (
    UPDATE api_keys a SET
      window_count = CASE WHEN ${FRESH} THEN a.window_count ELSE 0 END + ${WANT},
      window_start = CASE WHEN ${FRESH} THEN a.window_start ELSE now() END
    FROM k
    WHERE a.id = k.id AND a.secret_sha256 = $2 AND k.enabled AND NOT k.expired AND k.active AND k.lim > 0 AND $4::boolean
    RETURNING a.window_count AS count, ${WANT} AS want, ceil(extract(epoch FROM a.window_start + interval '1 minute' - now()))::int AS wait
  )
  SELECT k.*, l.count, l.want, l.wait, set_config('synchronous_commit', 'off', true) AS sync
  FROM k LEFT JOIN leased l ON true`;

const usages = new WeakMap<Database, KeyUsage>();

function usageOf(ctx: Context): KeyUsage {
  let usage = usages.get(ctx.db);
  if (!usage) {
    const created = new KeyUsage(ctx.db);
    usages.set(ctx.db, (usage = created));
    ctx.db.beforeClose(() => created.flush());
  }
  return usage;
}

/** A cached key's request, without the database: undefined when the database must be asked. */
function fromCache(usage: KeyUsage, cached: CachedKey | undefined, ip: string | undefined): KeyAuth | undefined {
  if (!cached?.principal.key || (cached.expires !== null && cached.expires <= Date.now())) return undefined;
  const id = cached.principal.key.id;
  const verdict = cached.limit > 0 ? usage.take(id, cached.limit) : 'admit';
  if (verdict === 'lease') return undefined;
  if (verdict === 'refuse') return { retryAfter: usage.retryAfter(id) };
  usage.used(id);
  return { principal: { ...cached.principal, ip } };
}

/** The key's statement: the refusals, a new lease when this process holds none, and the cache filled. */
async function fromDatabase(ctx: Context, usage: KeyUsage, id: number, digest: string, ip: string | undefined): Promise<KeyAuth | undefined> {
  const cache = readCaches(ctx).keys;
  const generation = cache.mark();
  const held = usage.held(id);
  const [row] = await ctx.db.query<KeyRow>(AUTHENTICATE, [id, digest, ctx.options.api_rate_limit, held === 0]);
  const given = Buffer.from(digest);
  if (!row || !crypto.timingSafeEqual(given, Buffer.from(row.secret_sha256.padEnd(given.length).slice(0, given.length)))) {
    throw new DomainError(401, 'the API key is unknown');
  }
  if (!row.enabled) return refuse(ctx, row, ip, 'disabled');
  if (row.expired) return refuse(ctx, row, ip, 'expired');
  if (!row.active || !isRole(row.role)) return refuse(ctx, row, ip, 'of a deactivated user');
  const permissions = row.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
  const cached: CachedKey = { principal: { id: row.user_id, name: row.username, role: row.role, key: { id: row.id, permissions, scopes: row.scopes } }, limit: row.lim, expires: row.expires_ms };
  cache.put(digest, cached, generation);
  if (row.lim > 0 && held === 0) {
    // Usable when read but no lease taken: the key was deleted in between.
    if (row.count === null || row.want === null) throw new DomainError(401, 'the API key is unknown');
    const granted = Math.min(row.want, Math.max(0, row.lim - (row.count - row.want)));
    usage.lease(id, row.lim, granted, Math.max(1, row.wait ?? 60));
    if (granted === 0) return { retryAfter: usage.retryAfter(id) };
    usage.used(id);
    return { principal: { ...cached.principal, ip } };
  }
  // This process still holds part of a lease (or the key has no limit): take from it.
  return fromCache(usage, cached, ip);
}

export async function authenticateApiKey(ctx: Context, token: string, ip: string | undefined): Promise<KeyAuth> {
  const id = Number(/^pk_(\d{1,10})_[A-Za-z0-9_-]+$/.exec(token)?.[1] ?? 0);
  if (id <= 0 || id > 2_147_483_647) throw new DomainError(401, 'the API key is unknown');
  const digest = tokenDigest(token);
  const usage = usageOf(ctx);
  for (;;) {
    const cached = readCaches(ctx).keys.peek(digest);
    const hit = fromCache(usage, cached, ip);
    if (hit) return hit;
    // A cached key whose lease ran out: one request of this process asks for the next lease and
    // the others wait for it, so that concurrent requests share a lease rather than each take one.
    const limited = (cached?.limit ?? 0) > 0;
    const pending = limited ? usage.asking(id) : undefined;
    if (pending) {
      await pending;
      continue;
    }
    const asked = fromDatabase(ctx, usage, id, digest, ip);
    if (limited) usage.ask(id, asked);
    const result = await asked;
    // Undefined: the limit changed while this process held a lease under the old one; ask again.
    if (result) return result;
  }
}
