import type { RunPublish } from '@panoptic/model/run-publish';
import type { Queryable } from '../db/database.js';
import { audit } from './audit.js';
import type { Context } from './context.js';
import { DomainError } from './errors.js';
import { judgeCompleteRun } from './gates-evaluate.js';
import { emitRunPublished, type RunPublished } from './runs-events.js';
import { mergeResult, type ResultRow } from './runs-merge.js';
import { projectForRuns } from './runs-project.js';
import { bindArtifactFolders } from './runs-artifact-folders.js';
import { toRun, type Run, type RunRow } from './runs-read.js';
import type { Principal } from './users.js';

// Publishing a run, or one shard of it. Everything happens in one transaction that first takes the
// run's row lock (the upsert), so two shards arriving at once, on one server or two, merge one
// after the other. Results go in with one multi-row INSERT per batch from a single JSON parameter
// (json_to_recordset; plain json parses faster than jsonb for a value read once): a 10,000-test run
// is a handful of statements, not 10,000.

/** Rows per INSERT: large enough to be few statements, small enough to keep one parameter modest. */
const BATCH = 5000;

const RESULT_COLUMNS = ['test_key', 'title', 'title_path', 'test_project', 'file', 'line', 'outcome', 'duration_ms', 'error', 'category', 'attempts', 'artifacts', 'shard_outcomes'] as const;
const RECORD_TYPES = 'test_key text, title text, title_path jsonb, test_project text, file text, line integer, outcome text, duration_ms double precision, error text, category text, attempts jsonb, artifacts jsonb, shard_outcomes jsonb';

interface Upserted {
  id: string;
  inserted: boolean;
  shards_expected: number;
}

/**
 * A whole run published onto a sharded one is the shards' merged report (`merge-reports` with the
 * Panoptic reporter): it holds every shard's tests, so it replaces them, and the run becomes one of
 * one shard. A shard that failed to publish is then covered too.
 */
async function replaceShards(tx: Queryable, row: Upserted): Promise<void> {
  await tx.query('DELETE FROM results WHERE run_pk = $1', [row.id]);
  await tx.query('DELETE FROM run_shards WHERE run_pk = $1', [row.id]);
  await tx.query('UPDATE runs SET shards_expected = 1 WHERE id = $1', [row.id]);
  row.shards_expected = 1;
  row.inserted = true;
}

async function upsertRun(tx: Queryable, projectId: number, runId: string, payload: RunPublish, publisher: number): Promise<Upserted> {
  const total = payload.shard?.total ?? 1;
  const [row] = await tx.query<Upserted>(
    `INSERT INTO runs (project_id, run_id, status, started_at, shards_expected, branch, commit_sha, ci_url, playwright_version, store, published_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (project_id, run_id) DO UPDATE SET
       updated_at = now(),
       branch = COALESCE(EXCLUDED.branch, runs.branch),
       commit_sha = COALESCE(EXCLUDED.commit_sha, runs.commit_sha),
       ci_url = COALESCE(EXCLUDED.ci_url, runs.ci_url),
       playwright_version = COALESCE(EXCLUDED.playwright_version, runs.playwright_version),
       store = COALESCE(EXCLUDED.store, runs.store)
     RETURNING id::text AS id, (xmax = 0) AS inserted, shards_expected`,
    [projectId, runId, payload.status, payload.started_at, total, payload.branch ?? null, payload.commit ?? null, payload.ci_url ?? null, payload.playwright_version ?? null, payload.store ?? null, publisher],
  );
  if (!row) throw new Error(`the run ${runId} was neither inserted nor updated`);
  if (payload.shard === null && row.shards_expected > 1) await replaceShards(tx, row);
  if (row.shards_expected !== total) {
    throw new DomainError(409, `run ${runId} has ${row.shards_expected} shards; this publish says ${total}: the shards of one run id must agree on the total`);
  }
  await tx.query(
    `INSERT INTO run_shards (run_pk, shard, status, started_at, duration_ms, tests) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (run_pk, shard) DO UPDATE SET status = EXCLUDED.status, started_at = EXCLUDED.started_at, duration_ms = EXCLUDED.duration_ms, tests = EXCLUDED.tests, received_at = now()`,
    [row.id, payload.shard?.current ?? 1, payload.status, payload.started_at, payload.duration_ms, payload.tests.length],
  );
  return row;
}

/** The payload's tests merged with what the run already holds for them (nothing for a new run). */
async function mergedResults(tx: Queryable, runPk: string, fresh: boolean, payload: RunPublish): Promise<ResultRow[]> {
  const shard = payload.shard?.current ?? 1;
  const existing = new Map<string, ResultRow>();
  if (!fresh) {
    const rows = await tx.query<ResultRow>(`SELECT ${RESULT_COLUMNS.join(', ')} FROM results WHERE run_pk = $1 AND test_key = ANY($2::text[])`, [runPk, payload.tests.map((t) => t.key)]);
    for (const row of rows) existing.set(row.test_key, row);
  }
  // A key sent twice in one payload merges too, rather than failing the multi-row upsert.
  for (const test of payload.tests) existing.set(test.key, mergeResult(existing.get(test.key), test, shard));
  const keys = new Set(payload.tests.map((t) => t.key));
  return [...existing.values()].filter((row) => keys.has(row.test_key));
}

async function writeResults(tx: Queryable, runPk: string, projectId: number, rows: readonly ResultRow[]): Promise<void> {
  const updates = RESULT_COLUMNS.filter((column) => column !== 'test_key').map((column) => `${column} = EXCLUDED.${column}`).join(', ');
  for (let start = 0; start < rows.length; start += BATCH) {
    await tx.query(
      `INSERT INTO results (run_pk, project_id, ${RESULT_COLUMNS.join(', ')})
       SELECT $1::bigint, $2::int, ${RESULT_COLUMNS.map((c) => `r.${c}`).join(', ')} FROM json_to_recordset($3::json) AS r(${RECORD_TYPES})
       ON CONFLICT (run_pk, test_key) DO UPDATE SET ${updates}`,
      [runPk, projectId, JSON.stringify(rows.slice(start, start + BATCH))],
    );
  }
}

const SEVERITY = "ARRAY['passed', 'failed', 'timedout', 'interrupted']";

/** The run's status, times, shard count and counts, from its shards and results as they now are. */
async function recompute(tx: Queryable, runPk: string): Promise<RunRow> {
  const [row] = await tx.query<RunRow>(
    `UPDATE runs SET
       status = s.status, started_at = s.started_at, shards_seen = s.seen,
       complete = s.seen >= runs.shards_expected,
       finished_at = CASE WHEN s.seen >= runs.shards_expected THEN s.ended_at END,
       duration_ms = extract(epoch FROM s.ended_at - s.started_at) * 1000,
       total = c.total, expected = c.expected, unexpected = c.unexpected, flaky = c.flaky, skipped = c.skipped
     FROM (SELECT count(*)::int AS seen, min(started_at) AS started_at,
                  max(started_at + duration_ms * interval '1 millisecond') AS ended_at,
                  (${SEVERITY})[max(array_position(${SEVERITY}, status))] AS status
             FROM run_shards WHERE run_pk = $1) s,
          (SELECT count(*)::int AS total,
                  count(*) FILTER (WHERE outcome = 'expected')::int AS expected,
                  count(*) FILTER (WHERE outcome = 'unexpected')::int AS unexpected,
                  count(*) FILTER (WHERE outcome = 'flaky')::int AS flaky,
                  count(*) FILTER (WHERE outcome = 'skipped')::int AS skipped
             FROM results WHERE run_pk = $1) c
     WHERE runs.id = $1
     RETURNING runs.*`,
    [runPk],
  );
  if (!row) throw new Error(`the run ${runPk} vanished while it was published`);
  return row;
}

function checkShard(payload: RunPublish, runId: string): void {
  if (payload.run_id !== runId) throw new DomainError(400, `the body's run_id ${JSON.stringify(payload.run_id)} is not the run id of the URL, ${JSON.stringify(runId)}`);
  const shard = payload.shard;
  if (shard && shard.current > shard.total) throw new DomainError(400, `shard ${shard.current} of ${shard.total}: the shard number cannot exceed the total`);
  if (Number.isNaN(Date.parse(payload.started_at))) throw new DomainError(400, `started_at ${JSON.stringify(payload.started_at)} is not an ISO 8601 date`);
}

/**
 * Publishes a run or one shard of it into the project (by id or name): shards of one run id merge,
 * the same shard sent again replaces its part. Audited; listeners hear of it once committed.
 */
export async function publishRun(ctx: Context, principal: Principal, projectRef: string, runId: string, payload: RunPublish, log: (message: string) => void = () => undefined): Promise<Run> {
  const project = await projectForRuns(ctx, principal, 'runs:write', projectRef);
  checkShard(payload, runId);
  const shard = payload.shard?.current ?? 1;
  const row = await ctx.db.transaction(async (tx) => {
    // First: a key in another project's store folder refuses the whole publish before anything is written.
    await bindArtifactFolders(tx, project.id, payload);
    const { id, inserted } = await upsertRun(tx, project.id, runId, payload, principal.id);
    await writeResults(tx, id, project.id, await mergedResults(tx, id, inserted, payload));
    const updated = await recompute(tx, id);
    // The last shard in: the project's quality gates judge the whole run (gates-evaluate.ts).
    if (updated.complete) updated.gates = await judgeCompleteRun(tx, ctx, project.name, id, updated);
    await audit(tx, principal, { action: 'run.published', target_type: 'run', target_id: `${project.id}/${runId}`, details: { project: project.name, run_id: runId, shard, shards: payload.shard?.total ?? 1, tests: payload.tests.length, status: payload.status } });
    return updated;
  });
  const run = toRun(row);
  const event: RunPublished = { project, run, shard, finished: run.complete };
  await emitRunPublished(ctx, event, log);
  return run;
}
