/**
 * Analytics over the runs kept in a store: what the `cloud_analytics` action writes as JSON.
 *
 * The input is parsed `summary.json` files of Panoptic's reporter (version 1). This package must not
 * depend on the reporter, so the few fields read here are checked here, and a summary that lacks one
 * is rejected with its index and the key path, rather than counted as zero.
 */

/** The newest summary.json version this module reads. */
export const ANALYTICS_SUMMARY_VERSION = 2;
/**
 * Every summary.json version this module reads: version 2 changed only `uploads` and artifact
 * paths, none of the fields read here, so a store holding runs of both versions is analysed whole.
 */
export const ANALYTICS_SUMMARY_VERSIONS: readonly number[] = [1, 2];

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one summary's fields, or adds what is wrong with it to `problems`. */
function readSummary(value: unknown, at: string, problems: string[]): RunFacts | undefined {
  const before = problems.length;
  const problem = (path: string, expected: string, got: unknown): void => {
    const shown = got === undefined ? 'nothing' : Array.isArray(got) ? 'an array' : got === null ? 'null' : typeof got;
    problems.push(`${at}${path}: expected ${expected}, got ${shown}`);
  };
  const count = (record: Record<string, unknown>, key: string, path: string): number => {
    const found = record[key];
    if (typeof found === 'number' && Number.isInteger(found) && found >= 0) return found;
    problem(`${path}.${key}`, 'a whole number >= 0', found);
    return 0;
  };
  const duration = (record: Record<string, unknown>, key: string, path: string): number => {
    const found = record[key];
    if (typeof found === 'number' && Number.isFinite(found) && found >= 0) return found;
    problem(`${path}.${key}`, 'a duration in ms >= 0', found);
    return 0;
  };

  if (!isRecord(value)) {
    problem('', 'a parsed summary.json object', value);
    return undefined;
  }
  if (typeof value.version !== 'number' || !ANALYTICS_SUMMARY_VERSIONS.includes(value.version)) {
    problems.push(
      `${at}.version: expected ${ANALYTICS_SUMMARY_VERSIONS.join(' or ')} (summary.json of this Panoptic version), got ${JSON.stringify(value.version) ?? 'nothing'}`,
    );
    return undefined;
  }

  let startTime = '';
  let durationMs = 0;
  if (isRecord(value.run)) {
    const start = value.run.startTime;
    if (typeof start === 'string' && !Number.isNaN(Date.parse(start))) startTime = new Date(start).toISOString();
    else problem('.run.startTime', 'an ISO 8601 date', start);
    durationMs = duration(value.run, 'durationMs', '.run');
  } else {
    problem('.run', 'an object', value.run);
  }

  const counts = { total: 0, passed: 0, failed: 0, flaky: 0, skipped: 0 };
  if (isRecord(value.totals)) {
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = count(value.totals, key, '.totals');
  } else {
    problem('.totals', 'an object', value.totals);
  }

  const tests: RunFacts['tests'] = [];
  if (Array.isArray(value.tests)) {
    value.tests.forEach((test: unknown, i) => {
      const path = `.tests[${i}]`;
      if (!isRecord(test)) return problem(path, 'an object', test);
      if (typeof test.key !== 'string') return problem(`${path}.key`, 'a string', test.key);
      const ms = duration(test, 'durationMs', path);
      // A test that never started (skipped, cut off) has no attempts and no meaningful duration.
      const ran = Array.isArray(test.attempts) ? test.attempts.length > 0 : test.outcome !== 'skipped';
      tests.push({ key: test.key, durationMs: ms, ran });
    });
  } else {
    problem('.tests', 'an array', value.tests);
  }

  const failures: RunFacts['failures'] = [];
  if (Array.isArray(value.failures)) {
    value.failures.forEach((group: unknown, i) => {
      const path = `.failures[${i}]`;
      if (!isRecord(group)) return problem(path, 'an object', group);
      if (typeof group.kind !== 'string') return problem(`${path}.kind`, 'a string', group.kind);
      const n = count(group, 'count', path);
      failures.push({ kind: group.kind, count: n, sample: typeof group.sample === 'string' ? group.sample : '' });
    });
  } else {
    problem('.failures', 'an array', value.failures);
  }

  return problems.length === before ? { startTime, durationMs, counts, tests, failures } : undefined;
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
  const runs = summaries.map((summary, i) => readSummary(summary, `summaries[${i}]`, problems));
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
