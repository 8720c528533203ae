import type { Queryable, SqlValue } from '../db/database.js';
import { DomainError } from './errors.js';
import { can, type Permission } from './permissions.js';
import type { Principal } from './users.js';

// The one scope rule every project, team and API-key route uses. A user sees the projects it owns,
// is a member of, or reaches through a team it belongs to or leads; an admin sees all. An API key
// narrows its owner: only its permissions, and when it lists scopes only those projects. Whatever is
// out of scope answers 404 exactly as a missing id does, so ids of other projects cannot be probed.

/** What an API key adds to its owner's principal. */
export interface KeyGrant {
  id: number;
  permissions: readonly Permission[];
  /** Project ids; empty: all of the owner's projects. */
  scopes: readonly number[];
}

/** The role allows it and, for an API key, so does the key. */
export function allowed(principal: Principal, permission: Permission): boolean {
  return can(principal.role, permission) && (!principal.key || principal.key.permissions.includes(permission));
}

export function requireAllowed(principal: Principal, permission: Permission): void {
  if (allowed(principal, permission)) return;
  const who = can(principal.role, permission) ? 'this API key' : `the ${principal.role} role`;
  throw new DomainError(403, `${who} lacks the permission ${permission}`);
}

const USER_PROJECTS = `
  SELECT id AS project_id FROM projects WHERE owner_id = $1
  UNION SELECT project_id FROM project_members WHERE user_id = $1
  UNION SELECT tp.project_id FROM team_projects tp JOIN team_members tm ON tm.team_id = tp.team_id WHERE tm.user_id = $1
  UNION SELECT tp.project_id FROM team_projects tp JOIN teams t ON t.id = tp.team_id WHERE t.lead_id = $1`;

/** The projects a user reaches without any key narrowing; undefined for an admin (all). */
export async function userProjects(q: Queryable, userId: number, role: Principal['role']): Promise<number[] | undefined> {
  if (role === 'admin') return undefined;
  return (await q.query<{ project_id: number }>(USER_PROJECTS, [userId])).map((row) => row.project_id);
}

/** The project ids a principal may see; undefined: all. */
export async function projectScope(q: Queryable, principal: Principal): Promise<number[] | undefined> {
  const own = await userProjects(q, principal.id, principal.role);
  const scopes = principal.key?.scopes ?? [];
  if (scopes.length === 0) return own;
  return own === undefined ? [...scopes] : own.filter((id) => scopes.includes(id));
}

/** The team ids a principal may see (member or lead; a scoped key: teams of its projects); undefined: all. */
export async function teamScope(q: Queryable, principal: Principal): Promise<number[] | undefined> {
  const scopes = principal.key?.scopes ?? [];
  const mine = principal.role === 'admin'
    ? undefined
    : (await q.query<{ id: number }>('SELECT team_id AS id FROM team_members WHERE user_id = $1 UNION SELECT id FROM teams WHERE lead_id = $1', [principal.id])).map((row) => row.id);
  if (scopes.length === 0) return mine;
  const linked = (await q.query<{ id: number }>('SELECT DISTINCT team_id AS id FROM team_projects WHERE project_id = ANY($1::int[])', [[...scopes]])).map((row) => row.id);
  return mine === undefined ? linked : mine.filter((id) => linked.includes(id));
}

/** Throws the same 404 as a missing row when `id` is outside `scope`. */
export function requireInScope(scope: number[] | undefined, id: number, what: 'project' | 'team'): void {
  if (scope !== undefined && !scope.includes(id)) throw new DomainError(404, `no ${what} with id ${id}`);
}

/** A SQL filter on `column` for a scope: none for all, else `= ANY($n)` with the ids appended to `params`. */
export function scopeFilter(scope: number[] | undefined, column: string, params: SqlValue[]): string {
  if (scope === undefined) return 'true';
  params.push(scope);
  return `${column} = ANY($${params.length}::int[])`;
}
