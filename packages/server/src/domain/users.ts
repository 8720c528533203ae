import type { Queryable } from '../db/database.js';
import type { Context } from './context.js';
import { audit, type Actor } from './audit.js';
import { DomainError } from './errors.js';
import { checkCurrentPassword, setPassword } from './passwords.js';
import { enforceLimit } from './limits.js';
import { can, type Role } from './permissions.js';
import type { KeyGrant } from './scope.js';

/** A user as the API shows it: never the hash. */
export interface User {
  id: number;
  username: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  role: Role;
  active: boolean;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  password_changed_at: string;
}

/** The signed-in user a request acts as. */
export interface Principal extends Actor {
  id: number;
  role: Role;
  /** Set when the request came with an API key: it narrows the user's rights (scope.ts). */
  key?: KeyGrant | undefined;
}

// The hash is never selected with these, so it cannot leak into a response by accident.
const COLUMNS = 'id, username, email, first_name, last_name, role, active, created_at, updated_at, last_login_at, password_changed_at';

type Row = Omit<User, 'created_at' | 'updated_at' | 'last_login_at' | 'password_changed_at'> & Record<'created_at' | 'updated_at' | 'password_changed_at', Date> & { last_login_at: Date | null };

function toUser(row: Row): User {
  const iso = (value: Date): string => new Date(value).toISOString();
  return { ...row, created_at: iso(row.created_at), updated_at: iso(row.updated_at), password_changed_at: iso(row.password_changed_at), last_login_at: row.last_login_at ? iso(row.last_login_at) : null };
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
}

export async function createUser(ctx: Context, actor: Actor, input: NewUser, tx?: Queryable): Promise<User> {
  const run = async (q: Queryable): Promise<User> => {
    const [org] = await q.query<{ id: number }>('SELECT id FROM organizations ORDER BY id LIMIT 1');
    if (!org) throw new DomainError(409, 'the server has no organisation yet: run `panoptic server init` first');
    const [taken] = await q.query('SELECT 1 FROM users WHERE username = $1', [input.username]);
    if (taken) throw new DomainError(409, `a user named "${input.username}" already exists`);
    await enforceLimit(ctx, q, 'users');
    const [row] = await q.query<Row>(
      `INSERT INTO users (organization_id, username, email, first_name, last_name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6, '') RETURNING ${COLUMNS}`,
      [org.id, input.username, input.email ?? null, input.first_name ?? null, input.last_name ?? null, input.role],
    );
    await setPassword(ctx, q, row!.id, input.password);
    await audit(q, actor, { action: 'user.created', target_type: 'user', target_id: row!.id, details: { username: input.username, role: input.role } });
    return toUser(row!);
  };
  return tx ? run(tx) : ctx.db.transaction(run);
}

export async function listUsers(ctx: Context): Promise<User[]> {
  return (await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM users ORDER BY id`)).map(toUser);
}

export async function getUser(db: Queryable, id: number): Promise<User> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  if (!row) throw new DomainError(404, `no user with id ${id}`);
  return toUser(row);
}

export interface UserPatch {
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
  /** Required when users change their own password, so a stolen session cannot. */
  current_password?: string | undefined;
}

/** Who may change what: anyone their own name, e-mail and password; only a user manager the rest, and others. */
function authorizePatch(actor: Principal, id: number, patch: UserPatch): void {
  if (can(actor.role, 'users:manage')) return;
  if (id !== actor.id) throw new DomainError(403, 'only an admin can change other users (permission users:manage)');
  if (patch.role !== undefined || patch.active !== undefined) {
    throw new DomainError(403, 'only an admin can change roles or deactivate users (permission users:manage)');
  }
  if (patch.password !== undefined && patch.current_password === undefined) {
    throw new DomainError(400, 'changing your own password needs current_password');
  }
}

/** The last active admin cannot be demoted, deactivated or deleted: the server would have no one to manage it. */
async function keepAnAdmin(q: Queryable, id: number, losing: boolean): Promise<void> {
  if (!losing) return;
  const [row] = await q.query<{ others: number }>("SELECT count(*)::int AS others FROM users WHERE role = 'admin' AND active AND id <> $1", [id]);
  const [self] = await q.query<{ role: string; active: boolean }>('SELECT role, active FROM users WHERE id = $1', [id]);
  if (self?.role === 'admin' && self.active && (row?.others ?? 0) === 0) throw new DomainError(409, 'this is the last active admin; make another user admin first');
}

export async function updateUser(ctx: Context, actor: Principal, id: number, patch: UserPatch): Promise<User> {
  authorizePatch(actor, id, patch);
  return ctx.db.transaction(async (q) => {
    const before = await getUser(q, id);
    await keepAnAdmin(q, id, (patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
    if (patch.password !== undefined) {
      if (patch.current_password !== undefined) await checkCurrentPassword(q, id, patch.current_password);
      await setPassword(ctx, q, id, patch.password);
      // A reset by an admin ends the user's sessions; users changing their own keep theirs.
      if (actor.id !== id) await q.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await audit(q, actor, { action: 'auth.password_changed', target_type: 'user', target_id: id, details: { username: before.username } });
    }
    const fields = (['email', 'first_name', 'last_name', 'role', 'active'] as const).filter((key) => patch[key] !== undefined && patch[key] !== before[key]);
    if (fields.length > 0) {
      const sets = fields.map((key, i) => `${key} = $${i + 2}`).join(', ');
      await q.query(`UPDATE users SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...fields.map((key) => patch[key] ?? null)]);
      const changes = Object.fromEntries(fields.map((key) => [key, { from: before[key], to: patch[key] }]));
      await audit(q, actor, { action: 'user.updated', target_type: 'user', target_id: id, details: { username: before.username, changes } });
    }
    if (patch.active === false && before.active) {
      await q.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await audit(q, actor, { action: 'user.deactivated', target_type: 'user', target_id: id, details: { username: before.username } });
    }
    return getUser(q, id);
  });
}

export async function deleteUser(ctx: Context, actor: Principal, id: number): Promise<void> {
  await ctx.db.transaction(async (q) => {
    const before = await getUser(q, id);
    await keepAnAdmin(q, id, true);
    await q.query('DELETE FROM users WHERE id = $1', [id]);
    await audit(q, actor, { action: 'user.deleted', target_type: 'user', target_id: id, details: { username: before.username, role: before.role } });
  });
}
