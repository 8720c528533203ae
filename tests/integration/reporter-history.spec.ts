import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeProject } from '../helpers/inline.js';
import { expectSummaryMatchesJson, readStoredHistory, readSummary, runCli, warningsIn, type StoredRuns } from '../helpers/reporter.js';

// Reporter options come from the environment so one project can be run with different ones.
const config = `
import { defineConfig } from '@playwright/test';
const history = process.env.HISTORY === 'off' ? false : process.env.MAX_RUNS ? { maxRuns: Number(process.env.MAX_RUNS) } : undefined;
export default defineConfig({ reporter: [['list'], ['json'], ['@panoptic/reporter', { history }]] });
`;

// Outcomes flip between runs through an environment variable; the short waits give every test a
// duration above zero, so a duration ratio exists.
const spec = `
import { test, expect } from '@playwright/test';
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
test('stable', async () => { await settle(); });
test('breaks in the second run', async () => { await settle(); expect(process.env.SECOND_RUN).toBeUndefined(); });
test('is fixed in the second run', async () => { await settle(); expect(process.env.SECOND_RUN).toBe('1'); });
`;

const STABLE = 'history.spec.ts › stable';
const BREAKS = 'history.spec.ts › breaks in the second run';
const FIXED = 'history.spec.ts › is fixed in the second run';

function readHistoryFile(dir: string): StoredRuns {
  return readStoredHistory(path.join(dir, 'panoptic-results', 'history.json'));
}

test('history across runs: newly failing, newly fixed, flaky score and durations; maxRuns trims the file', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'history.spec.ts': spec });

  const first = await runCli(dir, ['test']);
  expect(first.exitCode, first.output).toBe(1);
  const firstSummary = readSummary(dir);
  expectSummaryMatchesJson(firstSummary, first.report);
  const trendPoint = (run: typeof firstSummary, passRate: number) => ({ startTime: run.run.startTime, ran: 3, passRate, flaky: 0, durationMs: Math.round(run.run.durationMs) });
  expect(firstSummary.history).toEqual({ runs: 1, newlyFailing: [], newlyFixed: [], trend: [trendPoint(firstSummary, 2 / 3)] });
  const afterFirst = readHistoryFile(dir);
  expect(afterFirst.runs).toHaveLength(1);
  expect(Object.fromEntries(Object.entries(afterFirst.runs[0]!.tests).map(([key, [code]]) => [key, code]))).toEqual({ [STABLE]: 'e', [BREAKS]: 'e', [FIXED]: 'u' });

  const second = await runCli(dir, ['test'], { SECOND_RUN: '1' });
  expect(second.exitCode, second.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, second.report);
  expect(summary.history).toEqual({ runs: 2, newlyFailing: [BREAKS], newlyFixed: [FIXED], trend: [trendPoint(firstSummary, 2 / 3), trendPoint(summary, 2 / 3)] });
  const byKey = new Map(summary.tests.map((t) => [t.key, t]));
  expect(byKey.get(BREAKS)!.history).toMatchObject({ runs: 2, previousOutcome: 'expected', newlyFailing: true, newlyFixed: false });
  expect(byKey.get(FIXED)!.history).toMatchObject({ runs: 2, previousOutcome: 'unexpected', newlyFailing: false, newlyFixed: true });
  expect(byKey.get(STABLE)!.history).toMatchObject({ runs: 2, flakyScore: 0, previousOutcome: 'expected', newlyFailing: false, newlyFixed: false });
  // One flip in two runs.
  expect(byKey.get(BREAKS)!.history!.flakyScore).toBe(0.5);
  expect(byKey.get(FIXED)!.history!.flakyScore).toBe(0.5);
  // Durations compare with what the history recorded of the first run, where it passed.
  for (const key of [STABLE, BREAKS, FIXED]) expect(afterFirst.runs[0]!.tests[key]![1]).toBe(Math.round(firstSummary.tests.find((t) => t.key === key)!.durationMs));
  const stable = byKey.get(STABLE)!;
  expect(stable.history!.previousMedianMs).toBe(afterFirst.runs[0]!.tests[STABLE]![1]);
  expect(stable.history!.durationRatio).toBeCloseTo(stable.durationMs / stable.history!.previousMedianMs!);
  // A failure's time is not compared: it may have stopped at once, or at its timeout.
  expect(byKey.get(BREAKS)!.history).toMatchObject({ previousMedianMs: afterFirst.runs[0]!.tests[BREAKS]![1] });
  expect(byKey.get(BREAKS)!.history!.durationRatio).toBeUndefined();
  // Its only earlier run failed: no usual time yet.
  expect(byKey.get(FIXED)!.history!.previousMedianMs).toBeUndefined();
  expect(byKey.get(FIXED)!.history!.durationRatio).toBeUndefined();
  const afterSecond = readHistoryFile(dir);
  expect(afterSecond.runs.map((run) => run.startTime)).toEqual([firstSummary.run.startTime, summary.run.startTime]);
  expect(afterSecond.runs[1]!.tests[BREAKS]![0]).toBe('u');

  const third = await runCli(dir, ['test'], { SECOND_RUN: '1', MAX_RUNS: '2' });
  expect(third.exitCode, third.output).toBe(1);
  const thirdSummary = readSummary(dir);
  expect(readHistoryFile(dir).runs.map((run) => run.startTime)).toEqual([summary.run.startTime, thirdSummary.run.startTime]);
  // Nothing changed since the second run: nothing is newly failing or fixed.
  expect(thirdSummary.history.newlyFailing).toEqual([]);
  expect(thirdSummary.history.newlyFixed).toEqual([]);
});

test('history: false writes no history and adds none to the summary', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'history.spec.ts': spec });
  const run = await runCli(dir, ['test'], { HISTORY: 'off' });
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);
  expect(fs.existsSync(path.join(dir, 'panoptic-results', 'history.json'))).toBe(false);
  expect(summary.history).toEqual({ runs: 0, newlyFailing: [], newlyFixed: [] });
  for (const t of summary.tests) expect(t.history).toBeUndefined();
});

test('an unreadable history file is kept aside with one warning, and a new history starts', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'history.spec.ts': spec, 'panoptic-results/history.json': '{ not json' });
  const run = await runCli(dir, ['test']);
  expect(run.exitCode, run.output).toBe(1);
  const summary = readSummary(dir);
  expectSummaryMatchesJson(summary, run.report);
  const warnings = warningsIn(run.stderr);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('could not be read');
  expect(summary.warnings).toHaveLength(1);
  const aside = fs.readdirSync(path.join(dir, 'panoptic-results')).filter((name) => name.startsWith('history.json.unreadable-'));
  expect(aside).toHaveLength(1);
  expect(fs.readFileSync(path.join(dir, 'panoptic-results', aside[0]!), 'utf8')).toBe('{ not json');
  expect(readHistoryFile(dir).runs).toHaveLength(1);
  expect(summary.history.runs).toBe(1);
});
