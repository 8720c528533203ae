import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { TestCase, TestError as PlaywrightError, TestResult, TestStep } from '@playwright/test/reporter';
import { METRICS_CONTENT_TYPE, readMetrics, type PanopticMetrics } from '@panoptic/model/metrics';
import { errorKindOf, failureOf } from './failure.js';
import { keepBody } from './artifact-bodies.js';
import { healedStepsOf } from './healed.js';
import { specFileOf } from './spec-file.js';
import type { Artifact, ArtifactKind, Attempt, Step, TestError, TestSummary } from './summary.js';

export { METRICS_CONTENT_TYPE };
const MAX_MESSAGE = 4000;

/**
 * One frozen empty list stands for every empty one: most attempts of a large run have no error,
 * step, tag or artifact, and 100,000 tests kept four empty arrays each (about 10 MB). Frozen, so
 * that code adding to one fails instead of adding to all.
 */
const NONE: readonly never[] = Object.freeze([]);
function list<T>(items: T[]): T[] {
  return items.length ? items : (NONE as unknown as T[]);
}

// Playwright colours messages for terminals; reports want plain text.

export function plainError(error: PlaywrightError, rootDir: string): TestError {
  const message = stripVTControlCharacters(error.message ?? error.value ?? 'Unknown error').slice(0, MAX_MESSAGE);
  const result: TestError = { message, ...errorKindOf(message) };
  if (error.location) result.location = `${path.relative(rootDir, error.location.file)}:${error.location.line}:${error.location.column}`;
  return result;
}

function artifactKind(name: string, contentType: string): ArtifactKind {
  if (contentType.startsWith('image/')) return 'screenshot';
  if (contentType.startsWith('video/')) return 'video';
  if (name === 'trace' || (contentType === 'application/zip' && name.includes('trace'))) return 'trace';
  return 'other';
}

function sizeOf(attachment: TestResult['attachments'][number]): number {
  if (attachment.body) return attachment.body.length;
  if (!attachment.path) return 0;
  try {
    return fs.statSync(attachment.path).size;
  } catch {
    return 0;
  }
}

/** Messages to reporters (Panoptic's metrics, Allure's runtime messages) are data, not artifacts. */
function isReporterMessage(contentType: string): boolean {
  return contentType === METRICS_CONTENT_TYPE || contentType.startsWith('application/vnd.allure');
}

function artifactsOf(result: TestResult): Artifact[] {
  return result.attachments
    .filter((a) => !isReporterMessage(a.contentType) && (a.path || a.body))
    .map((a) => {
      const artifact: Artifact = { name: a.name, kind: artifactKind(a.name, a.contentType), contentType: a.contentType, bytes: sizeOf(a), retry: result.retry };
      if (a.path) artifact.path = a.path;
      else if (a.body && artifact.kind !== 'other') keepBody(artifact, a.body);
      return artifact;
    });
}

/**
 * The Panoptic metrics the fixtures attached to an attempt, if any. Throws when the attachment is not
 * JSON, is of another version (merged reports may mix Panoptic versions) or does not match its schema.
 */
export function metricsOf(result: TestResult): PanopticMetrics | undefined {
  const attachment = result.attachments.find((a) => a.contentType === METRICS_CONTENT_TYPE);
  if (!attachment) return undefined;
  const text = attachment.body ? attachment.body.toString('utf8') : attachment.path ? fs.readFileSync(attachment.path, 'utf8') : '';
  return text ? readMetrics(JSON.parse(text), `attachment "${attachment.name}"`) : undefined;
}

/** Enough for any real test's story; a loop of thousands of steps would only bloat summary.json. */
const MAX_STEPS = 500;
const MAX_PAGE_LOADS = 100;

/**
 * The attempt's `test.step`s in order, nested ones after their parent. Steps of other categories
 * (hooks, fixtures, expects, API calls) are walked through, not listed: a YAML action is a
 * test.step, and so is what a spec author names.
 */
function stepsOf(result: TestResult, rootDir: string): Step[] {
  const steps: Step[] = [];
  const walk = (list: readonly TestStep[], depth: number): void => {
    for (const step of list) {
      if (steps.length >= MAX_STEPS) return;
      const listed = step.category === 'test.step';
      if (listed) {
        const entry: Step = { title: step.title, depth, durationMs: Math.max(0, step.duration) };
        if (step.location) entry.location = `${relativeFile(rootDir, step.location.file)}:${step.location.line}:${step.location.column}`;
        const message = step.error?.message ?? step.error?.value;
        const [firstLine = ''] = stripVTControlCharacters(message ?? '').split('\n', 1);
        if (firstLine) entry.error = firstLine.slice(0, 500);
        steps.push(entry);
      }
      walk(step.steps, listed ? depth + 1 : depth);
    }
  };
  walk(result.steps, 0);
  return steps;
}

function attemptOf(result: TestResult, rootDir: string): Attempt {
  return {
    retry: result.retry,
    status: result.status,
    durationMs: Math.max(0, result.duration),
    startTime: result.startTime.toISOString(),
    workerIndex: result.workerIndex,
    errors: list(result.errors.map((error) => plainError(error, rootDir))),
    steps: list(stepsOf(result, rootDir)),
  };
}

/** The key a test keeps across runs, machines and shards: project, file and title path. */
export function testKey(project: string, file: string, titlePath: readonly string[]): string {
  return [...(project ? [project] : []), file, ...titlePath].join(' › ');
}

/** Each summary's history key, kept when the summary is made: joining it again per test and per use cost more than the rest of the history's work. */
const historyKeys = new WeakMap<object, string>();

/** The key a test's history is kept under: its repeats (`--repeat-each`) share it. */
export function historyKey(test: Pick<TestSummary, 'project' | 'file' | 'titlePath'>): string {
  return historyKeys.get(test) ?? testKey(test.project, test.file, test.titlePath);
}

export interface ProjectInfo {
  app?: string;
  platform?: string;
  /** The YAML suite the project plays; its tests run Panoptic's own spec. */
  suite?: string;
}

/**
 * The summary of one test from its public Reporter objects. `titlePath()` is
 * ['', project, file, ...describes, title]; the file comes from the location instead.
 */
// Thousands of tests share a few files: compute each relative path once.
const relativeFiles = new Map<string, string>();
function relativeFile(rootDir: string, file: string): string {
  const cacheKey = `${rootDir}\0${file}`;
  let relative = relativeFiles.get(cacheKey);
  if (relative === undefined) relativeFiles.set(cacheKey, (relative = path.relative(rootDir, file).split(path.sep).join('/')));
  return relative;
}

// Likewise each spec file's name in keys (a package lookup for YAML suites' spec).
// Keyed by the strings themselves, nested: building a joined key per test cost more than the lookup.
const specFiles = { packaged: new Map<string, Map<string, string>>(), plain: new Map<string, Map<string, string>>() };
function cachedSpecFile(rootDir: string, file: string, packaged: boolean): string {
  const byRoot = packaged ? specFiles.packaged : specFiles.plain;
  let names = byRoot.get(rootDir);
  if (!names) byRoot.set(rootDir, (names = new Map<string, string>()));
  let name = names.get(file);
  if (name === undefined) names.set(file, (name = specFileOf(rootDir, file, packaged)));
  return name;
}

export function summarizeTest(test: TestCase, rootDir: string, project: ProjectInfo, warn: (message: string) => void): TestSummary {
  const fullPath = test.titlePath();
  const projectName = fullPath[1] ?? '';
  const titlePath = fullPath.slice(3);
  const file = cachedSpecFile(rootDir, test.location.file, project.suite !== undefined);
  const results = test.results;
  const attempts = results.map((result) => attemptOf(result, rootDir));
  const last = results.at(-1);
  // Repeats of a test are tests of their own in the run: each needs its own key.
  const repeat = test.repeatEachIndex;
  const key = testKey(projectName, file, titlePath);
  const summary: TestSummary = {
    key: repeat ? `${key} [repeat ${repeat + 1}]` : key,
    repeat,
    title: test.title,
    titlePath,
    project: projectName,
    file,
    line: test.location.line,
    column: test.location.column,
    tags: list([...test.tags]),
    outcome: test.outcome(),
    status: last ? last.status : 'notRun',
    durationMs: attempts.reduce((sum, attempt) => sum + attempt.durationMs, 0),
    attempts,
    artifacts: list(results.flatMap(artifactsOf)),
  };
  historyKeys.set(summary, key);
  // A metrics attachment this reporter cannot read costs the test its action counts, never the report.
  let metrics: PanopticMetrics | undefined;
  try {
    metrics = last ? metricsOf(last) : undefined;
  } catch (error) {
    warn(`${summary.key}: unreadable Panoptic metrics attachment (${(error as Error).message}); its action counts are left out`);
  }
  const app = metrics?.app ?? project.app;
  const platform = metrics?.platform ?? project.platform;
  if (app) summary.app = app;
  if (platform) summary.platform = platform;
  if (metrics) summary.actions = metrics.byType;
  const pageLoads = (metrics?.actions ?? []).flatMap((action) => (action.performance ? [{ action: action.name, ...action.performance }] : []));
  if (pageLoads.length) summary.pageLoads = pageLoads.slice(0, MAX_PAGE_LOADS);
  const healed = healedStepsOf(metrics);
  if (healed.length) summary.healed = healed;
  if (test.annotations.length) summary.annotations = test.annotations.map(({ type, description }) => (description === undefined ? { type } : { type, description }));
  if (last && summary.outcome === 'unexpected') {
    const failure = failureOf(last, attempts.at(-1)!.errors);
    if (failure) summary.failure = failure;
  }
  return summary;
}
