import { test, expect } from '@playwright/test';
import type { PublishedTest } from '@panoptic/model/run-publish';
import { combineOutcomes, combineStatuses, mergeResult } from '../../../packages/server/dist/domain/runs-merge.js';

function sent(outcome: PublishedTest['outcome'], attempts: { status: 'passed' | 'failed'; at: string; error?: string }[]): PublishedTest {
  return {
    key: 'chromium › a.spec.ts › works',
    title: 'works',
    title_path: ['works'],
    project: 'chromium',
    file: 'a.spec.ts',
    line: 3,
    outcome,
    duration_ms: 0,
    attempts: attempts.map((a, retry) => ({ retry, status: a.status, duration_ms: 10, start_time: a.at, ...(a.error ? { error: a.error, category: 'assertion-mismatch' } : {}) })),
    category: outcome === 'unexpected' ? 'assertion-mismatch' : undefined,
    artifacts: [{ name: 'screenshot', kind: 'screenshot', content_type: 'image/png', retry: 0, key: 'p/r/1/s.png' }],
  };
}

test('outcomes over shards: skipped counts for nothing, a pass and a failure make flaky', () => {
  expect(combineOutcomes([])).toBe('skipped');
  expect(combineOutcomes(['skipped', 'expected'])).toBe('expected');
  expect(combineOutcomes(['unexpected', 'unexpected'])).toBe('unexpected');
  expect(combineOutcomes(['expected', 'unexpected'])).toBe('flaky');
  expect(combineOutcomes(['flaky', 'expected'])).toBe('flaky');
  expect(combineStatuses(['passed', 'timedout', 'failed'])).toBe('timedout');
  expect(combineStatuses([])).toBe('passed');
});

test('a test in two shards keeps both attempts in start order; sending a shard again replaces its part', () => {
  const first = mergeResult(undefined, sent('unexpected', [{ status: 'failed', at: '2026-01-01T00:00:05Z', error: 'boom' }]), 2);
  const both = mergeResult(first, sent('expected', [{ status: 'passed', at: '2026-01-01T00:00:01Z' }]), 1);
  expect(both.attempts.map((a) => [a.shard, a.status])).toEqual([[1, 'passed'], [2, 'failed']]);
  expect(both.artifacts.map((a) => a.shard)).toEqual([2, 1]);
  expect(both).toMatchObject({ outcome: 'flaky', duration_ms: 20, error: 'boom', category: 'assertion-mismatch', shard_outcomes: { 1: 'expected', 2: 'unexpected' } });

  const again = mergeResult(both, sent('expected', [{ status: 'passed', at: '2026-01-01T00:00:01Z' }]), 1);
  expect(again).toEqual(both);
  const fixed = mergeResult(both, sent('expected', [{ status: 'passed', at: '2026-01-01T00:00:06Z' }]), 2);
  expect(fixed).toMatchObject({ outcome: 'expected', error: null, category: null });
  expect(fixed.attempts.map((a) => a.shard)).toEqual([1, 2]);
});
