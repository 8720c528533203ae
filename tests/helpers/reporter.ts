import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { JSONReport, JSONReportSpec, JSONReportSuite } from '@playwright/test/reporter';
import { summarySchema, type Summary } from '@panoptic/reporter/summary';
import { repoRoot, type InlineRun } from './inline.js';

const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');

export const DEFAULT_OUTPUT = 'panoptic-results';

/** Playwright's own reporters next to Panoptic's, so each run can be checked against the JSON report. */
export const WITH_PANOPTIC = '--reporter=list,json,@panoptic/reporter';

export const plainConfig = (extra = '') => `
import { defineConfig } from '@playwright/test';
export default defineConfig({ ${extra} });
`;

// Every way a Playwright test can end, each with a title that says how. Only the tests about
// retries are retried: every failed attempt costs a new worker, and the run should stay short.
export const OUTCOMES_SPEC = `
import fs from 'node:fs';
import { test, expect } from '@playwright/test';

test('passes', async () => { expect(1).toBe(1); });
test.skip('is skipped', async () => {});
test.fixme('is fixme', async () => {});
test('fails first, passes on retry', async ({}, testInfo) => { expect(testInfo.retry).toBe(1); });
test('fails every retry', async () => { throw new Error('broken for good'); });
test.describe('once', () => {
  test.describe.configure({ retries: 0 });
  test('fails', async () => { expect(1).toBe(2); });
  test('times out', async () => {
    test.setTimeout(500);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  });
  test('expect times out', async () => {
    await expect(async () => { expect('never').toBe('ready'); }).toPass({ timeout: 300 });
  });
});
test.describe('serial', () => {
  test.describe.configure({ mode: 'serial', retries: 0 });
  test('first fails', async () => { expect('a').toBe('b'); });
  test('second never runs', async () => {});
  test('third never runs', async () => {});
});
test('nests steps', async () => {
  await test.step('outer', async () => {
    await test.step('inner', async () => { expect(true).toBe(true); });
  });
});
test('attaches', async ({}, testInfo) => {
  const file = testInfo.outputPath('notes.txt');
  fs.writeFileSync(file, 'x'.repeat(1234));
  await testInfo.attach('notes', { path: file, contentType: 'text/plain' });
  await testInfo.attach('inline', { body: 'hello', contentType: 'text/plain' });
  await testInfo.attach('screen', { body: Buffer.alloc(100), contentType: 'image/png' });
  await testInfo.attach('clip', { body: Buffer.alloc(64), contentType: 'video/webm' });
  await testInfo.attach('trace', { body: Buffer.alloc(10), contentType: 'application/zip' });
});
test('is expected to fail', async () => {
  test.fail();
  expect(1).toBe(2);
});
`;

/** Reads `<dir>/<outputDir>/summary.json` and validates it against the published schema. */
export function readSummary(dir: string, outputDir = DEFAULT_OUTPUT): Summary {
  const file = path.join(dir, outputDir, 'summary.json');
  if (!fs.existsSync(file)) throw new Error(`The reporter wrote no ${file}.`);
  return summarySchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function readReport(dir: string, name = 'report.json'): JSONReport | undefined {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as JSONReport) : undefined;
}

function childEnv(dir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // GITHUB_STEP_SUMMARY is cleared so a CI job running these tests never gets inline runs' summaries.
  return { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(dir, 'report.json'), FORCE_COLOR: '0', PANOPTIC_SUITES: '', GITHUB_STEP_SUMMARY: '', ...env };
}

export interface Started {
  child: ChildProcessWithoutNullStreams;
  /** Resolves once `text` has appeared on stdout. */
  waitForStdout(text: string): Promise<void>;
  done: Promise<Omit<InlineRun, 'report' | 'dir'>>;
}

/** Starts the Playwright CLI in `dir` with exactly `args`: reporters come from the config unless args name them. */
export function startPlaywright(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, [playwrightCli, ...args], { cwd: dir, env: childEnv(dir, env) });
  let stdout = '';
  let stderr = '';
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    output += chunk;
  });
  const done = new Promise<Omit<InlineRun, 'report' | 'dir'>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr, output }));
  });
  const waitForStdout = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void done.then(() => reject(new Error(`The run ended before printing "${text}":\n${output}`)));
    });
  return { child, waitForStdout, done };
}

/** Runs the Playwright CLI (`test`, `merge-reports`, ...) in `dir` and reads the JSON report it left. */
export async function runCli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<InlineRun> {
  const result = await startPlaywright(dir, args, env).done;
  return { ...result, dir, report: readReport(dir) };
}

/** One test as both reports can describe it. */
export interface TestRow {
  key: string;
  project: string;
  outcome: string;
  /** Last attempt's status, notRun when it never started. */
  status: string;
  statuses: string[];
  retries: number[];
  /** First line of each error of each attempt, and where it was thrown. */
  errors: string[][];
}

// Playwright colours some messages even without a terminal; the summary keeps plain text.
const ANSI = /\u001b\[[0-9;]*m/g;

function firstLine(message: string): string {
  return message.replace(ANSI, '').split('\n')[0]!;
}

function specsWithPath(suite: JSONReportSuite, describes: string[], into: { spec: JSONReportSpec; describes: string[] }[]): void {
  for (const spec of suite.specs) into.push({ spec, describes });
  for (const child of suite.suites ?? []) specsWithPath(child, [...describes, child.title], into);
}

/** Every test of Playwright's JSON report (each repeat separately), keyed the way Panoptic keys tests. */
export function jsonRows(report: JSONReport | undefined): TestRow[] {
  if (!report) throw new Error('The run wrote no JSON report.');
  const found: { spec: JSONReportSpec; describes: string[] }[] = [];
  // Top-level suites are files; their children are describes.
  for (const fileSuite of report.suites) specsWithPath(fileSuite, [], found);
  // Repeats come in order; Panoptic keys the second and later ones with " [repeat N]".
  const seen = new Map<string, number>();
  const keyOf = (base: string): string => {
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count > 1 ? `${base} [repeat ${count}]` : base;
  };
  return found.flatMap(({ spec, describes }) =>
    spec.tests.map((test) => ({
      key: keyOf([...(test.projectName ? [test.projectName] : []), spec.file, ...describes, spec.title].join(' › ')),
      project: test.projectName,
      outcome: test.status,
      status: test.results.at(-1)?.status ?? 'notRun',
      statuses: test.results.map((result) => result.status ?? 'notRun'),
      retries: test.results.map((result) => result.retry),
      errors: test.results.map((result) =>
        result.errors.map((error) => {
          const where = error.location ? ` @ ${path.relative(report.config.rootDir, error.location.file)}:${error.location.line}:${error.location.column}` : '';
          return firstLine(error.message) + where;
        }),
      ),
    })),
  );
}

/** Every attachment of every attempt in the JSON report, with its size in bytes. */
export function jsonAttachments(report: JSONReport | undefined): { name: string; contentType: string; path?: string; bytes: number }[] {
  if (!report) throw new Error('The run wrote no JSON report.');
  const found: { spec: JSONReportSpec; describes: string[] }[] = [];
  for (const fileSuite of report.suites) specsWithPath(fileSuite, [], found);
  return found.flatMap(({ spec }) =>
    spec.tests.flatMap((test) =>
      test.results.flatMap((result) =>
        result.attachments.map((a) => ({
          name: a.name,
          contentType: a.contentType,
          path: a.path,
          bytes: a.body !== undefined ? Buffer.from(a.body, 'base64').length : a.path ? fs.statSync(a.path).size : 0,
        })),
      ),
    ),
  );
}

export function summaryRows(summary: Summary): TestRow[] {
  return summary.tests.map((test) => ({
    key: test.key,
    project: test.project,
    outcome: test.outcome,
    status: test.status,
    statuses: test.attempts.map((attempt) => attempt.status),
    retries: test.attempts.map((attempt) => attempt.retry),
    errors: test.attempts.map((attempt) => attempt.errors.map((error) => firstLine(error.message) + (error.location ? ` @ ${error.location}` : ''))),
  }));
}

/** Rows in a stable order, so repeats of one test (same key) compare as a multiset. */
export function sorted(rows: TestRow[]): TestRow[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

interface Tally {
  total: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
  interrupted: number;
  timedOut: number;
}

/** The counts Panoptic should report for these rows, by the definitions in the summary schema. */
export function tally(rows: TestRow[]): Tally {
  return {
    total: rows.length,
    passed: rows.filter((r) => r.outcome === 'expected').length,
    failed: rows.filter((r) => r.outcome === 'unexpected').length,
    flaky: rows.filter((r) => r.outcome === 'flaky').length,
    skipped: rows.filter((r) => r.outcome === 'skipped').length,
    interrupted: rows.filter((r) => r.status === 'interrupted' || r.status === 'notRun').length,
    timedOut: rows.filter((r) => r.status === 'timedOut').length,
  };
}

function countsOf(counts: Tally): Tally {
  const { total, passed, failed, flaky, skipped, interrupted, timedOut } = counts;
  return { total, passed, failed, flaky, skipped, interrupted, timedOut };
}

/**
 * The Panoptic summary and Playwright's JSON report of the same run agree: the same tests with the
 * same outcome, attempts and errors, the same totals as the JSON stats, and the same counts per project.
 */
export function expectSummaryMatchesJson(summary: Summary, report: JSONReport | undefined): void {
  const json = jsonRows(report);
  expect(sorted(summaryRows(summary))).toEqual(sorted(json));
  const { stats } = report!;
  expect(countsOf(summary.totals)).toEqual({
    ...tally(json),
    total: stats.expected + stats.unexpected + stats.flaky + stats.skipped,
    passed: stats.expected,
    failed: stats.unexpected,
    flaky: stats.flaky,
    skipped: stats.skipped,
  });
  const projects = [...new Set(json.map((row) => row.project))];
  expect(Object.fromEntries(summary.projects.map((group) => [group.name, countsOf(group)]))).toEqual(
    Object.fromEntries(projects.map((name) => [name, tally(json.filter((row) => row.project === name))])),
  );
}

/** `name{labels} value` samples of a Prometheus text exposition, keyed by name and sorted labels. */
export function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample line: ${line}`);
    const labels = [...(match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, name, value]) => `${name}="${value}"`)
      .sort();
    samples.set(labels.length ? `${match[1]}{${labels.join(',')}}` : match[1]!, Number(match[4]));
  }
  return samples;
}

/** How many times the reporter warned on stderr. */
export function warningsIn(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('[panoptic-reporter] warning:'));
}

/** A history file's runs with each test's outcome code and duration under its key. */
export interface StoredRuns {
  runs: { startTime: string; tests: Record<string, [code: string, durationMs: number]> }[];
}

/** Reads history.json (keys stored once, runs as positional codes) into per-key entries. */
export function readStoredHistory(file: string): StoredRuns {
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: string[]; runs: { startTime: string; codes: string; durations: number[] }[] };
  return {
    runs: stored.runs.map((run) => ({
      startTime: run.startTime,
      tests: Object.fromEntries(
        stored.keys.flatMap((key, i) => (run.codes[i] && run.codes[i] !== '-' ? [[key, [run.codes[i], run.durations[i]!]]] : [])),
      ),
    })),
  };
}
