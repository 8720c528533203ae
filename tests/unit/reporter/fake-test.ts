import type { Outcome, TestSummary } from '@panoptic/reporter/summary';

/** A test of one attempt in project p, file a.spec.ts, keyed by `key`. */
export function fakeTest(key: string, outcome: Outcome, durationMs: number, extra: Partial<TestSummary> = {}): TestSummary {
  const status = outcome === 'unexpected' ? 'failed' : outcome === 'skipped' ? 'skipped' : 'passed';
  return {
    key,
    repeat: 0,
    title: key,
    titlePath: [key],
    project: 'p',
    file: 'a.spec.ts',
    line: 1,
    column: 1,
    tags: [],
    outcome,
    status,
    durationMs,
    attempts: [{ retry: 0, status, durationMs, startTime: new Date(0).toISOString(), workerIndex: 0, errors: [] }],
    artifacts: [],
    ...extra,
  };
}
