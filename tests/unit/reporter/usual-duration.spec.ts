import { test, expect } from '@playwright/test';
// Unit tests of the reporter's internal history and trend modules: imported directly.
import { appendRun, emptyHistory, historyEntry } from '../../../packages/reporter/dist/history.js';
import { trendOf } from '../../../packages/reporter/dist/trend.js';
import type { Outcome, TestSummary } from '../../../packages/reporter/dist/summary.js';
import { fakeTest } from './fake-test.js';

const run = (outcome: Outcome, durationMs: number, key = 'checkout'): TestSummary => fakeTest(key, outcome, durationMs);

function historyOf(...runs: TestSummary[][]) {
  return runs.reduce((history, tests, i) => appendRun(history, new Date(Date.UTC(2026, 0, 1 + i)), tests, 30, 5_000 + i), emptyHistory());
}

test('"vs usual" compares a pass with earlier passes only: a failure that ended in 61 ms is not the usual time', () => {
  // The report once showed ×71.9 in red here: the median took the 61 ms failure in.
  const history = historyOf([run('unexpected', 61)], [run('expected', 4_300)], [run('unexpected', 61)]);
  const entry = historyEntry(run('expected', 4_386), history);
  expect(entry.previousMedianMs).toBe(4_300);
  expect(entry.durationRatio).toBeCloseTo(4_386 / 4_300);
});

test('flaky runs passed in the end: they count as usual times', () => {
  const history = historyOf([run('flaky', 900)], [run('expected', 1_100)], [run('expected', 1_000)]);
  expect(historyEntry(run('expected', 2_000), history)).toMatchObject({ previousMedianMs: 1_000, durationRatio: 2 });
});

test('no earlier pass: no usual time and no ratio', () => {
  const history = historyOf([run('unexpected', 61)], [run('skipped', 0)]);
  const entry = historyEntry(run('expected', 4_000), history);
  expect(entry.previousMedianMs).toBeUndefined();
  expect(entry.durationRatio).toBeUndefined();
});

test('a failing run has the usual time to compare with but no ratio: its time is how long it took to fail', () => {
  const history = historyOf([run('expected', 1_000)]);
  const entry = historyEntry(run('unexpected', 30_000), history);
  expect(entry.previousMedianMs).toBe(1_000);
  expect(entry.durationRatio).toBeUndefined();
});

test('the trend has each run of the history, then this one: pass rate, flaky count, wall time', () => {
  const history = historyOf(
    [run('expected', 100, 'a'), run('unexpected', 50, 'b'), run('skipped', 0, 'c')],
    [run('expected', 100, 'a'), run('flaky', 300, 'b'), run('skipped', 0, 'c')],
  );
  // A run recorded before wall times were kept falls back to its tests' time.
  delete history.runs[0]!.durationMs;
  const trend = trendOf(history, { startTime: new Date(Date.UTC(2026, 0, 9)).toISOString(), durationMs: 777, tests: [run('expected', 100, 'a'), run('expected', 90, 'b')] }, 30);
  expect(trend.map(({ ran, passRate, flaky, durationMs }) => ({ ran, passRate, flaky, durationMs }))).toEqual([
    { ran: 2, passRate: 0.5, flaky: 0, durationMs: 150 },
    { ran: 2, passRate: 1, flaky: 1, durationMs: 5_001 },
    { ran: 2, passRate: 1, flaky: 0, durationMs: 777 },
  ]);
  expect(trendOf(history, { startTime: new Date(0).toISOString(), durationMs: 1, tests: [] }, 2)).toHaveLength(2);
});
