import { SUMMARY_FACTS_VERSIONS, SUMMARY_VERSION, readSummaryFacts } from '@panoptic/model/summary';

/**
 * Analytics over the runs kept in a store: what the `cloud_analytics` action writes as JSON.
 *
 * The input is parsed `summary.json` files of Panoptic's reporter, checked against the run facts of
 * summary.json's schema in @panoptic/model; a summary that lacks one is rejected with its index and
 * the key path, rather than counted as zero.
 */

/** The newest summary.json version this module reads. */
export const ANALYTICS_SUMMARY_VERSION = SUMMARY_VERSION;
/** Every summary.json version this module reads: a store holding runs of several versions is analysed whole. */
export const ANALYTICS_SUMMARY_VERSIONS: readonly number[] = SUMMARY_FACTS_VERSIONS;

export interface AnalyticsTotals {
  /** Tests over all runs (a test present in three runs counts three times). */
  tests: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
  /** Sum of the runs' wall times. */
  durationMs: number;
}

export interface SlowTest {
  /** The reporter's stable test key (project, file, title path). */
  key: string;
  /** Mean duration (all attempts added up) over the runs in which the test ran. */
  durationMs: number;
  /** Runs in which the test ran. */
  runs: number;
}

export interface FailurePattern {
  /** The reporter's error kind: timeout, assertion, locator, navigation, … */
  kind: string;
  /** Failed tests of this kind, over all runs. */
  count: number;
  /** One message of this kind, from the most recent run that had one. */
  sample: string;
}

export interface RunAnalytics {
  runs: number;
  /** Start of the earliest and latest run, ISO 8601; null without runs. */
  firstRunAt: string | null;
  lastRunAt: string | null;
  totals: AnalyticsTotals;
  /** (passed + flaky) / (tests - skipped) over all runs, as the reporter counts it; null when nothing ran. */
  successRate: number | null;
  /** flaky / (tests - skipped) over all runs; null when nothing ran. */
  flakyRate: number | null;
  /** Mean wall time of a run; null without runs. */
  averageDurationMs: number | null;
  slowestTests: SlowTest[];
  failurePatterns: FailurePattern[];
  /** What the store holds, when the caller listed it; null otherwise. */
  storage: { objects: number; bytes: number } | null;
}

export interface AnalyticsOptions {
  /** How many slowest tests to list (10). */
  slowest?: number;
}

/** Thrown when a summary lacks a field analytics reads; lists every problem of every summary. */
export class SummaryShapeError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the summaries given to analytics:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SummaryShapeError';
  }
}

interface RunFacts {
  startTime: string;
  durationMs: number;
  counts: { total: number; passed: number; failed: number; flaky: number; skipped: number };
  tests: { key: string; durationMs: number; ran: boolean }[];
  failures: { kind: string; count: number; sample: string }[];
}

/** Reads one summary's facts, or adds what is wrong with it to `problems`. */
function readRun(value: unknown, at: string, problems: string[]): RunFacts | undefined {
  try {
    const summary = readSummaryFacts(value, at);
    return {
      startTime: new Date(summary.run.startTime).toISOString(),
      durationMs: summary.run.durationMs,
      counts: summary.totals,
      // A test that never started (skipped, cut off) has no attempts and no meaningful duration.
      tests: summary.tests.map((test) => ({ key: test.key, durationMs: test.durationMs, ran: test.attempts ? test.attempts.length > 0 : test.outcome !== 'skipped' })),
      failures: summary.failures,
    };
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Success rate, durations, slowest tests and failure patterns over a set of runs' summaries, plus
 * what the store holds. Runs may come in any order; "most recent" is by `run.startTime`.
 * Throws a SummaryShapeError, listing every problem, when any summary lacks a field read here.
 */
export function runAnalytics(
  summaries: unknown[],
  storage?: { objects: number; bytes: number },
  options: AnalyticsOptions = {},
): RunAnalytics {
  const problems: string[] = [];
  const runs = summaries.map((summary, i) => readRun(summary, `summaries[${i}]`, problems));
  if (problems.length) throw new SummaryShapeError(problems);
  const facts = (runs as RunFacts[]).sort((a, b) => a.startTime.localeCompare(b.startTime));

  const totals: AnalyticsTotals = { tests: 0, passed: 0, failed: 0, flaky: 0, skipped: 0, durationMs: 0 };
  const perTest = new Map<string, { totalMs: number; runs: number }>();
  const patterns = new Map<string, FailurePattern>();
  for (const run of facts) {
    totals.tests += run.counts.total;
    totals.passed += run.counts.passed;
    totals.failed += run.counts.failed;
    totals.flaky += run.counts.flaky;
    totals.skipped += run.counts.skipped;
    totals.durationMs += run.durationMs;
    for (const test of run.tests) {
      if (!test.ran) continue;
      const entry = perTest.get(test.key) ?? { totalMs: 0, runs: 0 };
      entry.totalMs += test.durationMs;
      entry.runs++;
      perTest.set(test.key, entry);
    }
    // Runs are in time order, so a later run's sample replaces an earlier one's.
    for (const failure of run.failures) {
      const pattern = patterns.get(failure.kind) ?? { kind: failure.kind, count: 0, sample: '' };
      pattern.count += failure.count;
      if (failure.sample) pattern.sample = failure.sample;
      patterns.set(failure.kind, pattern);
    }
  }

  const ran = totals.tests - totals.skipped;
  const slowestTests = [...perTest]
    .map(([key, entry]) => ({ key, durationMs: round(entry.totalMs / entry.runs, 1), runs: entry.runs }))
    .sort((a, b) => b.durationMs - a.durationMs || a.key.localeCompare(b.key))
    .slice(0, options.slowest ?? 10);
  const failurePatterns = [...patterns.values()]
    .filter((pattern) => pattern.count > 0)
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));

  return {
    runs: facts.length,
    firstRunAt: facts[0]?.startTime ?? null,
    lastRunAt: facts.at(-1)?.startTime ?? null,
    totals,
    successRate: ran > 0 ? (totals.passed + totals.flaky) / ran : null,
    flakyRate: ran > 0 ? totals.flaky / ran : null,
    averageDurationMs: facts.length ? round(totals.durationMs / facts.length, 1) : null,
    slowestTests,
    failurePatterns,
    storage: storage ? { objects: storage.objects, bytes: storage.bytes } : null,
  };
}
