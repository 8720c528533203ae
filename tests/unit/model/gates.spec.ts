import { test, expect } from '@playwright/test';
import { evaluateGates, gateSeconds, newFailures, qualityGatesSchema, type GateRun } from '@panoptic/model/gates';

// 50 tests: 2 skipped, 45 passed, 2 flaky, 1 failed, in 12.5 s: 47 of 48 ran tests passed.
const RUN: GateRun = { totals: { total: 50, passed: 45, failed: 1, flaky: 2, skipped: 2 }, durationMs: 12_500, failing: ['a › breaks'] };
const PREVIOUS = { startTime: '2026-12-01T10:00:00.000Z', failing: new Set(['a › was broken']) };

test('each gate with its verdict and numbers, failed ones saying how they compare', () => {
  const result = evaluateGates({ min_pass_rate: 99, max_new_failures: 0, max_flaky_rate: 5, max_duration: 10 }, RUN, PREVIOUS);
  expect(result.passed).toBe(false);
  expect(result.gates.map(({ gate, passed, message }) => [gate, passed, message])).toEqual([
    ['min_pass_rate', false, 'min_pass_rate: 97.9% < 99%'],
    ['max_new_failures', false, 'max_new_failures: 1 > 0'],
    ['max_flaky_rate', true, 'max_flaky_rate: 4.2% <= 5%'],
    ['max_duration', false, 'max_duration: 12.5s > 10s'],
  ]);
  expect(result.gates[0]).toMatchObject({ actual: (47 / 48) * 100, limit: 99, unit: '%' });
  expect(result.gates[3]).toMatchObject({ actual: 12.5, limit: 10, unit: 's' });
  expect(result.newFailures).toEqual(['a › breaks']);
  expect(result.previousRun).toBe(PREVIOUS.startTime);
});

test('gates at their limit pass; unset gates are not listed', () => {
  const result = evaluateGates({ min_pass_rate: (47 / 48) * 100, max_duration: '12.5s' }, RUN, PREVIOUS);
  expect(result.passed).toBe(true);
  expect(result.gates.map((gate) => gate.gate)).toEqual(['min_pass_rate', 'max_duration']);
  expect(result.gates[1]!.message).toBe('max_duration: 12.5s <= 12.5s');
});

test('a new failure is one that did not fail in the previous run; with no previous run every failure is new', () => {
  const previous = { startTime: PREVIOUS.startTime, failing: new Set(['a › breaks']) };
  expect(evaluateGates({ max_new_failures: 0 }, RUN, previous)).toMatchObject({ passed: true, newFailures: [] });
  // Repeats of a test share a key: one new failure, not two.
  expect(newFailures(['x', 'x', 'a › breaks'], previous)).toEqual(['x']);
  expect(evaluateGates({ max_new_failures: 0 }, RUN, undefined)).toMatchObject({ passed: false, newFailures: ['a › breaks'], previousRun: null });
});

test('rates of a run where nothing ran pass, saying so', () => {
  const result = evaluateGates({ min_pass_rate: 100, max_flaky_rate: 0 }, { totals: { total: 3, passed: 0, failed: 0, flaky: 0, skipped: 3 }, durationMs: 0, failing: [] }, undefined);
  expect(result.gates.map((gate) => [gate.passed, gate.actual, gate.message])).toEqual([
    [true, null, 'min_pass_rate: no test ran'],
    [true, null, 'max_flaky_rate: no test ran'],
  ]);
});

test('max_duration takes seconds or a duration with a unit', () => {
  expect([gateSeconds(90), gateSeconds('90s'), gateSeconds('15m'), gateSeconds('1.5h'), gateSeconds('1d')]).toEqual([90, 90, 900, 5400, 86_400]);
  expect(evaluateGates({ max_duration: '1m' }, { ...RUN, durationMs: 65_200 }, undefined).gates[0]!.message).toBe('max_duration: 65.2s > 1m');
});

test('the settings schema refuses wrong values, unknown keys and a webhook URL in the suite', () => {
  const issues = (value: unknown) => qualityGatesSchema.safeParse(value).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  expect(issues({ min_pass_rate: 95, max_new_failures: 0, max_flaky_rate: 2.5, max_duration: '10m', notify: { webhook_url_env: 'SLACK_URL' } })).toBeUndefined();
  expect(issues({ min_pass_rate: 150 })).toEqual(['min_pass_rate: Too big: expected number to be <=100']);
  expect(issues({ max_duration: '10 minutes' })).toEqual(['max_duration: expected seconds (a number) or a duration with a unit, such as "90s", "15m", "1.5h" or "1d"']);
  expect(issues({ max_new_failures: 1.5 })).toEqual(['max_new_failures: Invalid input: expected int, received number']);
  expect(issues({ min_pass: 95 })?.[0]).toContain('Unrecognized key');
  const secret = issues({ notify: { webhook_url_env: 'SLACK_URL', webhook_url: 'https://hooks.slack.com/services/T/B/secret' } });
  expect(secret).toEqual(['notify.webhook_url: a webhook URL is a secret and never goes in a suite: put it in an environment variable and name that variable in quality_gates.notify.webhook_url_env']);
});
