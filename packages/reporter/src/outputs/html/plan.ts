import type { Artifact, ArtifactKind, Summary, TestSummary } from '../../summary.js';
import { sourceOf } from '../../artifact-bodies.js';
import { testsByKey } from '../../tests-by-key.js';
import type { CopyRequest } from './copy.js';
import type { HtmlLimits } from './limits.js';

/** Which tests each section lists: decided once, so the files copied are exactly the files linked. */
export interface ReportPlan {
  /** The list of all tests, in the run's order, up to its limit. */
  tests: TestSummary[];
  failures: { kind: Summary['failures'][number]; shown: TestSummary[] }[];
  slowest: TestSummary[];
  flaky: TestSummary[];
  newlyFailing: TestSummary[];
  newlyFixed: TestSummary[];
  gallery: { test: TestSummary; screenshot: Artifact }[];
  /** Screenshots of passed or skipped tests left out of the gallery. */
  galleryMore: number;
  copies: CopyRequest[];
}

export interface PickedArtifacts {
  screenshots: Artifact[];
  videos: Artifact[];
  traces: Artifact[];
  /** Linkable artifacts of these kinds left out by the per-test limits. */
  more: number;
}

function ofKind(test: TestSummary, kind: ArtifactKind): Artifact[] {
  return test.artifacts.filter((artifact) => artifact.kind === kind && sourceOf(artifact) !== undefined);
}

/** The test's last linkable artifact of the kind, found without listing them: the gallery asks it of every passed test. */
export function lastOfKind(test: TestSummary, kind: ArtifactKind): Artifact | undefined {
  for (let i = test.artifacts.length - 1; i >= 0; i--) {
    const artifact = test.artifacts[i]!;
    if (artifact.kind === kind && sourceOf(artifact) !== undefined) return artifact;
  }
  return undefined;
}

/** The latest attempts' artifacts matter most: they show how the test ended. */
function latest(artifacts: Artifact[], max: number): Artifact[] {
  return artifacts.slice(Math.max(0, artifacts.length - max));
}

export function pickArtifacts(test: TestSummary, limits: HtmlLimits): PickedArtifacts {
  const screenshots = ofKind(test, 'screenshot');
  const videos = ofKind(test, 'video');
  const traces = ofKind(test, 'trace');
  const picked = {
    screenshots: latest(screenshots, limits.screenshotsPerTest),
    videos: latest(videos, limits.videosPerTest),
    traces: latest(traces, limits.tracesPerTest),
  };
  const shown = picked.screenshots.length + picked.videos.length + picked.traces.length;
  return { ...picked, more: screenshots.length + videos.length + traces.length - shown };
}

function resolve(byKey: Map<string, TestSummary>, keys: readonly string[], max: number): TestSummary[] {
  const tests: TestSummary[] = [];
  for (const key of keys) {
    if (tests.length >= max) break;
    const test = byKey.get(key);
    if (test) tests.push(test);
  }
  return tests;
}

const CONCERN: Record<TestSummary['outcome'], number> = { unexpected: 0, flaky: 1, expected: 2, skipped: 3 };

/**
 * The first `max` tests failed first, then flaky, then the rest, each in the run's order: a list cut
 * at its limit keeps what needs reading. Gathered per concern in one pass, not by sorting every test.
 */
function byConcern(tests: readonly TestSummary[], max: number): TestSummary[] {
  const levels: TestSummary[][] = [[], [], [], []];
  for (const test of tests) {
    const level = levels[CONCERN[test.outcome]]!;
    if (level.length < max) level.push(test);
  }
  return levels.flat().slice(0, max);
}

export function planReport(summary: Summary, limits: HtmlLimits): ReportPlan {
  // Whole lists, not their first items: a key no test has is passed over for the next one.
  const listed = [...summary.failures.flatMap((kind) => kind.tests), ...summary.flaky, ...summary.slowest, ...summary.history.newlyFailing, ...summary.history.newlyFixed];
  const byKey = testsByKey(summary.tests, listed);
  const failures = summary.failures.map((kind) => ({ kind, shown: resolve(byKey, kind.tests, limits.failuresPerKind) }));
  const flaky = resolve(byKey, summary.flaky, limits.flaky);
  const gallery: ReportPlan['gallery'] = [];
  let galleryMore = 0;
  for (const test of summary.tests) {
    if (test.outcome !== 'expected' && test.outcome !== 'skipped') continue;
    const screenshot = lastOfKind(test, 'screenshot');
    if (!screenshot) continue;
    if (gallery.length < limits.gallery) gallery.push({ test, screenshot });
    else galleryMore++;
  }
  const copies: CopyRequest[] = [];
  const tests = byConcern(summary.tests, limits.tests);
  for (const test of [...failures.flatMap((group) => group.shown), ...flaky, ...tests]) {
    const picked = pickArtifacts(test, limits);
    for (const artifact of [...picked.screenshots, ...picked.videos, ...picked.traces]) copies.push({ artifact, owner: test.key });
  }
  for (const { test, screenshot } of gallery) copies.push({ artifact: screenshot, owner: test.key });
  return {
    tests,
    failures,
    slowest: resolve(byKey, summary.slowest, limits.slowest),
    flaky,
    newlyFailing: resolve(byKey, summary.history.newlyFailing, limits.history),
    newlyFixed: resolve(byKey, summary.history.newlyFixed, limits.history),
    gallery,
    galleryMore,
    copies,
  };
}
