import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { aggregate } from '@panoptic/reporter';
// Unit test of the reporter's internal serialized test entries: imported directly.
import { cachedTestJson, forgetTestJson, TestJsonCache } from '../../../packages/reporter/dist/outputs/test-json.js';
import { writeSummaryJson } from '../../../packages/reporter/dist/outputs/json.js';
import { fakeTest } from './fake-test.js';

/** The entry as summary.json will hold it: the kept bytes, then the history in place of their closing brace. */
function entryOf(cached: { bytes: Buffer; tail?: string } | undefined): unknown {
  return JSON.parse(cached!.bytes.toString('utf8') + (cached!.tail ?? ''));
}

const run = { status: 'failed' as const, startTime: new Date(0), durationMs: 5, playwrightVersion: '1.0.0', workers: 1, shard: null, errors: [] };

test('summary.json copies the entries serialized when the tests ended, adds their history, and serializes again what changed since', async () => {
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-test-json-'));
  const shot = path.join(outputDir, 'test-results', 'shot.png');
  const tests = [
    fakeTest('plain', 'expected', 10),
    fakeTest('with a file', 'unexpected', 20, { artifacts: [{ name: 'screenshot', kind: 'screenshot', contentType: 'image/png', bytes: 3, retry: 0, path: shot }] }),
    fakeTest('relearned', 'unexpected', 30),
    fakeTest('changed', 'expected', 40),
    fakeTest('quarantined', 'unexpected', 50, { annotations: [{ type: 'issue' }] }),
  ];
  tests[2]!.attempts[0]!.errors.push({ message: 'Error: boom', kind: 'unknown', confidence: 0.5 });
  const cache = new TestJsonCache(outputDir);
  for (const t of tests) cache.add(t);

  // Paths relative to the output folder, as summary.json names them.
  expect(entryOf(cachedTestJson(tests[1]!, outputDir))).toMatchObject({ artifacts: [{ path: 'test-results/shot.png' }] });
  expect(cachedTestJson(tests[0]!, path.join(outputDir, 'elsewhere'))).toBeUndefined();

  tests[0]!.history = { runs: 2, flakyScore: 0, newlyFailing: false, newlyFixed: false, previousOutcome: 'expected' };
  expect(cachedTestJson(tests[0]!, outputDir)!.tail).toContain('"history"');
  expect(entryOf(cachedTestJson(tests[0]!, outputDir))).toEqual(JSON.parse(JSON.stringify(tests[0])));
  // enable_learning changes confidences in place, and forgets the copy.
  tests[2]!.attempts[0]!.errors[0]!.confidence = 0.9;
  forgetTestJson(tests[2]!);
  expect(cachedTestJson(tests[2]!, outputDir)).toBeUndefined();
  // A field other than the history added afterwards: the copy no longer says the same.
  tests[3]!.healed = [];
  expect(cachedTestJson(tests[3]!, outputDir)).toBeUndefined();
  // A field set anew (the quarantine's annotation): the copy no longer says the same either.
  tests[4]!.annotations = [...tests[4]!.annotations!, { type: 'quarantined', description: 'flaky (until 2027-01-01)' }];
  expect(cachedTestJson(tests[4]!, outputDir)).toBeUndefined();

  const summary = aggregate(tests, run, { now: new Date(0) });
  const file = path.join(outputDir, 'summary.json');
  await writeSummaryJson(summary, file);
  const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { tests: unknown[] };
  const expected = tests.map((t) => JSON.parse(JSON.stringify({ ...t, artifacts: t.artifacts.map((a) => (a.path ? { ...a, path: path.relative(outputDir, a.path) } : a)) })) as unknown);
  expect(written.tests).toEqual(expected);
  fs.rmSync(outputDir, { recursive: true, force: true });
});
