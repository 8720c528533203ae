import { SUMMARY_VERSION } from '@panoptic/model/summary';
import { Tally } from './stats.js';
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

/** Groups in order of their first test, each tallied as its tests come. */
class Groups {
  private readonly tallies = new Map<string, Tally>();

  add(name: string | undefined, test: TestSummary): void {
    if (name === undefined) return;
    let tally = this.tallies.get(name);
    if (!tally) this.tallies.set(name, (tally = new Tally()));
    tally.add(test);
  }

  list(): Group[] {
    return [...this.tallies].map(([name, tally]) => ({ name, ...tally.counts() }));
  }
}

function addFailure(groups: Map<ErrorKind, FailureGroup>, test: TestSummary): void {
  const error = test.attempts.at(-1)?.errors[0];
  const kind: ErrorKind = test.failure?.kind ?? error?.kind ?? 'unknown';
  let group = groups.get(kind);
  if (!group) groups.set(kind, (group = { kind, count: 0, tests: [], sample: error?.message.split('\n')[0] ?? '' }));
  group.count++;
  group.tests.push(test.key);
}

function emptyArtifacts(): Summary['artifacts'] {
  return {
    screenshot: { count: 0, bytes: 0 },
    video: { count: 0, bytes: 0 },
    trace: { count: 0, bytes: 0 },
    other: { count: 0, bytes: 0 },
  };
}

/**
 * The `count` slowest tests that ran, slowest first, earlier ones first among equals (what a stable
 * sort gives), kept in a list of `count` instead of sorting every test of the run.
 */
class Slowest {
  readonly top: TestSummary[] = [];
  constructor(private readonly count: number) {}

  add(test: TestSummary): void {
    const { top, count } = this;
    if (count <= 0 || !test.attempts.length) return;
    if (top.length === count && test.durationMs <= top[count - 1]!.durationMs) return;
    let at = top.length;
    while (at > 0 && top[at - 1]!.durationMs < test.durationMs) at--;
    top.splice(at, 0, test);
    if (top.length > count) top.pop();
  }
}

/** Everything aggregate() counts, filled in one pass over the tests. */
function tallyRun(tests: readonly TestSummary[], slowestCount: number) {
  const totals = new Tally();
  const projects = new Groups();
  const apps = new Groups();
  const files = new Groups();
  const slowest = new Slowest(slowestCount);
  const failures = new Map<ErrorKind, FailureGroup>();
  const artifacts = emptyArtifacts();
  const flaky: string[] = [];
  const history = { runs: 0, newlyFailing: [] as string[], newlyFixed: [] as string[] };
  let healed = 0;
  for (const test of tests) {
    totals.add(test);
    projects.add(test.project, test);
    apps.add(test.app, test);
    files.add(test.file, test);
    slowest.add(test);
    if (test.outcome === 'flaky') flaky.push(test.key);
    if (test.outcome === 'unexpected') addFailure(failures, test);
    for (const artifact of test.artifacts) {
      const total = artifacts[artifact.kind];
      total.count++;
      total.bytes += artifact.bytes;
    }
    if (test.history) {
      history.runs = Math.max(history.runs, test.history.runs);
      if (test.history.newlyFailing) history.newlyFailing.push(test.key);
      if (test.history.newlyFixed) history.newlyFixed.push(test.key);
    }
    healed += test.healed?.length ?? 0;
  }
  return { totals, projects, apps, files, slowest, failures, artifacts, flaky, history, healed };
}

/** The run's summary: every count and list the outputs show, from the tests' summaries. */
export function aggregate(tests: TestSummary[], run: RunInfo, options: AggregateOptions = {}): Summary {
  const tally = tallyRun(tests, options.slowest ?? 10);
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
    totals: tally.totals.counts(),
    projects: tally.projects.list(),
    apps: tally.apps.list(),
    files: tally.files.list(),
    slowest: tally.slowest.top.map((test) => test.key),
    flaky: tally.flaky,
    failures: [...tally.failures.values()].sort((a, b) => b.count - a.count),
    artifacts: tally.artifacts,
    history: tally.history,
    healed: tally.healed,
    tests,
    warnings: [],
  };
}
