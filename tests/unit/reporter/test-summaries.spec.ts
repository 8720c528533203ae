import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { SyncResult } from '@panoptic/cloud';
// Unit test of the reporter's internal per-test summaries: imported directly, driven as the reporter drives them.
import { TestSummaries } from '../../../packages/reporter/dist/test-summaries.js';
import { LiveSync } from '../../../packages/reporter/dist/live-sync.js';
import type { RunStore } from '../../../packages/reporter/dist/upload.js';
import { SummarySpool } from '../../../packages/reporter/dist/outputs/summary-spool.js';
import { writeSummaryJson } from '../../../packages/reporter/dist/outputs/json.js';
import { aggregate } from '../../../packages/reporter/dist/aggregate.js';
import { emptyHistory } from '../../../packages/reporter/dist/history.js';

const rootDir = path.join(os.tmpdir(), 'panoptic-test-summaries-unit');

function attempt(retry: number, status: TestResult['status'], attachmentPath?: string): TestResult {
  return {
    retry,
    status,
    duration: 10 * (retry + 1),
    startTime: new Date(0),
    workerIndex: 0,
    // A path of this machine in a message: summary.json names it relative to the output folder.
    errors: status === 'failed' ? [{ message: `Error: expected 1 to be 2 in ${path.join(rootDir, 'x.txt')}` }] : [],
    attachments: attachmentPath ? [{ name: 'screenshot', contentType: 'image/png', path: attachmentPath }] : [],
    steps: [],
  } as unknown as TestResult;
}

/** A TestCase as the Reporter API gives it: `results` grows as attempts begin, `outcome()` follows them. */
function testCase(title: string, retries = 0): TestCase & { results: TestResult[] } {
  const results: TestResult[] = [];
  const project = { name: 'p' };
  return {
    title,
    retries,
    titlePath: () => ['', 'p', 'a.spec.ts', title],
    location: { file: path.join(rootDir, 'a.spec.ts'), line: 1, column: 1 },
    tags: [],
    annotations: [],
    repeatEachIndex: 0,
    results,
    parent: { project: () => project },
    outcome: () => {
      if (!results.length) return 'skipped';
      const passed = results.map((r) => r.status === 'passed');
      return passed.at(-1) ? (passed.includes(false) ? 'flaky' : 'expected') : 'unexpected';
    },
  } as unknown as TestCase & { results: TestResult[] };
}

const suiteOf = (tests: TestCase[]): Suite => ({ allTests: () => tests }) as unknown as Suite;

test('a test is summarized when its attempt ends; a retry, a test that never ran and a moved attachment are summarized again at the end', async () => {
  const warnings: string[] = [];
  const summaries = new TestSummaries(rootDir, new Map([['p', { app: 'shop' }]]), (m) => warnings.push(m));
  const passing = testCase('passes');
  const retried = testCase('retried');
  const neverRan = testCase('never ran');
  const synced = testCase('synced');

  passing.results.push(attempt(0, 'passed'));
  summaries.add(passing);
  retried.results.push(attempt(0, 'failed'));
  summaries.add(retried);
  // The retry began but the run ended before it did: the end sees two attempts, not the one summarized.
  retried.results.push(attempt(1, 'passed'));

  // The sync deletes the synced test's file after the test ended and points its attachment at the stored copy.
  const shot = path.join(rootDir, 'test-results', 'synced', 'shot.png');
  synced.results.push(attempt(0, 'passed', shot));
  summaries.add(synced);
  const store = {
    syncIntervalSeconds: 0,
    syncFiles: (_dir: string, only: readonly string[]) =>
      Promise.resolve({ failed: [], warnings: [], deletedLocal: [...only], backupFailed: [] } as unknown as SyncResult),
    takeBackupFailures: () => [],
    linkOf: (relative: string) => Promise.resolve(`https://cdn.example.com/${relative}`),
  } as unknown as RunStore;
  const live = new LiveSync(Promise.resolve(store), rootDir, new Set(), (m) => warnings.push(m));
  live.add(synced.results[0]!, synced);
  await live.finish();
  expect([...live.moved]).toEqual([synced]);

  const kept = summaries.all(suiteOf([passing, retried, neverRan, synced]));
  const before = kept[0];
  summaries.restale(live.moved);
  const all = summaries.all(suiteOf([passing, retried, neverRan, synced]));

  expect(all.map((s) => s.key)).toEqual(['p › a.spec.ts › passes', 'p › a.spec.ts › retried', 'p › a.spec.ts › never ran', 'p › a.spec.ts › synced']);
  // Made once, when its only attempt ended.
  expect(all[0]).toBe(before);
  expect(all[0]).toMatchObject({ outcome: 'expected', app: 'shop', attempts: [{ status: 'passed' }] });
  expect(all[1]).toMatchObject({ outcome: 'flaky', status: 'passed', durationMs: 30 });
  expect(all[1]!.attempts.map((a) => a.status)).toEqual(['failed', 'passed']);
  expect(all[2]).toMatchObject({ outcome: 'skipped', status: 'notRun', attempts: [] });
  expect(all[3]!.artifacts.map((a) => a.path)).toEqual(['https://cdn.example.com/test-results/synced/shot.png']);
  expect(warnings).toEqual([]);
});

test('summary.json entries spooled as tests end (in any order) give the file that serializing every test at the end gives', async () => {
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-spool-'));
  const spool = new SummarySpool(outputDir);
  const summaries = new TestSummaries(rootDir, new Map(), (m) => expect(m).toBe(''), (summary) => spool.add(summary));
  const [first, retried, failing, changed, neverRan] = [testCase('first', 0), testCase('retried', 1), testCase('failing', 1), testCase('changed', 0), testCase('never ran', 0)];
  const end = (t: TestCase & { results: TestResult[] }, status: TestResult['status']) => {
    t.results.push(attempt(t.results.length, status));
    summaries.add(t);
  };
  // `changed` ended before the history was loaded: spooled once it is, with its history entry.
  // `failing` will be retried: its first summary is not final.
  end(failing, 'failed');
  end(changed, 'passed');
  summaries.historyLoaded(emptyHistory());
  end(retried, 'failed');
  end(first, 'passed');
  end(failing, 'failed');
  end(retried, 'passed');

  const all = summaries.all({ allTests: () => [first, retried, failing, changed, neverRan] } as unknown as Suite);
  const reader = spool.reader()!;
  // A failed attempt with a retry to come is not final; the retry's summary is.
  expect(all.map((s) => reader.entryOf(s) !== undefined)).toEqual([true, true, true, true, false]);
  expect(all.every((s) => s.history?.runs !== undefined)).toBe(true);
  // Changed after it was spooled (as quarantine annotates): serialized again at the end.
  all[3]!.annotations = [{ type: 'quarantined', description: 'known' }];
  spool.forget(all[3]!);

  const summary = aggregate(all, { status: 'failed', startTime: new Date(0), durationMs: 1, playwrightVersion: '1.0.0', workers: 1, shard: null, errors: [] }, { now: new Date(0) });
  await writeSummaryJson(summary, path.join(outputDir, 'summary.json'), spool);
  spool.discard();
  await writeSummaryJson(summary, path.join(outputDir, 'serialized.json'));
  const written = fs.readFileSync(path.join(outputDir, 'summary.json'), 'utf8');
  expect(written).toBe(fs.readFileSync(path.join(outputDir, 'serialized.json'), 'utf8'));
  const tests = (JSON.parse(written) as { tests: { key: string; outcome: string; annotations?: unknown[] }[] }).tests;
  expect(tests.map((t) => [t.key, t.outcome])).toEqual([
    ['p › a.spec.ts › first', 'expected'],
    ['p › a.spec.ts › retried', 'flaky'],
    ['p › a.spec.ts › failing', 'unexpected'],
    ['p › a.spec.ts › changed', 'expected'],
    ['p › a.spec.ts › never ran', 'skipped'],
  ]);
  expect(tests[3]!.annotations).toEqual([{ type: 'quarantined', description: 'known' }]);
  // Spooled entries are portable: paths relative to the output folder.
  expect(written).toContain('"Error: expected 1 to be 2 in ../panoptic-test-summaries-unit/x.txt"');
  // The spool and the work folder it made are gone.
  expect(fs.readdirSync(outputDir).sort()).toEqual(['serialized.json', 'summary.json']);
  fs.rmSync(outputDir, { recursive: true, force: true });
});
