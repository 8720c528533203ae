import { SUMMARY_VERSION } from '@panoptic/model/summary';
import { healedCount } from './healed.js';
import { countTests } from './stats.js';
import type {
  ErrorKind,
  FailureGroup,
  Group,
  Summary,
  TestError,
  TestSummary,
} from './summary.js';

export interface RunInfo {
  status: Summary['run']['status'];
  startTime: Date;
  durationMs: number;
  playwrightVersion: string;
  workers: number;
  shard: Summary['run']['shard'];
  errors: TestError[];
}

export interface AggregateOptions {
  /** How many slowest tests to list. */
  slowest?: number;
  now?: Date;
}

function groupBy(tests: readonly TestSummary[], keyOf: (test: TestSummary) => string | undefined): Group[] {
  const groups = new Map<string, TestSummary[]>();
  for (const test of tests) {
    const key = keyOf(test);
    if (key === undefined) continue;
    let members = groups.get(key);
    if (!members) groups.set(key, (members = []));
    members.push(test);
  }
  return [...groups].map(([name, members]) => ({ name, ...countTests(members) }));
}

function failureGroups(tests: readonly TestSummary[]): FailureGroup[] {
  const groups = new Map<ErrorKind, FailureGroup>();
  for (const test of tests) {
    if (test.outcome !== 'unexpected') continue;
    const error = test.attempts.at(-1)?.errors[0];
    const kind: ErrorKind = test.failure?.kind ?? error?.kind ?? 'unknown';
    let group = groups.get(kind);
    if (!group) groups.set(kind, (group = { kind, count: 0, tests: [], sample: error?.message.split('\n')[0] ?? '' }));
    group.count++;
    group.tests.push(test.key);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

function artifactTotals(tests: readonly TestSummary[]): Summary['artifacts'] {
  const totals: Summary['artifacts'] = {
    screenshot: { count: 0, bytes: 0 },
    video: { count: 0, bytes: 0 },
    trace: { count: 0, bytes: 0 },
    other: { count: 0, bytes: 0 },
  };
  for (const test of tests) {
    for (const artifact of test.artifacts) {
      const total = totals[artifact.kind];
      total.count++;
      total.bytes += artifact.bytes;
    }
  }
  return totals;
}

/**
 * The `count` slowest tests that ran, slowest first, earlier ones first among equals (what a stable
 * sort gives), kept in a list of `count` instead of sorting every test of the run.
 */
function slowestTests(tests: readonly TestSummary[], count: number): TestSummary[] {
  const top: TestSummary[] = [];
  if (count <= 0) return top;
  for (const test of tests) {
    if (!test.attempts.length) continue;
    if (top.length === count && test.durationMs <= top[count - 1]!.durationMs) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.durationMs < test.durationMs) at--;
    top.splice(at, 0, test);
    if (top.length > count) top.pop();
  }
  return top;
}

/** The run's summary: every count and list the outputs show, from the tests' summaries. */
export function aggregate(tests: TestSummary[], run: RunInfo, options: AggregateOptions = {}): Summary {
  const slowest = slowestTests(tests, options.slowest ?? 10).map((test) => test.key);
  const withHistory = tests.filter((test) => test.history);
  return {
    version: SUMMARY_VERSION,
    generatedAt: (options.now ?? new Date()).toISOString(),
    run: {
      status: run.status,
      startTime: run.startTime.toISOString(),
      durationMs: run.durationMs,
      playwrightVersion: run.playwrightVersion,
      workers: run.workers,
      shard: run.shard,
      errors: run.errors,
    },
    totals: countTests(tests),
    projects: groupBy(tests, (test) => test.project),
    apps: groupBy(tests, (test) => test.app),
    files: groupBy(tests, (test) => test.file),
    slowest,
    flaky: tests.filter((test) => test.outcome === 'flaky').map((test) => test.key),
    failures: failureGroups(tests),
    artifacts: artifactTotals(tests),
    history: {
      runs: Math.max(0, ...withHistory.map((test) => test.history!.runs)),
      newlyFailing: withHistory.filter((test) => test.history!.newlyFailing).map((test) => test.key),
      newlyFixed: withHistory.filter((test) => test.history!.newlyFixed).map((test) => test.key),
    },
    healed: healedCount(tests),
    tests,
    warnings: [],
  };
}
