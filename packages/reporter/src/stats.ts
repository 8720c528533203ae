import type { Counts, TestSummary } from './summary.js';

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Counts and durations of a group of tests, added one test at a time: the run's totals and every
 * project, app and file group fill in one pass over the tests instead of one pass (and one list of
 * members) per grouping.
 */
export class Tally {
  private total = 0;
  private passed = 0;
  private failed = 0;
  private flaky = 0;
  private skipped = 0;
  private interrupted = 0;
  private timedOut = 0;
  private totalMs = 0;
  private readonly durations: number[] = [];

  add(test: TestSummary): void {
    this.total++;
    if (test.outcome === 'expected') this.passed++;
    else if (test.outcome === 'unexpected') this.failed++;
    else if (test.outcome === 'flaky') this.flaky++;
    else this.skipped++;
    // A test in the run that never started was cut off by an interruption (Ctrl-C, maxFailures).
    if (test.status === 'interrupted' || test.status === 'notRun') this.interrupted++;
    if (test.status === 'timedOut') this.timedOut++;
    if (test.attempts.length) {
      this.durations.push(test.durationMs);
      this.totalMs += test.durationMs;
    }
  }

  counts(): Counts {
    // A typed array sorts numbers natively, without a comparator call per comparison.
    const sorted = Float64Array.from(this.durations).sort();
    const { total, passed, failed, flaky, skipped, interrupted, timedOut } = this;
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
        total: this.totalMs,
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p95: percentile(sorted, 95),
        max: sorted.at(-1) ?? 0,
      },
    };
  }
}

/** Counts and duration statistics of a group of tests. */
export function countTests(tests: Iterable<TestSummary>): Counts {
  const tally = new Tally();
  for (const test of tests) tally.add(test);
  return tally.counts();
}
