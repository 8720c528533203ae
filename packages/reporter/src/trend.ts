import type { History, HistoryRun } from './history.js';
import type { TestSummary, TrendPoint } from './summary.js';

interface Tally {
  ran: number;
  passed: number;
  flaky: number;
  testMs: number;
}

function point(startTime: string, tally: Tally, wallMs: number | undefined): TrendPoint {
  return {
    startTime,
    ran: tally.ran,
    passRate: tally.ran ? tally.passed / tally.ran : null,
    flaky: tally.flaky,
    durationMs: wallMs ?? tally.testMs,
  };
}

// An earlier run's tally never changes: made once, while the run goes on (`tallyHistory`).
const tallies = new WeakMap<HistoryRun, Tally>();

function tallyRun(run: HistoryRun): Tally {
  const known = tallies.get(run);
  if (known) return known;
  const tally: Tally = { ran: 0, passed: 0, flaky: 0, testMs: 0 };
  for (let i = 0; i < run.codes.length; i++) {
    const code = run.codes[i];
    if (code !== 'e' && code !== 'f' && code !== 'u') continue;
    tally.ran++;
    if (code !== 'u') tally.passed++;
    if (code === 'f') tally.flaky++;
    tally.testMs += run.durations[i] ?? 0;
  }
  tallies.set(run, tally);
  return tally;
}

/** Tallies the history's runs ahead of `trendOf`, which then only adds this run's. */
export function tallyHistory(history: History): void {
  for (const run of history.runs) tallyRun(run);
}

function tallyTests(tests: readonly TestSummary[]): Tally {
  const tally: Tally = { ran: 0, passed: 0, flaky: 0, testMs: 0 };
  for (const test of tests) {
    if (test.outcome === 'skipped') continue;
    tally.ran++;
    if (test.outcome !== 'unexpected') tally.passed++;
    if (test.outcome === 'flaky') tally.flaky++;
    tally.testMs += test.durationMs;
  }
  return tally;
}

/**
 * Pass rate, flaky count and duration of each run in the history, then of this run: what the
 * report's trend charts draw. The history's earlier runs keep at most `maxRuns - 1` of them, as
 * appending this run will.
 */
export function trendOf(history: History, current: { startTime: string; durationMs: number; tests: readonly TestSummary[] }, maxRuns: number): TrendPoint[] {
  const earlier = history.runs.slice(Math.max(0, history.runs.length - (Math.max(1, maxRuns) - 1)));
  return [...earlier.map((run) => point(run.startTime, tallyRun(run), run.durationMs)), point(current.startTime, tallyTests(current.tests), Math.round(current.durationMs))];
}
