import type { Queryable } from '../db/database.js';
import { audit } from '../domain/audit.js';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import { requireAllowed } from '../domain/scope.js';
import type { Principal } from '../domain/users.js';
import { SIGNATURE_MAX } from './signature.js';
import type { Failure } from './triage.js';

// Known issues (migration 007) and the failures triage reads. Linking is a change to what the
// team sees, so it needs runs:write (developers and up; a viewer only reads) and is audited.

/** The project's known issues: signature → issue URL. */
export async function knownIssues(q: Queryable, projectId: number): Promise<Map<string, string>> {
  const rows = await q.query<{ signature: string; issue_url: string }>('SELECT signature, issue_url FROM known_issues WHERE project_id = $1', [projectId]);
  return new Map(rows.map((row) => [row.signature, row.issue_url]));
}

export async function linkKnownIssue(ctx: Context, principal: Principal, project: { id: number; name: string }, signature: string, url: string): Promise<void> {
  requireAllowed(principal, 'runs:write');
  if (!signature || signature.length > SIGNATURE_MAX) throw new DomainError(400, `a signature is 1 to ${SIGNATURE_MAX} characters`);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || url.length > 2000) throw new DomainError(400, `the issue link must be an http(s) URL of at most 2000 characters, not ${JSON.stringify(url.slice(0, 100))}`);
  await ctx.db.transaction(async (q) => {
    await q.query(
      `INSERT INTO known_issues (project_id, signature, issue_url, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id, signature) DO UPDATE SET issue_url = EXCLUDED.issue_url, created_by = EXCLUDED.created_by, created_by_name = EXCLUDED.created_by_name, created_at = now()`,
      [project.id, signature, parsed.href, principal.id, principal.name],
    );
    await audit(q, principal, { action: 'known_issue.linked', target_type: 'project', target_id: project.id, details: { project: project.name, signature, issue_url: parsed.href } });
  });
}

/** The failed tests of the project's newest `limit` runs, and those runs' ids newest first. */
export async function recentFailures(q: Queryable, projectId: number, limit: number): Promise<{ runs: string[]; failures: Failure[] }> {
  const runs = await q.query<{ run_id: string }>('SELECT run_id FROM runs WHERE project_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2', [projectId, limit]);
  const failures = await q.query<Failure>(
    `WITH recent AS (
       SELECT id, run_id, (row_number() OVER (ORDER BY started_at DESC, id DESC) - 1)::int AS age
         FROM runs WHERE project_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2)
     SELECT r.test_key AS key, r.title, r.error, r.category, recent.run_id, recent.age
       FROM recent JOIN results r ON r.run_pk = recent.id AND r.outcome = 'unexpected'`,
    [projectId, limit],
  );
  return { runs: runs.map((row) => row.run_id), failures };
}
