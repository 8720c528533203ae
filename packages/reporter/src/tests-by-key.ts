import type { TestSummary } from './summary.js';

/**
 * The tests of the given keys, by key, found in one pass over the run's tests. The outputs list a
 * few tests per section (the first failures of each kind, flaky, slowest): a map of every key of a
 * 100,000-test run, made only to look those up, cost more than the lists. As a map of all tests
 * would, a key held by two tests gives the later one.
 */
export function testsByKey(tests: readonly TestSummary[], keys: Iterable<string>): Map<string, TestSummary> {
  const wanted = new Set(keys);
  const found = new Map<string, TestSummary>();
  if (!wanted.size) return found;
  for (const test of tests) if (wanted.has(test.key)) found.set(test.key, test);
  return found;
}
