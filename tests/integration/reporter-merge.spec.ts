import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeProject } from '../helpers/inline.js';
import { OUTCOMES_SPEC, WITH_PANOPTIC, expectSummaryMatchesJson, plainConfig, readStoredHistory, readSummary, runCli, sorted, summaryRows, type StoredRuns } from '../helpers/reporter.js';
import type { Summary } from '@panoptic/reporter/summary';

const SHARDS = 3;

function countsOf(summary: Summary) {
  const { total, passed, failed, flaky, skipped, interrupted, timedOut, successRate, flakyRate } = summary.totals;
  return { total, passed, failed, flaky, skipped, interrupted, timedOut, successRate, flakyRate };
}

function readHistory(dir: string, outputDir: string): StoredRuns {
  return readStoredHistory(path.join(dir, outputDir, 'history.json'));
}

test('three blob shards merged with merge-reports give the summary of the unsharded run; only the merge writes history', async () => {
  const dir = writeProject({ 'playwright.config.ts': plainConfig('fullyParallel: true, retries: 2'), 'outcomes.spec.ts': OUTCOMES_SPEC });
  const move = (from: string, to: string) => fs.renameSync(path.join(dir, from), path.join(dir, to));

  const whole = await runCli(dir, ['test', WITH_PANOPTIC, '--workers=2']);
  expect(whole.exitCode, whole.output).toBe(1);
  const unsharded = readSummary(dir);
  expectSummaryMatchesJson(unsharded, whole.report);
  move('panoptic-results', 'unsharded');

  const shardTotals: number[] = [];
  for (let current = 1; current <= SHARDS; current++) {
    const shard = await runCli(dir, ['test', `--shard=${current}/${SHARDS}`, '--reporter=blob,@panoptic/reporter', '--workers=2'], {
      PLAYWRIGHT_BLOB_OUTPUT_FILE: path.join(dir, 'blobs', `shard-${current}.zip`),
    });
    expect(shard.stderr).not.toContain('[panoptic-reporter]');
    const summary = readSummary(dir);
    expect(summary.run.shard).toEqual({ current, total: SHARDS });
    // A shard is part of a run: history would count it as a run of its own.
    expect(fs.existsSync(path.join(dir, 'panoptic-results', 'history.json'))).toBe(false);
    shardTotals.push(summary.totals.total);
    move('panoptic-results', `shard-${current}`);
  }
  // The shards split the tests between them; none ran them all.
  expect(shardTotals.reduce((a, b) => a + b, 0)).toBe(unsharded.totals.total);
  expect(Math.max(...shardTotals)).toBeLessThan(unsharded.totals.total);

  const merge = await runCli(dir, ['merge-reports', '--reporter=@panoptic/reporter', 'blobs']);
  expect(merge.exitCode, merge.output).toBe(0);
  expect(merge.stderr).not.toContain('[panoptic-reporter]');
  const merged = readSummary(dir);

  // Every test key: the same outcome, status, attempts with their retries, and errors with their locations.
  expect(sorted(summaryRows(merged))).toEqual(sorted(summaryRows(unsharded)));
  expect(countsOf(merged)).toEqual(countsOf(unsharded));
  expect(merged.projects.map((p) => [p.name, p.total, p.passed, p.failed, p.flaky, p.skipped])).toEqual(
    unsharded.projects.map((p) => [p.name, p.total, p.passed, p.failed, p.flaky, p.skipped]),
  );
  expect(merged.flaky).toEqual(unsharded.flaky);
  expect(merged.failures.map((g) => [g.kind, g.count, [...g.tests].sort()])).toEqual(unsharded.failures.map((g) => [g.kind, g.count, [...g.tests].sort()]));
  expect(merged.run).toMatchObject({ status: 'failed', shard: null, errors: [] });
  // Attachments travel inside the blobs: same artifacts, same kinds and sizes.
  const artifacts = (s: Summary) => s.tests.flatMap((t) => t.artifacts.map((a) => `${t.key} ${a.name} ${a.kind} ${a.bytes} #${a.retry}`)).sort();
  expect(artifacts(merged)).toEqual(artifacts(unsharded));
  expect(merged.artifacts).toEqual(unsharded.artifacts);

  // The merge records the whole run once, with every test in it.
  const history = readHistory(dir, 'panoptic-results');
  expect(history.runs).toHaveLength(1);
  expect(history.runs[0]!.tests).toEqual(
    Object.fromEntries(Object.entries(readHistory(dir, 'unsharded').runs[0]!.tests).map(([key, [code]]) => [key, [code, expect.any(Number)]])),
  );
  expect(merged.history.runs).toBe(1);
});
