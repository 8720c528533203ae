import type { PublishedArtifact, PublishedAttempt, PublishedTest } from '@panoptic/model/run-publish';

// How what a shard sends combines with what the run already holds. Each attempt and artifact keeps
// the shard it came from, and each shard's outcome is kept per test: sending a shard again replaces
// exactly its part, so a re-send changes nothing, and a test that ran in two shards keeps both
// shards' attempts, in the order they started.

export type Outcome = PublishedTest['outcome'];
export type RunStatus = 'passed' | 'failed' | 'timedout' | 'interrupted';

export interface StoredAttempt extends PublishedAttempt {
  shard: number;
}

export interface StoredArtifact extends PublishedArtifact {
  shard: number;
}

/** One test of one run as the results table holds it. */
export interface ResultRow {
  test_key: string;
  title: string;
  title_path: string[];
  test_project: string;
  file: string;
  line: number;
  outcome: Outcome;
  duration_ms: number;
  error: string | null;
  category: string | null;
  attempts: StoredAttempt[];
  artifacts: StoredArtifact[];
  /** Each shard's outcome of the test, by shard number. */
  shard_outcomes: Record<string, Outcome>;
}

/**
 * The outcome of a test over its shards' outcomes, as Playwright judges retries: skipped when it ran
 * nowhere, flaky when it both passed and failed (or was flaky somewhere), else its one verdict.
 */
export function combineOutcomes(outcomes: readonly Outcome[]): Outcome {
  const ran = outcomes.filter((outcome) => outcome !== 'skipped');
  if (ran.length === 0) return 'skipped';
  if (ran.every((outcome) => outcome === 'expected')) return 'expected';
  if (ran.every((outcome) => outcome === 'unexpected')) return 'unexpected';
  return 'flaky';
}

const SEVERITY: readonly RunStatus[] = ['passed', 'failed', 'timedout', 'interrupted'];

/** A run's status over its shards': the worst of them. */
export function combineStatuses(statuses: readonly RunStatus[]): RunStatus {
  return statuses.reduce<RunStatus>((worst, status) => (SEVERITY.indexOf(status) > SEVERITY.indexOf(worst) ? status : worst), 'passed');
}

/** `test` as sent by `shard`, merged into what the run holds for it (nothing when first seen). */
export function mergeResult(existing: ResultRow | undefined, test: PublishedTest, shard: number): ResultRow {
  const attempts = [
    ...(existing?.attempts.filter((attempt) => attempt.shard !== shard) ?? []),
    ...test.attempts.map((attempt) => ({ ...attempt, shard })),
  ].sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time) || a.shard - b.shard || a.retry - b.retry);
  const artifacts = [...(existing?.artifacts.filter((artifact) => artifact.shard !== shard) ?? []), ...test.artifacts.map((artifact) => ({ ...artifact, shard }))];
  const shardOutcomes = { ...existing?.shard_outcomes, [String(shard)]: test.outcome };
  const outcome = combineOutcomes(Object.values(shardOutcomes));
  const failed = attempts.filter((attempt) => attempt.error !== undefined).at(-1);
  const category = outcome === 'unexpected' || outcome === 'flaky' ? (failed?.category ?? test.category ?? null) : null;
  return {
    test_key: test.key,
    title: test.title,
    title_path: test.title_path,
    test_project: test.project,
    file: test.file,
    line: test.line,
    outcome,
    duration_ms: attempts.reduce((sum, attempt) => sum + attempt.duration_ms, 0),
    error: outcome === 'expected' || outcome === 'skipped' ? null : (failed?.error ?? null),
    category,
    attempts,
    artifacts,
    shard_outcomes: shardOutcomes,
  };
}
