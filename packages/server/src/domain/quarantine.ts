import type { Context } from './context.js';
import { audit } from './audit.js';
import { DomainError } from './errors.js';
import { projectForRuns } from './runs-project.js';
import type { Principal } from './users.js';

// Quarantine: a test whose failures do not fail the build for a while, with a reason and an expiry.
// Managers and admins (quarantine:manage) quarantine and release; whoever reads the project's runs
// (runs:read, a CI key included) reads the list, which is what a run fetches when it starts. An
// entry past its expiry is no longer listed: the test counts again without anyone releasing it.

export interface QuarantineEntry {
  key: string;
  reason: string;
  expires_at: string;
  created_by: string;
  created_at: string;
}

export interface NewQuarantine {
  key: string;
  reason: string;
  expires_at: string;
}

interface Row {
  test_key: string;
  reason: string;
  expires_at: Date | string;
  created_by_name: string;
  created_at: Date | string;
}

const iso = (value: Date | string): string => new Date(value).toISOString();
const toEntry = (row: Row): QuarantineEntry => ({ key: row.test_key, reason: row.reason, expires_at: iso(row.expires_at), created_by: row.created_by_name, created_at: iso(row.created_at) });
const COLUMNS = 'test_key, reason, expires_at, created_by_name, created_at';

/** The project's quarantined tests that have not expired, by key. */
export async function listQuarantine(ctx: Context, principal: Principal, projectRef: string): Promise<{ project: string; items: QuarantineEntry[] }> {
  const project = await projectForRuns(ctx, principal, 'runs:read', projectRef);
  const rows = await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM quarantine WHERE project_id = $1 AND expires_at > now() ORDER BY test_key`, [project.id]);
  return { project: project.name, items: rows.map(toEntry) };
}

/** Quarantines a test, or replaces the reason and expiry of its quarantine; audited. */
export async function quarantineTest(ctx: Context, principal: Principal, projectRef: string, input: NewQuarantine): Promise<QuarantineEntry> {
  const project = await projectForRuns(ctx, principal, 'quarantine:manage', projectRef);
  if (!(Date.parse(input.expires_at) > Date.now())) throw new DomainError(400, `expires_at ${JSON.stringify(input.expires_at)} is not in the future: a quarantine ends at a later date`);
  if (!input.reason.trim()) throw new DomainError(400, 'a quarantine needs a reason: say why the test may fail for now (an issue link, a known outage)');
  return ctx.db.transaction(async (q) => {
    const [row] = await q.query<Row>(
      `INSERT INTO quarantine (project_id, test_key, reason, expires_at, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project_id, test_key) DO UPDATE SET reason = EXCLUDED.reason, expires_at = EXCLUDED.expires_at, created_by = EXCLUDED.created_by,
         created_by_name = EXCLUDED.created_by_name, created_at = now()
       RETURNING ${COLUMNS}`,
      [project.id, input.key, input.reason.trim(), input.expires_at, principal.id, principal.name],
    );
    const entry = toEntry(row!);
    await audit(q, principal, { action: 'test.quarantined', target_type: 'test', target_id: `${project.id}/${input.key}`, details: { project: project.name, key: input.key, reason: entry.reason, expires_at: entry.expires_at } });
    return entry;
  });
}

/** Releases a test from quarantine; 404 when it is not quarantined. Audited. */
export async function unquarantineTest(ctx: Context, principal: Principal, projectRef: string, key: string): Promise<void> {
  const project = await projectForRuns(ctx, principal, 'quarantine:manage', projectRef);
  await ctx.db.transaction(async (q) => {
    const [row] = await q.query<Row>(`DELETE FROM quarantine WHERE project_id = $1 AND test_key = $2 RETURNING ${COLUMNS}`, [project.id, key]);
    if (!row) throw new DomainError(404, `the test ${JSON.stringify(key)} is not quarantined in project ${JSON.stringify(project.name)}`);
    await audit(q, principal, { action: 'test.unquarantined', target_type: 'test', target_id: `${project.id}/${key}`, details: { project: project.name, key, reason: row.reason } });
  });
}
