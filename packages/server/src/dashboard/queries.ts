import type { Queryable, SqlValue } from '../db/database.js';
import type { Outcome, RunStatus } from '../domain/runs-merge.js';
import { toRun, type Page, type Paging, type Result, type Run, type RunRow } from '../domain/runs-read.js';
import { projectScope, scopeFilter } from '../domain/scope.js';
import type { Principal } from '../domain/users.js';

// The reads the pages need beyond the API's (runs-read.ts): every one takes a project id that has
// already passed the scope rule, or applies the rule itself (projects).

export interface ProjectSummary {
  id: number;
  name: string;
  description: string | null;
  runs: number;
  last: Run | undefined;
}

/** The projects the principal may see, each with its run count and newest run. */
export async function projectsInScope(q: Queryable, principal: Principal): Promise<ProjectSummary[]> {
  const params: SqlValue[] = [];
  const where = scopeFilter(await projectScope(q, principal), 'p.id', params);
  const rows = await q.query<{ id: number; name: string; description: string | null; runs: number; last: RunRow | null }>(
    `SELECT p.id, p.name, p.description,
            (SELECT count(*)::int FROM runs c WHERE c.project_id = p.id) AS runs,
            (SELECT to_jsonb(r) FROM runs r WHERE r.project_id = p.id ORDER BY r.started_at DESC, r.id DESC LIMIT 1) AS last
       FROM projects p WHERE ${where} ORDER BY p.name`,
    params,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, description: row.description, runs: row.runs, last: row.last ? toRun(row.last) : undefined }));
}

const offset = (paging: Paging): string => `LIMIT ${paging.page_size} OFFSET ${(paging.page - 1) * paging.page_size}`;

/** A project's runs newest first, by branch and status. */
export async function filteredRuns(q: Queryable, projectId: number, query: Paging & { branch?: string | undefined; status?: RunStatus | undefined }): Promise<Page<Run>> {
  const params: SqlValue[] = [projectId];
  const where = ['project_id = $1'];
  if (query.branch !== undefined) where.push(`branch = $${params.push(query.branch)}`);
  if (query.status !== undefined) where.push(`status = $${params.push(query.status)}`);
  const clause = where.join(' AND ');
  const rows = await q.query<RunRow>(`SELECT * FROM runs WHERE ${clause} ORDER BY started_at DESC, id DESC ${offset(query)}`, params);
  const [total] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM runs WHERE ${clause}`, params);
  return { items: rows.map(toRun), total: total?.n ?? 0, page: query.page, page_size: query.page_size };
}

/** The branches a project's runs came from, for the filter. */
export async function branches(q: Queryable, projectId: number): Promise<string[]> {
  const rows = await q.query<{ branch: string }>('SELECT DISTINCT branch FROM runs WHERE project_id = $1 AND branch IS NOT NULL ORDER BY branch LIMIT 200', [projectId]);
  return rows.map((row) => row.branch);
}

export type ResultLine = Pick<Result, 'key' | 'title' | 'title_path' | 'file' | 'line' | 'outcome' | 'duration_ms' | 'category' | 'error'> & { project: string; attempts: number };

/** One run's tests in report order, by outcome and by a piece of the title path (case-insensitive, no wildcards). */
export async function runTests(q: Queryable, runPk: string, query: Paging & { outcome?: Outcome | undefined; search?: string | undefined }): Promise<Page<ResultLine>> {
  const params: SqlValue[] = [runPk];
  const where = ['run_pk = $1'];
  if (query.outcome !== undefined) where.push(`outcome = $${params.push(query.outcome)}`);
  if (query.search) where.push(`strpos(lower(title_path::text), lower($${params.push(query.search)})) > 0`);
  const clause = where.join(' AND ');
  const rows = await q.query<Omit<ResultLine, 'key' | 'project'> & { test_key: string; test_project: string }>(
    `SELECT test_key, title, title_path, test_project, file, line, outcome, duration_ms, category, error, jsonb_array_length(attempts) AS attempts
       FROM results WHERE ${clause} ORDER BY file, line, test_key ${offset(query)}`,
    params,
  );
  const [total] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM results WHERE ${clause}`, params);
  const items = rows.map(({ test_key, test_project, ...row }) => ({ ...row, key: test_key, project: test_project, duration_ms: Number(row.duration_ms), attempts: Number(row.attempts) }));
  return { items, total: total?.n ?? 0, page: query.page, page_size: query.page_size };
}

/** The project's newest `limit` runs, oldest first: what the trend charts draw. */
export async function recentRuns(q: Queryable, projectId: number, limit: number): Promise<Run[]> {
  const rows = await q.query<RunRow>('SELECT * FROM runs WHERE project_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2', [projectId, limit]);
  return rows.map(toRun).reverse();
}

export interface OutcomeRow {
  key: string;
  title: string;
  outcome: Outcome;
  run_id: string;
  /** 0 for the newest of the runs read, 1 for the one before, … */
  age: number;
}

/** Every test's outcome in the project's newest `limit` runs. */
export async function recentOutcomes(q: Queryable, projectId: number, limit: number): Promise<OutcomeRow[]> {
  return q.query<OutcomeRow>(
    `WITH recent AS (
       SELECT id, run_id, (row_number() OVER (ORDER BY started_at DESC, id DESC) - 1)::int AS age
         FROM runs WHERE project_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2)
     SELECT r.test_key AS key, r.title, r.outcome, recent.run_id, recent.age
       FROM recent JOIN results r ON r.run_pk = recent.id`,
    [projectId, limit],
  );
}
