import { test, expect } from '@playwright/test';
import { aggregate } from '@panoptic/reporter';
// Internal modules of the reporter: imported directly.
import { RunQuarantine } from '../../../packages/reporter/dist/quarantine.js';
import { RunGates } from '../../../packages/reporter/dist/gates.js';
import { fakeTest } from './fake-test.js';

const RUN = { status: 'failed' as const, startTime: new Date(0), durationMs: 10, playwrightVersion: '1.65.1', workers: 1, shard: null, errors: [] };
const QUARANTINED = { annotations: [{ type: 'quarantined', description: 'known outage (until 2027-01-01T00:00:00.000Z)' }] };

test('a failed run passes only when every failed test is quarantined and nothing else went wrong', () => {
  // No server configured: nothing is fetched; the verdict reads the annotations only.
  const quarantine = new RunQuarantine(false, [], '.', () => {});
  const ok = fakeTest('ok', 'expected', 1);
  const known = fakeTest('known', 'unexpected', 1, QUARANTINED);
  const other = fakeTest('other', 'unexpected', 1);
  expect(quarantine.conclude(aggregate([ok, known], RUN), 'failed')).toBe('passed');
  expect(quarantine.conclude(aggregate([ok, known, other], RUN), 'failed')).toBe('failed');
  // An error outside the tests, an interrupted run or a timed-out one is never forgiven.
  expect(quarantine.conclude(aggregate([known], { ...RUN, errors: [{ message: 'global setup failed', kind: 'unknown', confidence: 0 }] }), 'failed')).toBe('failed');
  expect(quarantine.conclude(aggregate([known], RUN), 'timedout')).toBe('timedout');
  expect(quarantine.conclude(aggregate([ok], { ...RUN, status: 'passed' }), 'passed')).toBe('passed');
  expect(quarantine.conclude(undefined, 'failed')).toBe('failed');
});

test('a quarantined failure is not a new failure for the quality gates', async () => {
  const tests = [fakeTest('known', 'unexpected', 1, QUARANTINED), fakeTest('other', 'unexpected', 1)];
  const gates = new RunGates({ max_new_failures: 0 }, [], () => {});
  expect(await gates.evaluate(aggregate(tests, RUN), tests, undefined)).toMatchObject({ passed: false, newFailures: ['p › a.spec.ts › other'] });
});
