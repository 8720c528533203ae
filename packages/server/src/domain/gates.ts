import { gateSeconds, qualityGatesSchema, type QualityGates } from '@panoptic/model/gates';
import { formatIssues } from '@panoptic/model';
import type { Queryable } from '../db/database.js';
import { audit } from './audit.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { projectForRuns } from './runs-project.js';
import type { Principal } from './users.js';

// A project's quality gates on the server: the same four gates as a suite's settings.quality_gates,
// judged by the same model function when a run is complete (gates-evaluate.ts). Whoever reads the
// project's runs reads them; managers and admins (gates:manage) set them, audited. Setting replaces
// all four: a gate left out is off.

/** The gates as the API shows them: null is a gate that is off; max_duration in seconds. */
export interface ProjectGates {
  min_pass_rate: number | null;
  max_new_failures: number | null;
  max_flaky_rate: number | null;
  max_duration: number | null;
}

export interface ProjectGatesEntry {
  project: string;
  gates: ProjectGates;
  updated_by: string | null;
  updated_at: string | null;
}

/** What a manager sends: the suite's keys, max_duration as seconds or "15m"; absent or null: off. */
export type GatesInput = { [K in keyof ProjectGates]?: number | string | null };

interface Row {
  min_pass_rate: number | null;
  max_new_failures: number | null;
  max_flaky_rate: number | null;
  max_duration_s: number | null;
  updated_by_name: string;
  updated_at: Date | string;
}

const COLUMNS = 'min_pass_rate, max_new_failures, max_flaky_rate, max_duration_s, updated_by_name, updated_at';
const OFF: ProjectGates = { min_pass_rate: null, max_new_failures: null, max_flaky_rate: null, max_duration: null };

function toGates(row: Row | undefined): ProjectGates {
  if (!row) return OFF;
  return { min_pass_rate: row.min_pass_rate, max_new_failures: row.max_new_failures, max_flaky_rate: row.max_flaky_rate, max_duration: row.max_duration_s };
}

const entryOf = (project: string, row: Row | undefined): ProjectGatesEntry => ({
  project,
  gates: toGates(row),
  updated_by: row?.updated_by_name ?? null,
  updated_at: row ? new Date(row.updated_at).toISOString() : null,
});

/** The gates that are on, as the model's evaluateGates takes them; undefined when none is. */
export function modelGates(gates: ProjectGates): QualityGates | undefined {
  const on = Object.fromEntries(Object.entries(gates).filter(([, value]) => value !== null)) as QualityGates;
  return Object.keys(on).length ? on : undefined;
}

/** The project's gates as stored (all off when never set). */
export async function projectGates(q: Queryable, projectId: number): Promise<ProjectGates> {
  const [row] = await q.query<Row>(`SELECT ${COLUMNS} FROM project_gates WHERE project_id = $1`, [projectId]);
  return toGates(row);
}

export async function getGates(ctx: Context, principal: Principal, projectRef: string): Promise<ProjectGatesEntry> {
  const project = await projectForRuns(ctx, principal, 'runs:read', projectRef);
  const [row] = await ctx.db.query<Row>(`SELECT ${COLUMNS} FROM project_gates WHERE project_id = $1`, [project.id]);
  return entryOf(project.name, row);
}

/** Checked by the model's schema, so a gate the server stores is one a suite could set, with the same messages. */
function validGates(input: GatesInput): ProjectGates {
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
  const parsed = qualityGatesSchema.omit({ notify: true }).safeParse(given);
  if (!parsed.success) throw new DomainError(400, `invalid quality gates: ${formatIssues(parsed.error.issues)}`);
  const gates = parsed.data;
  return {
    min_pass_rate: gates.min_pass_rate ?? null,
    max_new_failures: gates.max_new_failures ?? null,
    max_flaky_rate: gates.max_flaky_rate ?? null,
    max_duration: gates.max_duration === undefined ? null : gateSeconds(gates.max_duration),
  };
}

/** Sets the project's gates (replacing all four); audited with the old and new values. */
export async function setGates(ctx: Context, principal: Principal, projectRef: string, input: GatesInput): Promise<ProjectGatesEntry> {
  const project = await projectForRuns(ctx, principal, 'gates:manage', projectRef);
  const gates = validGates(input);
  return ctx.db.transaction(async (q) => {
    const before = await projectGates(q, project.id);
    const [row] = await q.query<Row>(
      `INSERT INTO project_gates (project_id, min_pass_rate, max_new_failures, max_flaky_rate, max_duration_s, updated_by, updated_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (project_id) DO UPDATE SET min_pass_rate = EXCLUDED.min_pass_rate, max_new_failures = EXCLUDED.max_new_failures, max_flaky_rate = EXCLUDED.max_flaky_rate,
         max_duration_s = EXCLUDED.max_duration_s, updated_by = EXCLUDED.updated_by, updated_by_name = EXCLUDED.updated_by_name, updated_at = now()
       RETURNING ${COLUMNS}`,
      [project.id, gates.min_pass_rate, gates.max_new_failures, gates.max_flaky_rate, gates.max_duration, principal.id, principal.name],
    );
    await audit(q, principal, { action: 'project.gates_updated', target_type: 'project', target_id: project.id, details: { project: project.name, before, after: gates } });
    return entryOf(project.name, row);
  });
}
