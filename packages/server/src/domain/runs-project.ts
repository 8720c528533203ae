import type { Context } from './context.js';
import { DomainError } from './errors.js';
import type { Permission } from './permissions.js';
import { readCaches } from './read-cache.js';
import { projectScope, requireAllowed } from './scope.js';
import type { Principal } from './users.js';

/**
 * The project a runs route names, by id or by name (a reporter is configured with the name), after
 * the permission and the scope rule: a project outside the caller's scope answers the same 404 as
 * one that does not exist, so neither ids nor names can be probed. The project and the scope come
 * from the read caches, which a change of projects, members or teams empties (read-cache.ts).
 */
export async function projectForRuns(ctx: Context, principal: Principal, permission: Permission, ref: string): Promise<{ id: number; name: string }> {
  requireAllowed(principal, permission);
  const caches = readCaches(ctx);
  const project = await caches.projects.get(ref, async () => {
    const id = /^[1-9][0-9]{0,9}$/.test(ref) && Number(ref) <= 2_147_483_647 ? Number(ref) : null;
    const [row] = await ctx.db.query<{ id: number; name: string }>('SELECT id, name FROM projects WHERE id = $1 OR (name = $2 AND $1::int IS NULL) ORDER BY id LIMIT 1', [id, ref]);
    return row;
  });
  const scope = project && (await caches.scopes.get(`${principal.id}:${principal.role}:${principal.key?.scopes.join(',') ?? '-'}`, async () => ({ ids: await projectScope(ctx.db, principal) })));
  if (!project || (scope?.ids !== undefined && !scope.ids.includes(project.id))) throw new DomainError(404, `no project ${JSON.stringify(ref)}`);
  return project;
}
