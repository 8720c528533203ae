import { test, expect } from '@playwright/test';
// Unit tests of the reporter's internal modules (aggregation, failures, history, stats): imported directly.
import { aggregate } from '../../../packages/reporter/dist/aggregate.js';
import { errorKindOf } from '../../../packages/reporter/dist/failure.js';
import { appendRun, emptyHistory, historyEntry, medianDurations } from '../../../packages/reporter/dist/history.js';
import { countTests, percentile } from '../../../packages/reporter/dist/stats.js';
import { summarySchema } from '../../../packages/reporter/dist/summary.js';
import { fakeTest } from './fake-test.js';

const RUN = {
  status: 'failed' as const,
  startTime: new Date(0),
  durationMs: 1000,
  playwrightVersion: '1.65.1',
  workers: 2,
  shard: null,
  errors: [],
};

test('percentiles use the nearest rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentile(values, 50)).toBe(50);
  expect(percentile(values, 90)).toBe(90);
  expect(percentile(values, 95)).toBe(95);
  expect(percentile([7], 95)).toBe(7);
  expect(percentile([], 50)).toBe(0);
});

test('counts: flaky passes count as successes, skipped tests leave the rates, never-run tests are interrupted', () => {
  const counts = countTests([
    fakeTest('a', 'expected', 100),
    fakeTest('b', 'flaky', 300),
    fakeTest('c', 'unexpected', 200, { status: 'timedOut' }),
    fakeTest('d', 'skipped', 0),
    fakeTest('e', 'skipped', 0, { status: 'notRun', attempts: [] }),
  ]);
  expect(counts).toMatchObject({ total: 5, passed: 1, flaky: 1, failed: 1, skipped: 2, timedOut: 1, interrupted: 1 });
  expect(counts.successRate).toBeCloseTo(2 / 3);
  expect(counts.flakyRate).toBeCloseTo(1 / 3);
  expect(counts.durationMs).toEqual({ total: 600, p50: 100, p90: 300, p95: 300, max: 300 });
  expect(countTests([]).successRate).toBeNull();
});

test("error kinds are @panoptic/ai's categories, most specific first, with a confidence", () => {
  const kind = (message: string) => errorKindOf(message).kind;
  expect(kind("TimeoutError: locator.click: Timeout 1000ms exceeded.\nCall log:\n  - waiting for locator('#x')")).toBe('locator-not-found');
  expect(kind('page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/')).toBe('network');
  expect(kind('Error: expect(received).toBe(expected)')).toBe('assertion-mismatch');
  expect(kind('Test timeout of 500ms exceeded.')).toBe('test-timeout');
  expect(kind('NotAvailableError: settings.cloud: not available yet in Panoptic')).toBe('environment');
  expect(kind('something odd')).toBe('unknown');
  const { confidence } = errorKindOf("Error: locator.click: strict mode violation: locator('button') resolved to 3 elements");
  expect(confidence).toBeGreaterThan(0.5);
  expect(confidence).toBeLessThanOrEqual(1);
});

test('aggregate groups by project, app and file, lists slowest and flaky, groups failures by kind', () => {
  const failing = fakeTest('f', 'unexpected', 50, { app: 'shop', file: 'b.spec.ts' });
  failing.attempts[0]!.errors = [{ message: 'Error: expect(received).toBe(expected)\nmore', kind: 'assertion-mismatch', confidence: 0.9 }];
  const summary = aggregate(
    [fakeTest('a', 'expected', 10, { app: 'shop' }), fakeTest('b', 'flaky', 900, { project: 'q' }), failing],
    RUN,
    { slowest: 2, now: new Date(0) },
  );
  expect(() => summarySchema.parse(summary)).not.toThrow();
  expect(summary.projects.map((g) => [g.name, g.total])).toEqual([['p', 2], ['q', 1]]);
  expect(summary.apps.map((g) => [g.name, g.total, g.failed])).toEqual([['shop', 2, 1]]);
  expect(summary.files.map((g) => g.name)).toEqual(['a.spec.ts', 'b.spec.ts']);
  expect(summary.slowest).toEqual(['b', 'f']);
  expect(summary.flaky).toEqual(['b']);
  expect(summary.failures).toEqual([{ kind: 'assertion-mismatch', count: 1, tests: ['f'], sample: 'Error: expect(received).toBe(expected)' }]);
});

test('history: flaky score, newly failing and fixed, duration trend, bounded runs', () => {
  let history = emptyHistory();
  history = appendRun(history, new Date(1), [fakeTest('x', 'expected', 100), fakeTest('y', 'unexpected', 100)]);
  history = appendRun(history, new Date(2), [fakeTest('x', 'expected', 300), fakeTest('y', 'unexpected', 100)]);
  const x = historyEntry(fakeTest('x', 'unexpected', 400), history);
  expect(x).toMatchObject({ runs: 3, newlyFailing: true, newlyFixed: false, previousOutcome: 'expected', previousMedianMs: 100 });
  expect(x.flakyScore).toBeCloseTo(1 / 3);
  // This run failed: how long a failure took says nothing against the usual time.
  expect(x.durationRatio).toBeUndefined();
  const y = historyEntry(fakeTest('y', 'expected', 100), history);
  expect(y).toMatchObject({ newlyFixed: true, newlyFailing: false });
  const fresh = historyEntry(fakeTest('new', 'expected', 5), history);
  expect(fresh).toEqual({ runs: 1, flakyScore: 0, newlyFailing: false, newlyFixed: false });
  const bounded = appendRun(history, new Date(3), [fakeTest('x', 'expected', 1)], 2);
  expect(bounded.runs.map((run) => run.startTime)).toEqual([new Date(2).toISOString(), new Date(3).toISOString()]);
  expect(medianDurations(history).get('p › a.spec.ts › x')).toBe(100);
  // Run 2, still kept, has y; with only the newest run kept, y is in no run and its key leaves the file.
  expect(bounded.keys).toEqual(['p › a.spec.ts › x', 'p › a.spec.ts › y']);
  expect(appendRun(history, new Date(3), [fakeTest('x', 'expected', 1)], 1).keys).toEqual(['p › a.spec.ts › x']);
});

test('history stores repeats of a test as one entry: the worst outcome and their time together', () => {
  const repeats = [fakeTest('r', 'expected', 10), { ...fakeTest('r', 'unexpected', 20), key: 'r [repeat 2]', repeat: 1 }, { ...fakeTest('r', 'expected', 30), key: 'r [repeat 3]', repeat: 2 }];
  const history = appendRun(emptyHistory(), new Date(1), repeats);
  expect(history.keys).toEqual(['p › a.spec.ts › r']);
  expect(history.runs[0]).toMatchObject({ codes: 'u', durations: [60] });
});
