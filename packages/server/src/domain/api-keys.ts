import crypto from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { audit } from './audit.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { enforceLimit } from './limits.js';
import { can, isRole, ROLE_PERMISSIONS, type Permission } from './permissions.js';
import { requireAllowed, userProjects } from './scope.js';
import { tokenDigest } from './sessions.js';
import type { Principal } from './users.js';

// An API key is `pk_<id>_<secret>` with 32 random bytes of secret, returned once. The database keeps
// the SHA-256 of the whole key: with that much entropy a fast hash is as safe as a slow one, and each
// request can afford it. The id in the key finds the row; the digest is compared in constant time.

export interface ApiKey {
  id: number;
  user_id: number;
  name: string;
  permissions: Permission[];
  scopes: number[];
  rate_limit: number | null;
  enabled: boolean;
  expires_at: string | null;
  created_at: string;
  usage_count: number;
  last_used_at: string | null;
}

export interface NewApiKey {
  user_id?: number | undefined;
  name: string;
  permissions: Permission[];
  scopes?: number[] | undefined;
  rate_limit?: number | undefined;
  enabled?: boolean | undefined;
  expires_at?: string | undefined;
}

const COLUMNS = 'id, user_id, name, permissions, scopes, rate_limit, enabled, expires_at, created_at, usage_count::int AS usage_count, last_used_at';
type Row = Omit<ApiKey, 'expires_at' | 'created_at' | 'last_used_at'> & { expires_at: Date | null; created_at: Date; last_used_at: Date | null };

function toKey(row: Row): ApiKey {
  const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);
  return { ...row, expires_at: iso(row.expires_at), created_at: iso(row.created_at)!, last_used_at: iso(row.last_used_at) };
}

/** Keys are made by signed-in users for themselves, or by an admin for anyone; never by another key. */
async function ownerFor(q: Queryable, actor: Principal, userId: number): Promise<{ id: number; role: Principal['role'] }> {
  if (actor.key) throw new DomainError(403, 'an API key cannot manage API keys: sign in with a session');
  requireAllowed(actor, 'api_keys:manage');
  if (userId !== actor.id && !can(actor.role, 'users:manage')) throw new DomainError(403, 'only an admin can manage API keys of other users (permission users:manage)');
  const [owner] = await q.query<{ id: number; role: string }>('SELECT id, role FROM users WHERE id = $1', [userId]);
  if (!owner || !isRole(owner.role)) throw new DomainError(404, `no user with id ${userId}`);
  return { id: owner.id, role: owner.role };
}

/** A key never exceeds its owner: permissions of the owner's role, projects in the owner's scope. */
async function requireWithinOwner(q: Queryable, owner: { id: number; role: Principal['role'] }, input: NewApiKey): Promise<void> {
  const excess = input.permissions.filter((permission) => !ROLE_PERMISSIONS[owner.role].includes(permission));
  if (excess.length > 0) throw new DomainError(403, `the key's owner (role ${owner.role}) lacks ${excess.join(', ')}: a key cannot have more than its owner`);
  const own = await userProjects(q, owner.id, owner.role);
  const foreign = (input.scopes ?? []).filter((id) => own !== undefined && !own.includes(id));
  if (foreign.length > 0) throw new DomainError(403, `project ${foreign.join(', ')} is not one of the key owner's projects`);
}

export async function createApiKey(ctx: Context, actor: Principal, input: NewApiKey): Promise<ApiKey & { key: string }> {
  if (input.expires_at !== undefined && Date.parse(input.expires_at) <= Date.now()) throw new DomainError(400, 'expires_at is in the past');
  return ctx.db.transaction(async (q) => {
    const owner = await ownerFor(q, actor, input.user_id ?? actor.id);
    await requireWithinOwner(q, owner, input);
    await enforceLimit(ctx, q, 'api_keys');
    const [row] = await q.query<{ id: number }>(
      "INSERT INTO api_keys (user_id, name, secret_sha256, permissions, scopes, rate_limit, enabled, expires_at) VALUES ($1, $2, '', $3, $4, $5, $6, $7) RETURNING id",
      [owner.id, input.name, input.permissions, input.scopes ?? [], input.rate_limit ?? null, input.enabled ?? true, input.expires_at ?? null],
    );
    const id = row!.id;
    const key = `pk_${id}_${crypto.randomBytes(32).toString('base64url')}`;
    await q.query('UPDATE api_keys SET secret_sha256 = $2 WHERE id = $1', [id, tokenDigest(key)]);
    await audit(q, actor, { action: 'api_key.created', target_type: 'api_key', target_id: id, details: { name: input.name, user_id: owner.id, permissions: input.permissions, scopes: input.scopes ?? [], expires_at: input.expires_at ?? null } });
    const [created] = await q.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return { ...toKey(created!), key };
  });
}

/** A user's own keys; an admin's list has everyone's. */
export async function listApiKeys(ctx: Context, actor: Principal): Promise<ApiKey[]> {
  const all = can(actor.role, 'users:manage') && !actor.key;
  return (await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE $1 OR user_id = $2 ORDER BY id`, [all, actor.id])).map(toKey);
}

/** A key the actor may manage: its own, or any for an admin; others answer 404 like a missing id. */
async function ownKey(q: Queryable, actor: Principal, id: number): Promise<ApiKey> {
  const [row] = await q.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
  if (!row || (row.user_id !== actor.id && !can(actor.role, 'users:manage'))) throw new DomainError(404, `no API key with id ${id}`);
  await ownerFor(q, actor, row.user_id);
  return toKey(row);
}

export async function updateApiKey(ctx: Context, actor: Principal, id: number, patch: { enabled?: boolean | undefined; name?: string | undefined; rate_limit?: number | undefined }): Promise<ApiKey> {
  return ctx.db.transaction(async (q) => {
    const before = await ownKey(q, actor, id);
    const fields = (['enabled', 'name', 'rate_limit'] as const).filter((key) => patch[key] !== undefined && patch[key] !== before[key]);
    if (fields.length > 0) {
      await q.query(`UPDATE api_keys SET ${fields.map((key, i) => `${key} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...fields.map((key) => patch[key] ?? null)]);
      const changes = Object.fromEntries(fields.map((key) => [key, { from: before[key], to: patch[key] }]));
      await audit(q, actor, { action: 'api_key.updated', target_type: 'api_key', target_id: id, details: { name: before.name, changes } });
    }
    const [row] = await q.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return toKey(row!);
  });
}

export async function deleteApiKey(ctx: Context, actor: Principal, id: number): Promise<void> {
  await ctx.db.transaction(async (q) => {
    const before = await ownKey(q, actor, id);
    await q.query('DELETE FROM api_keys WHERE id = $1', [id]);
    await audit(q, actor, { action: 'api_key.deleted', target_type: 'api_key', target_id: id, details: { name: before.name, user_id: before.user_id } });
  });
}

