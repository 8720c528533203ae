import type { Queryable, SqlValue } from '../db/database.js';
import { audit, type AuditAction } from './audit.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { enforceLimit } from './limits.js';
import type { Permission } from './permissions.js';
import { projectScope, requireAllowed, requireInScope, scopeFilter, teamScope } from './scope.js';
import type { Principal } from './users.js';

// Projects and teams are the same shape: a named group with one responsible user (a project's owner,
// a team's lead), members, and links to groups of the other kind (team_projects). One module serves
// both through a description of each, so the two cannot drift apart in who may do what.

export type GroupKind = 'project' | 'team';

interface Spec {
  table: 'projects' | 'teams';
  person: 'owner_id' | 'lead_id';
  members: { table: 'project_members' | 'team_members'; key: 'project_id' | 'team_id' };
  link: { self: 'project_id' | 'team_id'; other: 'team_id' | 'project_id' };
  linked: 'team_ids' | 'project_ids';
  read: Permission;
  manage: Permission;
  scope: typeof projectScope;
  otherScope: typeof projectScope;
}

const SPECS: Record<GroupKind, Spec> = {
  project: {
    table: 'projects', person: 'owner_id', members: { table: 'project_members', key: 'project_id' }, link: { self: 'project_id', other: 'team_id' },
    linked: 'team_ids', read: 'projects:read', manage: 'projects:manage', scope: projectScope, otherScope: teamScope,
  },
  team: {
    table: 'teams', person: 'lead_id', members: { table: 'team_members', key: 'team_id' }, link: { self: 'team_id', other: 'project_id' },
    linked: 'project_ids', read: 'teams:read', manage: 'teams:manage', scope: teamScope, otherScope: projectScope,
  },
};

/** A project or team as the API shows it. */
export interface Group {
  id: number;
  name: string;
  description: string | null;
  owner_id?: number | null;
  lead_id?: number | null;
  member_ids: number[];
  team_ids?: number[];
  project_ids?: number[];
  created_at: string;
  updated_at: string;
}

export interface GroupInput {
  name: string;
  description?: string | undefined;
  /** owner_id of a project, lead_id of a team. */
  person?: number | undefined;
  member_ids?: number[] | undefined;
  /** team_ids of a project, project_ids of a team. */
  linked?: number[] | undefined;
}

export type GroupPatch = Partial<Pick<GroupInput, 'name' | 'description' | 'person'>>;

type Row = { id: number; name: string; description: string | null; person: number | null; created_at: Date; updated_at: Date };

async function load(q: Queryable, spec: Spec, where: string, params: SqlValue[]): Promise<Group[]> {
  const rows = await q.query<Row>(`SELECT id, name, description, ${spec.person} AS person, created_at, updated_at FROM ${spec.table} WHERE ${where} ORDER BY id`, params);
  const ids = rows.map((row) => row.id);
  const members = await q.query<{ g: number; u: number }>(`SELECT ${spec.members.key} AS g, user_id AS u FROM ${spec.members.table} WHERE ${spec.members.key} = ANY($1::int[]) ORDER BY user_id`, [ids]);
  const links = await q.query<{ g: number; o: number }>(`SELECT ${spec.link.self} AS g, ${spec.link.other} AS o FROM team_projects WHERE ${spec.link.self} = ANY($1::int[]) ORDER BY 2`, [ids]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    [spec.person]: row.person,
    member_ids: members.filter((m) => m.g === row.id).map((m) => m.u),
    [spec.linked]: links.filter((l) => l.g === row.id).map((l) => l.o),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  }));
}

export async function listGroups(ctx: Context, actor: Principal, kind: GroupKind): Promise<Group[]> {
  const spec = SPECS[kind];
  requireAllowed(actor, spec.read);
  const params: SqlValue[] = [];
  return load(ctx.db, spec, scopeFilter(await spec.scope(ctx.db, actor), 'id', params), params);
}

async function getIn(q: Queryable, actor: Principal, kind: GroupKind, id: number): Promise<Group> {
  const spec = SPECS[kind];
  requireInScope(await spec.scope(q, actor), id, kind);
  const [group] = await load(q, spec, 'id = $1', [id]);
  if (!group) throw new DomainError(404, `no ${kind} with id ${id}`);
  return group;
}

export async function getGroup(ctx: Context, actor: Principal, kind: GroupKind, id: number): Promise<Group> {
  requireAllowed(actor, SPECS[kind].read);
  return getIn(ctx.db, actor, kind, id);
}

async function requireUsers(q: Queryable, ids: readonly number[]): Promise<void> {
  const found = (await q.query<{ id: number }>('SELECT id FROM users WHERE id = ANY($1::int[])', [[...ids]])).map((row) => row.id);
  const missing = ids.filter((id) => !found.includes(id));
  if (missing.length > 0) throw new DomainError(404, `no user with id ${missing.join(', ')}`);
}

async function link(q: Queryable, actor: Principal, kind: GroupKind, id: number, others: readonly number[]): Promise<void> {
  const spec = SPECS[kind];
  const scope = await spec.otherScope(q, actor);
  const other: GroupKind = kind === 'project' ? 'team' : 'project';
  for (const otherId of others) {
    requireInScope(scope, otherId, other);
    const [exists] = await q.query(`SELECT 1 FROM ${SPECS[other].table} WHERE id = $1`, [otherId]);
    if (!exists) throw new DomainError(404, `no ${other} with id ${otherId}`);
    await q.query(`INSERT INTO team_projects (${spec.link.self}, ${spec.link.other}) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, otherId]);
  }
}

async function requireFreeName(q: Queryable, kind: GroupKind, name: string, id = 0): Promise<void> {
  const [taken] = await q.query(`SELECT 1 FROM ${SPECS[kind].table} WHERE name = $1 AND id <> $2`, [name, id]);
  if (taken) throw new DomainError(409, `a ${kind} named "${name}" already exists`);
}

export async function createGroup(ctx: Context, actor: Principal, kind: GroupKind, input: GroupInput): Promise<Group> {
  const spec = SPECS[kind];
  requireAllowed(actor, spec.manage);
  return ctx.db.transaction(async (q) => {
    if (kind === 'project') await enforceLimit(ctx, q, 'projects');
    await requireFreeName(q, kind, input.name);
    // A manager who creates a group belongs to it, so it stays in the manager's scope.
    const members = [...new Set([...(input.member_ids ?? []), ...(actor.role === 'admin' ? [] : [actor.id])])];
    const person = input.person ?? actor.id;
    await requireUsers(q, [...members, person]);
    const [row] = await q.query<{ id: number }>(`INSERT INTO ${spec.table} (name, description, ${spec.person}) VALUES ($1, $2, $3) RETURNING id`, [input.name, input.description ?? null, person]);
    const id = row!.id;
    for (const userId of members) await q.query(`INSERT INTO ${spec.members.table} (${spec.members.key}, user_id) VALUES ($1, $2)`, [id, userId]);
    await link(q, actor, kind, id, input.linked ?? []);
    await audit(q, actor, { action: `${kind}.created`, target_type: kind, target_id: id, details: { name: input.name, [spec.person]: person, member_ids: members, [spec.linked]: input.linked ?? [] } });
    const [group] = await load(q, spec, 'id = $1', [id]);
    return group!;
  });
}

/** Runs a change to one group the actor may manage: manage permission, in scope, audited. */
async function change<T>(ctx: Context, actor: Principal, kind: GroupKind, id: number, body: (q: Queryable, before: Group) => Promise<T>): Promise<T> {
  requireAllowed(actor, SPECS[kind].manage);
  return ctx.db.transaction(async (q) => body(q, await getIn(q, actor, kind, id)));
}

export async function updateGroup(ctx: Context, actor: Principal, kind: GroupKind, id: number, patch: GroupPatch): Promise<Group> {
  const spec = SPECS[kind];
  return change(ctx, actor, kind, id, async (q, before) => {
    if (patch.name !== undefined) await requireFreeName(q, kind, patch.name, id);
    if (patch.person !== undefined) await requireUsers(q, [patch.person]);
    const values = { name: patch.name, description: patch.description, [spec.person]: patch.person } as Record<string, string | number | undefined>;
    const fields = Object.keys(values).filter((key) => values[key] !== undefined && values[key] !== (before as unknown as Record<string, unknown>)[key]);
    if (fields.length > 0) {
      await q.query(`UPDATE ${spec.table} SET ${fields.map((key, i) => `${key} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...fields.map((key) => values[key] ?? null)]);
      const changes = Object.fromEntries(fields.map((key) => [key, { from: (before as unknown as Record<string, unknown>)[key], to: values[key] }]));
      await audit(q, actor, { action: `${kind}.updated`, target_type: kind, target_id: id, details: { name: before.name, changes } });
    }
    const [group] = await load(q, spec, 'id = $1', [id]);
    return group!;
  });
}

export async function deleteGroup(ctx: Context, actor: Principal, kind: GroupKind, id: number): Promise<void> {
  await change(ctx, actor, kind, id, async (q, before) => {
    await q.query(`DELETE FROM ${SPECS[kind].table} WHERE id = $1`, [id]);
    await audit(q, actor, { action: `${kind}.deleted`, target_type: kind, target_id: id, details: { name: before.name } });
  });
}

export async function setMember(ctx: Context, actor: Principal, kind: GroupKind, id: number, userId: number, member: boolean): Promise<Group> {
  const spec = SPECS[kind];
  return change(ctx, actor, kind, id, async (q, before) => {
    await requireUsers(q, [userId]);
    const sql = member
      ? `INSERT INTO ${spec.members.table} (${spec.members.key}, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
      : `DELETE FROM ${spec.members.table} WHERE ${spec.members.key} = $1 AND user_id = $2`;
    await q.query(sql, [id, userId]);
    const action: AuditAction = `${kind}.${member ? 'member_added' : 'member_removed'}`;
    await audit(q, actor, { action, target_type: kind, target_id: id, details: { name: before.name, user_id: userId } });
    const [group] = await load(q, spec, 'id = $1', [id]);
    return group!;
  });
}
