import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Artifact, Summary, TestSummary } from '@panoptic/reporter/summary';
// Unit test of the reporter's internals: imported directly, driven as the reporter drives them.
import { ReportPrewrite } from '../../../packages/reporter/dist/outputs/html/prewrite.js';
import { writeHtmlReport } from '../../../packages/reporter/dist/outputs/html.js';
import { keepBody } from '../../../packages/reporter/dist/artifact-bodies.js';
import { aggregate } from '../../../packages/reporter/dist/aggregate.js';
import { DEFAULT_LIMITS } from '../../../packages/reporter/dist/outputs/html/limits.js';
import { fakeTest } from './fake-test.js';

/** A failed test with a screenshot given as a body, as `page.screenshot()` attached to a Buffer gives it. */
function failed(key: string, fill: number): TestSummary {
  const screenshot: Artifact = { name: 'screenshot', kind: 'screenshot', contentType: 'image/png', bytes: 4, retry: 0 };
  keepBody(screenshot, Buffer.from([fill, fill, fill, fill]));
  return fakeTest(key, 'unexpected', 10, { artifacts: [screenshot] });
}

const summaryOf = (tests: TestSummary[]): Summary =>
  aggregate(tests, { status: 'failed', startTime: new Date(0), durationMs: 1, playwrightVersion: '1.0.0', workers: 1, shard: null, errors: [] }, { now: new Date(0) });

test('files placed as tests end are what the report links: one it does not link goes, one missing is copied, one of an earlier run stays', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-prewrite-'));
  const tests = [failed('a', 1), failed('b', 2), failed('c', 3)];
  const earlier = path.join(root, 'placed', 'data', 'earlier.png');
  fs.mkdirSync(path.dirname(earlier), { recursive: true });
  fs.writeFileSync(earlier, 'an earlier run');

  // Tests end out of the run's order, and the limit of one failed test a kind leaves room for one:
  // `c` is placed, `a` (first in the run's order, linked) is not.
  const prewrite = new ReportPrewrite(path.join(root, 'placed'), { ...DEFAULT_LIMITS, ...limitsOf(1) });
  prewrite.consider(tests[2]!);
  prewrite.consider(tests[0]!);
  const prewritten = await prewrite.finish();
  expect(prewritten.created.size).toBe(1);

  const placed = await writeHtmlReport(summaryOf(tests), path.join(root, 'placed'), limitsOf(1), { prewritten });
  const copied = await writeHtmlReport(summaryOf(tests), path.join(root, 'copied'), limitsOf(1));
  const files = (dir: string) => fs.readdirSync(path.join(root, dir, 'data')).sort();
  expect(files('placed')).toEqual([...files('copied'), 'earlier.png'].sort());
  expect(fs.readFileSync(placed.file, 'utf8')).toBe(fs.readFileSync(copied.file, 'utf8'));
  expect(placed.copied).toBe(copied.copied);
  fs.rmSync(root, { recursive: true, force: true });
});

/** Limits that show one failed test: in the list of all tests and per failure kind. */
function limitsOf(count: number) {
  return { tests: count, failuresPerKind: count, flaky: count, gallery: count };
}
