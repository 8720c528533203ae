import { evaluateGates, type GatePreviousRun, type GatesResult } from '@panoptic/model/gates';
import type { Queryable } from '../db/database.js';
import type { Context } from './context.js';
import { modelGates, projectGates } from './gates.js';
import { queueSlackNotification } from './notify-slack.js';
import { toRun, type RunRow } from './runs-read.js';

// A complete run judged by the project's gates, with the model function the reporter uses locally,
// against the previous finished run of the project (of the same branch when the run has one). Runs
// inside the publish transaction, so the verdict is stored with the run it judges.

const FAILING = `SELECT test_key FROM results WHERE run_pk = $1 AND outcome = 'unexpected'`;

/** The finished run before this one (by start time) of its project, and of its branch when it has one. */
async function previousRun(q: Queryable, runPk: string, row: RunRow): Promise<GatePreviousRun | undefined> {
  const [previous] = await q.query<{ id: string; started_at: Date | string }>(
    `SELECT id::text, started_at FROM runs
      WHERE project_id = $1 AND complete AND id <> $2 AND started_at < $3 AND ($4::text IS NULL OR branch = $4)
      ORDER BY started_at DESC, id DESC LIMIT 1`,
    [row.project_id, runPk, row.started_at, row.branch],
  );
  if (!previous) return undefined;
  const failing = await q.query<{ test_key: string }>(FAILING, [previous.id]);
  return { startTime: new Date(previous.started_at).toISOString(), failing: new Set(failing.map((r) => r.test_key)) };
}

/**
 * Judges the complete run `runPk` and stores the verdicts on it. With no gate set the result still
 * lists the new failures (gates empty, passed), which the notification needs. A quarantined test's
 * failure is known and accepted: it is not a new failure, as the reporter counts it.
 */
export async function evaluateRunGates(q: Queryable, runPk: string, row: RunRow): Promise<GatesResult> {
  const gates = modelGates(await projectGates(q, row.project_id)) ?? {};
  const failing = await q.query<{ test_key: string }>(
    `${FAILING} AND test_key NOT IN (SELECT test_key FROM quarantine WHERE project_id = $2 AND expires_at > now())`,
    [runPk, row.project_id],
  );
  const totals = { total: row.total, passed: row.expected, failed: row.unexpected, flaky: row.flaky, skipped: row.skipped };
  const result = evaluateGates(gates, { totals, durationMs: Number(row.duration_ms), failing: failing.map((r) => r.test_key) }, await previousRun(q, runPk, row));
  await q.query('UPDATE runs SET gates = $2 WHERE id = $1', [runPk, result]);
  return result;
}

/**
 * The verdicts of a run that is now complete, stored on it. Judged again when a shard of a complete
 * run is sent again (its results changed), but notified only the first time, when it became complete.
 */
export async function judgeCompleteRun(q: Queryable, ctx: Context, project: string, runPk: string, row: RunRow): Promise<GatesResult> {
  const first = row.gates === null;
  const result = await evaluateRunGates(q, runPk, row);
  if (first) await queueSlackNotification(q, ctx, project, toRun({ ...row, gates: result }), result);
  return result;
}
