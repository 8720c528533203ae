import { test, expect } from '@playwright/test';
import { SUMMARY_VERSION, readSummary, readSummaryFacts } from '@panoptic/model/summary';
import { aggregate } from '@panoptic/reporter';

const RUN = { status: 'passed' as const, startTime: new Date(0), durationMs: 1000, playwrightVersion: '1.65.1', workers: 1, shard: null, errors: [] };

function written(): Record<string, unknown> {
  // What the reporter writes, through JSON as a reader gets it.
  return JSON.parse(JSON.stringify(aggregate([], RUN, { now: new Date(0) }))) as Record<string, unknown>;
}

test('summary.json as the reporter writes it parses', () => {
  const summary = readSummary(written(), 'out/summary.json');
  expect(summary.version).toBe(SUMMARY_VERSION);
  expect(readSummaryFacts(written(), 'out/summary.json').run).toEqual({ startTime: RUN.startTime.toISOString(), durationMs: 1000 });
});

test('summary.json of another version says which it is and which this Panoptic reads', () => {
  expect(() => readSummary({ ...written(), version: 3 }, 'out/summary.json')).toThrow(
    'summary.json at out/summary.json is version 3; this Panoptic reads version 2: upgrade Panoptic to read it',
  );
  expect(() => readSummary({ ...written(), version: 1 }, 'out/summary.json')).toThrow(
    'summary.json at out/summary.json is version 1; this Panoptic reads version 2: run the tests again with this Panoptic to write a new one',
  );
  // Analytics reads only the run's facts, which version 1 has too.
  expect(() => readSummaryFacts({ ...written(), version: 1 }, 'old')).not.toThrow();
  expect(() => readSummaryFacts({ ...written(), version: 3 }, 'new')).toThrow('this Panoptic reads versions 1 and 2');
});

test('a malformed summary.json names the field', () => {
  const summary = written();
  summary.run = { ...(summary.run as object), startTime: 'yesterday' };
  expect(() => readSummary(summary, 's')).toThrow('summary.json at s (version 2) is not valid: run.startTime: expected an ISO 8601 date');
  expect(() => readSummary({ ...written(), totals: { ...(written().totals as object), failed: -1 } }, 's')).toThrow(/totals\.failed: Too small/);
});
