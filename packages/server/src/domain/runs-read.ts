import type { GatesResult } from '@panoptic/model/gates';
import type { Queryable, SqlValue } from '../db/database.js';
import type { Outcome, ResultRow, RunStatus } from './runs-merge.js';

// Reading runs and results back: a project's runs newest first, one run with its results, and one
// test's history across runs. Every query is paged and runs on an index of migration 003.

/** A run as the API shows it. */
export interface Run {
  run_id: string;
  project_id: number;
  status: RunStatus;
  /** Every expected shard is in. */
  complete: boolean;
  started_at: string;
  finished_at: string | null;
  /** Wall time from the first shard's start to the last shard's end. */
  duration_ms: number;
  branch: string | null;
  commit: string | null;
  ci_url: string | null;
  playwright_version: string | null;
  store: string | null;
  shards: { seen: number; expected: number };
  counts: { total: number; expected: number; unexpected: number; flaky: number; skipped: number };
  /** (expected + flaky) / (total - skipped); null when nothing ran. */
  pass_rate: number | null;
  /** The project's quality gates judged when the run became complete (domain/gates-evaluate.ts); null before, or for a run published before gates existed. */
  gates: GatesResult | null;
  created_at: string;
  updated_at: string;
}

/** One test of a run as the API shows it. */
export interface Result {
  key: string;
  title: string;
  title_path: string[];
  project: string;
  file: string;
  line: number;
  outcome: Outcome;
  duration_ms: number;
  error: string | null;
  category: string | null;
  attempts: ResultRow['attempts'];
  artifacts: ResultRow['artifacts'];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface Paging {
  page: number;
  page_size: number;
}

export type RunRow = {
  run_id: string;
  project_id: number;
  status: RunStatus;
  complete: boolean;
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number;
  branch: string | null;
  commit_sha: string | null;
  ci_url: string | null;
  playwright_version: string | null;
  store: string | null;
  shards_seen: number;
  shards_expected: number;
  total: number;
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
  gates: GatesResult | null;
  created_at: Date | string;
  updated_at: Date | string;
};

/** A timestamp column as the API writes it, formatted by the database: parsing it into a Date only to print it again was a tenth of a read's CPU. */
const isoColumn = (column: string, as = column.replace(/^\w+\./, '')): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${as}`;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const iso = (value: Date | string): string => (typeof value === 'string' && ISO_UTC.test(value) ? value : new Date(value).toISOString());

/** The columns of a run the API answers, its timestamps already in ISO form. */
const RUN_COLUMNS = ['run_id', 'project_id', 'status', 'complete', isoColumn('started_at'), isoColumn('finished_at'), 'duration_ms', 'branch', 'commit_sha', 'ci_url', 'playwright_version', 'store', 'shards_seen', 'shards_expected', 'total', 'expected', 'unexpected', 'flaky', 'skipped', 'gates', isoColumn('created_at'), isoColumn('updated_at')].join(', ');

export function toRun(row: RunRow): Run {
  const ran = row.total - row.skipped;
  return {
    run_id: row.run_id,
    project_id: row.project_id,
    status: row.status,
    complete: row.complete,
    started_at: iso(row.started_at),
    finished_at: row.finished_at ? iso(row.finished_at) : null,
    duration_ms: Number(row.duration_ms),
    branch: row.branch,
    commit: row.commit_sha,
    ci_url: row.ci_url,
    playwright_version: row.playwright_version,
    store: row.store,
    shards: { seen: row.shards_seen, expected: row.shards_expected },
    counts: { total: row.total, expected: row.expected, unexpected: row.unexpected, flaky: row.flaky, skipped: row.skipped },
    pass_rate: ran > 0 ? (row.expected + row.flaky) / ran : null,
    gates: row.gates ?? null,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

type StoredResult = Omit<ResultRow, 'shard_outcomes'>;

function toResult(row: StoredResult): Result {
  return {
    key: row.test_key,
    title: row.title,
    title_path: row.title_path,
    project: row.test_project,
    file: row.file,
    line: row.line,
    outcome: row.outcome,
    duration_ms: Number(row.duration_ms),
    error: row.error,
    category: row.category,
    attempts: row.attempts,
    artifacts: row.artifacts,
  };
}

const RESULT_COLUMNS = 'r.test_key, r.title, r.title_path, r.test_project, r.file, r.line, r.outcome, r.duration_ms, r.error, r.category, r.attempts, r.artifacts';
const limit = (paging: Paging): string => `LIMIT ${paging.page_size} OFFSET ${(paging.page - 1) * paging.page_size}`;

/** The parts of a paged query: `counted` is what the total counts (`from` without its joins), by default `from`. */
interface PagedQuery {
  select: string;
  from: string;
  counted?: string;
  order: string;
}

/**
 * A page of rows and the total they are a page of, in one round trip: the total is an uncorrelated
 * subquery the database runs once (an index-only count), taken from the first row. A page past the
 * end has no row to carry it, so only then is it counted on its own.
 */
async function paged<Row>(q: Queryable, query: PagedQuery, params: readonly SqlValue[], paging: Paging): Promise<{ rows: Row[]; total: number }> {
  const counted = query.counted ?? query.from;
  const rows = await q.query<Row & { total_count: number }>(`SELECT ${query.select}, (SELECT count(*)::int FROM ${counted}) AS total_count FROM ${query.from} ORDER BY ${query.order} ${limit(paging)}`, params);
  if (rows[0]) return { rows, total: rows[0].total_count };
  if (paging.page === 1) return { rows, total: 0 };
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${counted}`, params);
  return { rows, total: row?.n ?? 0 };
}

/** The project's runs, newest first (by start), optionally of one branch. */
export async function listRuns(q: Queryable, projectId: number, query: Paging & { branch?: string | undefined }): Promise<Page<Run>> {
  const params: SqlValue[] = [projectId];
  let where = 'project_id = $1';
  if (query.branch !== undefined) {
    params.push(query.branch);
    where += ' AND branch = $2';
  }
  const { rows, total } = await paged<RunRow>(q, { select: RUN_COLUMNS, from: `runs WHERE ${where}`, order: 'runs.started_at DESC, runs.id DESC' }, params, query);
  return { items: rows.map(toRun), total, ...query };
}

export async function runRow(q: Queryable, projectId: number, runId: string): Promise<(RunRow & { id: string }) | undefined> {
  const [row] = await q.query<RunRow & { id: string }>('SELECT * FROM runs WHERE project_id = $1 AND run_id = $2', [projectId, runId]);
  return row;
}

/** One run's results in report order (file, line, key), optionally of one outcome. */
export async function listResults(q: Queryable, runPk: string, query: Paging & { outcome?: Outcome | undefined }): Promise<Page<Result>> {
  const params: SqlValue[] = [runPk];
  let where = 'r.run_pk = $1';
  if (query.outcome !== undefined) {
    params.push(query.outcome);
    where += ' AND r.outcome = $2';
  }
  const { rows, total } = await paged<StoredResult>(q, { select: RESULT_COLUMNS, from: `results r WHERE ${where}`, order: 'r.file, r.line, r.test_key' }, params, query);
  return { items: rows.map(toResult), total, ...query };
}

type HistoryRow = StoredResult & { run_id: string; run_status: RunStatus; started_at: string; branch: string | null; commit_sha: string | null };

/** One test (by its stable key) in each run of the project that has it, newest run first. */
export async function testHistory(q: Queryable, projectId: number, key: string, paging: Paging): Promise<Page<Result & { run: Pick<Run, 'run_id' | 'status' | 'started_at' | 'branch' | 'commit'> }>> {
  const where = 'WHERE r.project_id = $1 AND r.test_key = $2';
  const { rows, total } = await paged<HistoryRow>(q, {
    select: `${RESULT_COLUMNS}, u.run_id, u.status AS run_status, ${isoColumn('u.started_at')}, u.branch, u.commit_sha`,
    from: `results r JOIN runs u ON u.id = r.run_pk ${where}`,
    counted: `results r ${where}`,
    order: 'r.run_pk DESC',
  }, [projectId, key], paging);
  const items = rows.map((row) => ({
    ...toResult(row),
    run: { run_id: row.run_id, status: row.run_status, started_at: iso(row.started_at), branch: row.branch, commit: row.commit_sha },
  }));
  return { items, total, ...paging };
}
