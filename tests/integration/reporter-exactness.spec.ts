import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeProject } from '../helpers/inline.js';
import {
  OUTCOMES_SPEC,
  WITH_PANOPTIC,
  expectSummaryMatchesJson,
  jsonAttachments,
  jsonRows,
  plainConfig,
  readReport,
  readSummary,
  runCli,
  startPlaywright,
  tally,
  readStoredHistory,
} from '../helpers/reporter.js';

test('every outcome, status, retry and error of a run equals what Playwright\'s JSON report says', async () => {
  const dir = writeProject({ 'playwright.config.ts': plainConfig('fullyParallel: true'), 'outcomes.spec.ts': OUTCOMES_SPEC });
  const run = await runCli(dir, ['test', WITH_PANOPTIC, '--retries=2', '--workers=2']);
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);

  // The same facts spelled out, so a shared mistake in both readings cannot pass unnoticed.
  const byTitle = new Map(summary.tests.map((t) => [t.title, t]));
  const attemptsOf = (title: string) => byTitle.get(title)!.attempts.map((a) => a.status);
  expect([...byTitle.keys()].sort()).toEqual(
    ['attaches', 'expect times out', 'fails', 'fails every retry', 'fails first, passes on retry', 'first fails', 'is expected to fail', 'is fixme', 'is skipped', 'nests steps', 'passes', 'second never runs', 'third never runs', 'times out'],
  );
  expect(byTitle.get('passes')).toMatchObject({ outcome: 'expected', status: 'passed', key: 'outcomes.spec.ts › passes', file: 'outcomes.spec.ts', line: 5 });
  expect(attemptsOf('fails')).toEqual(['failed']);
  expect(byTitle.get('fails')!.titlePath).toEqual(['once', 'fails']);
  expect(byTitle.get('is skipped')).toMatchObject({ outcome: 'skipped', status: 'skipped' });
  expect(byTitle.get('is fixme')).toMatchObject({ outcome: 'skipped', status: 'skipped' });
  expect(byTitle.get('fails first, passes on retry')).toMatchObject({ outcome: 'flaky', status: 'passed' });
  expect(attemptsOf('fails first, passes on retry')).toEqual(['failed', 'passed']);
  expect(byTitle.get('fails every retry')!.attempts.map((a) => a.retry)).toEqual([0, 1, 2]);
  expect(attemptsOf('times out')).toEqual(['timedOut']);
  expect(byTitle.get('times out')!.attempts[0]!.errors[0]).toMatchObject({ kind: 'test-timeout', message: expect.stringContaining('Test timeout of 500ms exceeded') });
  expect(byTitle.get('expect times out')).toMatchObject({ outcome: 'unexpected', status: 'failed' });
  expect(byTitle.get('nests steps')).toMatchObject({ outcome: 'expected', status: 'passed' });
  expect(byTitle.get('first fails')!.titlePath).toEqual(['serial', 'first fails']);
  expect(byTitle.get('second never runs')).toMatchObject({ outcome: 'skipped', status: 'skipped' });
  expect(byTitle.get('third never runs')).toMatchObject({ outcome: 'skipped', status: 'skipped' });
  // test.fail(): the failure was the expectation, so the test counts as passed and is no failure.
  expect(byTitle.get('is expected to fail')).toMatchObject({ outcome: 'expected', status: 'failed' });
  expect(summary.failures.flatMap((group) => group.tests)).not.toContain(byTitle.get('is expected to fail')!.key);
  expect(summary.totals).toMatchObject({ total: 14, passed: 4, failed: 5, flaky: 1, skipped: 4, interrupted: 0, timedOut: 1 });
  expect(summary.totals.successRate).toBeCloseTo(5 / 10);
  expect(summary.totals.flakyRate).toBeCloseTo(1 / 10);
  expect(summary.flaky).toEqual([byTitle.get('fails first, passes on retry')!.key]);
  expect(summary.run).toMatchObject({ status: 'failed', workers: 2, shard: null, errors: [] });
  const failing = byTitle.get('fails')!.attempts[0]!.errors[0]!;
  expect(failing).toMatchObject({ kind: 'assertion-mismatch', location: 'outcomes.spec.ts:12:41' });

  // Artifacts: kinds from content types, bytes of files and of bodies.
  const attachments = jsonAttachments(run.report);
  expect(byTitle.get('attaches')!.artifacts).toEqual([
    // Relative to the output folder: summary.json names no folder of the machine.
    { name: 'notes', kind: 'other', contentType: 'text/plain', bytes: 1234, retry: 0, path: path.relative(path.join(dir, 'panoptic-results'), attachments.find((a) => a.name === 'notes')!.path!) },
    { name: 'inline', kind: 'other', contentType: 'text/plain', bytes: 5, retry: 0 },
    { name: 'screen', kind: 'screenshot', contentType: 'image/png', bytes: 100, retry: 0 },
    { name: 'clip', kind: 'video', contentType: 'video/webm', bytes: 64, retry: 0 },
    { name: 'trace', kind: 'trace', contentType: 'application/zip', bytes: 10, retry: 0 },
  ]);
  // Every other attachment of the run (Playwright's error context of each failed attempt) is "other".
  const others = attachments.filter((a) => !a.contentType.startsWith('image/') && !a.contentType.startsWith('video/') && a.name !== 'trace');
  expect(others.length).toBeGreaterThan(2);
  expect(summary.artifacts).toEqual({
    screenshot: { count: 1, bytes: 100 },
    video: { count: 1, bytes: 64 },
    trace: { count: 1, bytes: 10 },
    other: { count: others.length, bytes: others.reduce((sum, a) => sum + a.bytes, 0) },
  });
});

test('a test timeout is grouped as a timeout failure', async () => {
  // Playwright words it "Test timeout of 500ms exceeded.", unlike an action's "Timeout 500ms exceeded".
  const spec = `
import { test } from '@playwright/test';
test('times out', async () => {
  test.setTimeout(500);
  await new Promise((resolve) => setTimeout(resolve, 30_000));
});
`;
  const dir = writeProject({ 'playwright.config.ts': plainConfig(), 'timeout.spec.ts': spec });
  const run = await runCli(dir, ['test', WITH_PANOPTIC]);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);
  expect(summary.tests[0]!.attempts[0]!.errors[0]!.message).toContain('Test timeout of 500ms exceeded');
  expect(summary.failures).toEqual([{ kind: 'test-timeout', count: 1, tests: ['timeout.spec.ts › times out'], sample: 'Test timeout of 500ms exceeded.' }]);
});

test('two projects, two workers and --repeat-each=3: every project counts what the JSON report counts', async () => {
  const spec = `
import { test, expect } from '@playwright/test';
test('passes', async () => {});
test('fails in beta on the second repeat', async ({}, testInfo) => {
  expect(testInfo.project.name === 'beta' && testInfo.repeatEachIndex === 1).toBe(false);
});
test.skip('is skipped', async () => {});
`;
  const dir = writeProject({
    'playwright.config.ts': plainConfig("fullyParallel: true, projects: [{ name: 'alpha' }, { name: 'beta' }]"),
    'repeat.spec.ts': spec,
  });
  const run = await runCli(dir, ['test', WITH_PANOPTIC, '--workers=2', '--repeat-each=3']);
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);
  const counts = Object.fromEntries(summary.projects.map((p) => [p.name, [p.total, p.passed, p.failed, p.flaky, p.skipped]]));
  expect(counts).toEqual({ alpha: [9, 6, 0, 0, 3], beta: [9, 5, 1, 0, 3] });
  expect(summary.run.workers).toBe(2);
});

test('history does not record a test as passing when one of its repeats failed', async () => {
  const spec = `
import { test, expect } from '@playwright/test';
test('fails on the second repeat', async ({}, testInfo) => { expect(testInfo.repeatEachIndex).not.toBe(1); });
`;
  const dir = writeProject({ 'playwright.config.ts': plainConfig(), 'repeat.spec.ts': spec });
  const run = await runCli(dir, ['test', WITH_PANOPTIC, '--workers=1', '--repeat-each=3']);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);
  expect(summary.totals).toMatchObject({ passed: 2, failed: 1 });
  const history = readStoredHistory(path.join(dir, 'panoptic-results', 'history.json'));
  expect(history.runs[0]!.tests['repeat.spec.ts › fails on the second repeat']![0]).toBe('u');
});

test('--max-failures stops the run: totals equal the JSON report and the tests that never ran are interrupted', async () => {
  const spec = `
import { test, expect } from '@playwright/test';
test('one', async () => {});
test('two fails', async () => { expect(1).toBe(2); });
test('three', async () => {});
test('four', async () => {});
`;
  const dir = writeProject({ 'playwright.config.ts': plainConfig(), 'stop.spec.ts': spec });
  const run = await runCli(dir, ['test', WITH_PANOPTIC, '--max-failures=1', '--workers=1']);
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);
  const notRun = jsonRows(run.report).filter((row) => row.statuses.length === 0);
  expect(notRun.map((row) => row.key)).toEqual(['stop.spec.ts › three', 'stop.spec.ts › four']);
  expect(summary.totals).toMatchObject({ total: 4, passed: 1, failed: 1, skipped: 2, interrupted: notRun.length });
  expect(summary.tests.filter((t) => t.status === 'notRun').map((t) => t.key)).toEqual(notRun.map((row) => row.key));
  expect(summary.run.status).toBe('failed');
  expect(summary.run.errors.map((e) => e.message)).toEqual(run.report!.errors.map((e) => e.message));
});

test('Ctrl-C: summary.json is still written, the run is interrupted, and totals equal the JSON report', async () => {
  const spec = `
import { test } from '@playwright/test';
test('one', async () => {});
test('hangs', async () => {
  console.log('PANOPTIC-TEST-STARTED');
  await new Promise((resolve) => setTimeout(resolve, 120_000));
});
test('three', async () => {});
test('four', async () => {});
`;
  const dir = writeProject({
    'playwright.config.ts': plainConfig("reporter: [['list'], ['json'], ['@panoptic/reporter']]"),
    'interrupt.spec.ts': spec,
  });
  const started = startPlaywright(dir, ['test', '--workers=1']);
  await started.waitForStdout('PANOPTIC-TEST-STARTED');
  started.child.kill('SIGINT');
  const result = await started.done;
  expect(result.exitCode, result.output).not.toBe(0);
  expect(result.stderr).not.toContain('[panoptic-reporter]');
  const report = readReport(dir);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, report);
  expect(summary.run.status).toBe('interrupted');
  const rows = jsonRows(report);
  expect(summary.totals.interrupted).toBe(tally(rows).interrupted);
  expect(summary.totals.interrupted).toBeGreaterThan(0);
  expect(Object.fromEntries(summary.tests.map((t) => [t.title, t.status]))).toEqual({ one: 'passed', hangs: 'interrupted', three: 'notRun', four: 'notRun' });
});

test('a global setup that throws: summary.json says the run failed, with the error and where it was thrown', async () => {
  const dir = writeProject({
    'playwright.config.ts': plainConfig("globalSetup: './global-setup.ts'"),
    'global-setup.ts': `export default async function globalSetup() {\n  throw new Error('database is not reachable');\n}\n`,
    'a.spec.ts': `import { test } from '@playwright/test';\ntest('never runs', async () => {});\n`,
  });
  const run = await runCli(dir, ['test', WITH_PANOPTIC]);
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);
  expect(summary.run.status).toBe('failed');
  expect(summary.run.errors).toEqual([expect.objectContaining({ message: 'Error: database is not reachable', location: 'global-setup.ts:2:9' })]);
  const jsonError = run.report!.errors[0]!;
  expect(summary.run.errors[0]!.location).toBe(`${path.relative(dir, jsonError.location!.file)}:${jsonError.location!.line}:${jsonError.location!.column}`);
});
