import { test, expect } from '@playwright/test';
import type { History } from '@panoptic/model/history';
// Test ordering is decided inside @panoptic/fixtures' config: this unit test imports that module directly.
import { riskiestFirst, riskOf } from '../../../packages/fixtures/src/priority/risk.js';

/** A history of `runs` (oldest first), each a string of outcome codes for keys a, b, c. */
function history(...runs: string[]): History {
  return {
    version: 2,
    keys: ['a › suite.spec.ts › s.yaml › a', 'b › suite.spec.ts › s.yaml › b', 'c › suite.spec.ts › s.yaml › c'],
    runs: runs.map((codes, i) => ({ startTime: new Date(Date.UTC(2026, 0, i + 1)).toISOString(), codes, durations: [1, 1, 1] })),
  };
}

test('a failure counts more the more recent it is; a flaky run half; flips make the flaky score', () => {
  const runs = history('uee', 'efe', 'eeu');
  expect(riskOf(runs, 'a › ', false)).toEqual({ recentFailures: 0.25, flakyScore: 0.333, changed: false, score: 0.583 });
  expect(riskOf(runs, 'b › ', false)).toEqual({ recentFailures: 0.25, flakyScore: 0.667, changed: false, score: 0.917 });
  expect(riskOf(runs, 'c › ', false)).toEqual({ recentFailures: 1, flakyScore: 0.333, changed: false, score: 1.333 });
  // A change since HEAD outweighs two recent failures; no history at all is no risk.
  expect(riskOf(undefined, 'a › ', true).score).toBe(2);
  expect(riskOf(runs, 'nobody › ', false).score).toBe(0);
});

test('riskiest first, ties in their original order', () => {
  const scores: Record<string, number> = { a: 0, b: 1, c: 0, d: 2 };
  expect(riskiestFirst(['a', 'b', 'c', 'd'], (key) => scores[key]!)).toEqual(['d', 'b', 'a', 'c']);
});
