import type { Counts, TestSummary } from './summary.js';

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Counts and duration statistics of a group of tests. */
export function countTests(tests: Iterable<TestSummary>): Counts {
  let total = 0;
  let passed = 0;
  let failed = 0;
  let flaky = 0;
  let skipped = 0;
  let interrupted = 0;
  let timedOut = 0;
  let totalMs = 0;
  const durations: number[] = [];
  for (const test of tests) {
    total++;
    if (test.outcome === 'expected') passed++;
    else if (test.outcome === 'unexpected') failed++;
    else if (test.outcome === 'flaky') flaky++;
    else skipped++;
    // A test in the run that never started was cut off by an interruption (Ctrl-C, maxFailures).
    if (test.status === 'interrupted' || test.status === 'notRun') interrupted++;
    if (test.status === 'timedOut') timedOut++;
    if (test.attempts.length) {
      durations.push(test.durationMs);
      totalMs += test.durationMs;
    }
  }
  // A typed array sorts numbers natively, without a comparator call per comparison.
  const sorted = Float64Array.from(durations).sort();
  const ran = total - skipped;
  return {
    total,
    passed,
    failed,
    flaky,
    skipped,
    interrupted,
    timedOut,
    successRate: ran ? (passed + flaky) / ran : null,
    flakyRate: ran ? flaky / ran : null,
    durationMs: {
      total: totalMs,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p95: percentile(sorted, 95),
      max: sorted.at(-1) ?? 0,
    },
  };
}
