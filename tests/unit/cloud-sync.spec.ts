import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import {
  applyRetention,
  createProvider,
  cloudOptionsFromSettings,
  listRuns,
  runAnalytics,
  syncFolder,
  DEFAULT_TRANSFER,
  MANIFEST_NAME,
  RUN_MARKER_NAME,
  SummaryShapeError,
  type StorageProvider,
  type TransferOptions,
} from '@panoptic/cloud';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-06-15T12:00:00.000Z');
const FAST: TransferOptions = { ...DEFAULT_TRANSFER, concurrency: 4, retryAttempts: 1, retryBackoffMs: 1 };

const made: string[] = [];
function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `panoptic-${name}-`));
  made.push(dir);
  return dir;
}
test.afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

// ---- analytics -------------------------------------------------------------------------------

interface SyntheticTest {
  key: string;
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  durationMs: number;
}

/** A summary.json as the reporter wrote it (version 1), with only consistent numbers in it. */
function summary(startTime: string, durationMs: number, tests: SyntheticTest[], failures: { kind: string; count: number; sample: string }[] = []) {
  const count = (outcome: SyntheticTest['outcome']) => tests.filter((t) => t.outcome === outcome).length;
  return {
    version: 1,
    generatedAt: startTime,
    run: { status: count('unexpected') ? 'failed' : 'passed', startTime, durationMs, playwrightVersion: '1.65.1', workers: 2, shard: null, errors: [] },
    totals: {
      total: tests.length,
      passed: count('expected'),
      failed: count('unexpected'),
      flaky: count('flaky'),
      skipped: count('skipped'),
      interrupted: 0,
      timedOut: 0,
      successRate: null,
      flakyRate: null,
      durationMs: { total: 0, p50: 0, p90: 0, p95: 0, max: 0 },
    },
    projects: [],
    apps: [],
    files: [],
    slowest: [],
    flaky: [],
    failures: failures.map((f) => ({ ...f, tests: [] })),
    artifacts: {},
    history: { runs: 1, newlyFailing: [], newlyFixed: [] },
    tests: tests.map((t) => ({
      key: t.key,
      outcome: t.outcome,
      durationMs: t.durationMs,
      attempts: t.outcome === 'skipped' ? [] : [{ retry: 0, status: 'passed', durationMs: t.durationMs, startTime, workerIndex: 0, errors: [] }],
    })),
    warnings: [],
  };
}

const RUNS = [
  // Given out of order on purpose: "most recent" must come from startTime, not the array order.
  summary(
    '2026-06-03T10:00:00.000Z',
    30_000,
    [
      { key: 'web › login', outcome: 'expected', durationMs: 1_000 },
      { key: 'web › checkout', outcome: 'unexpected', durationMs: 9_000 },
      { key: 'web › search', outcome: 'flaky', durationMs: 3_000 },
      { key: 'web › admin', outcome: 'skipped', durationMs: 0 },
    ],
    [{ kind: 'timeout', count: 1, sample: 'Test timeout of 30000ms exceeded (newest).' }],
  ),
  summary(
    '2026-06-01T10:00:00.000Z',
    10_000,
    [
      { key: 'web › login', outcome: 'expected', durationMs: 3_000 },
      { key: 'web › checkout', outcome: 'unexpected', durationMs: 5_000 },
      { key: 'web › search', outcome: 'expected', durationMs: 1_000 },
      { key: 'web › admin', outcome: 'skipped', durationMs: 0 },
    ],
    [
      { kind: 'assertion', count: 1, sample: 'expect(received).toBe(expected)' },
      { kind: 'timeout', count: 2, sample: 'Test timeout of 30000ms exceeded (oldest).' },
    ],
  ),
  summary('2026-06-02T10:00:00.000Z', 20_000, [
    { key: 'web › login', outcome: 'expected', durationMs: 2_000 },
    { key: 'web › checkout', outcome: 'expected', durationMs: 7_000 },
  ]),
];

test('analytics adds up runs: success rate with flaky counted as passed, skipped left out', () => {
  const analytics = runAnalytics(RUNS, { objects: 42, bytes: 123_456 });
  expect(analytics.runs).toBe(3);
  expect(analytics.totals).toEqual({ tests: 10, passed: 5, failed: 2, flaky: 1, skipped: 2, durationMs: 60_000 });
  // (5 passed + 1 flaky) / (10 tests - 2 skipped)
  expect(analytics.successRate).toBe(6 / 8);
  expect(analytics.flakyRate).toBe(1 / 8);
  expect(analytics.averageDurationMs).toBe(20_000);
  expect(analytics.firstRunAt).toBe('2026-06-01T10:00:00.000Z');
  expect(analytics.lastRunAt).toBe('2026-06-03T10:00:00.000Z');
  expect(analytics.storage).toEqual({ objects: 42, bytes: 123_456 });
});

test('analytics ranks tests by their mean duration over the runs they ran in', () => {
  const { slowestTests } = runAnalytics(RUNS, undefined, { slowest: 3 });
  expect(slowestTests).toEqual([
    { key: 'web › checkout', durationMs: 7_000, runs: 3 }, // (9 + 5 + 7) / 3
    { key: 'web › login', durationMs: 2_000, runs: 3 }, // (1 + 3 + 2) / 3
    { key: 'web › search', durationMs: 2_000, runs: 2 }, // (3 + 1) / 2; ties by key
  ]);
  // A test that never ran (skipped: no attempts) has no duration to rank.
  expect(runAnalytics(RUNS).slowestTests.map((t) => t.key)).not.toContain('web › admin');
});

test('analytics groups failures by kind over all runs, with the newest sample', () => {
  expect(runAnalytics(RUNS).failurePatterns).toEqual([
    { kind: 'timeout', count: 3, sample: 'Test timeout of 30000ms exceeded (newest).' },
    { kind: 'assertion', count: 1, sample: 'expect(received).toBe(expected)' },
  ]);
});

test('analytics of no runs has no rates instead of dividing by zero', () => {
  const analytics = runAnalytics([]);
  expect(analytics).toMatchObject({ runs: 0, successRate: null, flakyRate: null, averageDurationMs: null, slowestTests: [], failurePatterns: [], storage: null });
  // Only skipped tests: nothing ran, so there is no success rate either.
  const skippedOnly = runAnalytics([summary('2026-06-01T00:00:00.000Z', 5, [{ key: 'a', outcome: 'skipped', durationMs: 0 }])]);
  expect(skippedOnly.successRate).toBeNull();
  expect(skippedOnly.averageDurationMs).toBe(5);
});

test('analytics rejects summaries it cannot read, naming every problem by index and key path', () => {
  const broken = summary('2026-06-01T00:00:00.000Z', 1, []) as Record<string, unknown>;
  broken.totals = { ...(broken.totals as object), passed: '3' };
  broken.tests = [{ key: 7, durationMs: 1 }];
  const error = (() => {
    try {
      runAnalytics([RUNS[0], broken, { version: 3 }, 'summary.json']);
    } catch (caught) {
      return caught;
    }
    throw new Error('expected runAnalytics to throw');
  })();
  expect(error).toBeInstanceOf(SummaryShapeError);
  expect((error as SummaryShapeError).problems).toEqual([
    'summary.json at summaries[1] (version 1) is not valid: totals.passed: Invalid input: expected number, received string; tests[0].key: Invalid input: expected string, received number; tests[0].outcome: Invalid option: expected one of "expected"|"unexpected"|"flaky"|"skipped"',
    'summary.json at summaries[2] is version 3; this Panoptic reads versions 1 and 2: upgrade Panoptic to read it',
    'summary.json at summaries[3] is not a JSON object (got string)',
  ]);
});

// ---- retention against the local provider, on a fake clock ----------------------------------

interface RunSpec {
  project: string;
  runId: string;
  ageDays: number;
  bytes: number;
}

/**
 * A local store holding `runs`, each one object under `panoptic/<project>/<run>/all/`, aged by its
 * mtime, with Panoptic's run marker (empty here, so that the byte counts below are the objects').
 */
async function localStore(runs: RunSpec[]): Promise<{ provider: StorageProvider; folder: string }> {
  const folder = tempDir('retention');
  const provider = await createProvider(cloudOptionsFromSettings({ provider: 'local', bucket: folder }, {}));
  for (const run of runs) {
    const key = `panoptic/${run.project}/${run.runId}/all/index.html`;
    const marker = `panoptic/${run.project}/${run.runId}/${RUN_MARKER_NAME}`;
    await provider.put(key, Buffer.alloc(run.bytes, 1), { contentType: 'text/html' });
    await provider.put(marker, Buffer.alloc(0), { contentType: 'application/json' });
    const time = new Date(NOW.getTime() - run.ageDays * DAY);
    for (const file of [key, marker]) fs.utimesSync(path.join(folder, ...file.split('/')), time, time);
  }
  return { provider, folder };
}

const STORE: RunSpec[] = [
  { project: 'web', runId: 'run-1', ageDays: 40, bytes: 4000 },
  { project: 'web', runId: 'run-2', ageDays: 20, bytes: 3000 },
  { project: 'web', runId: 'run-3', ageDays: 10, bytes: 2000 },
  { project: 'web', runId: 'run-4', ageDays: 1, bytes: 1000 },
  // A project whose only run is ancient: it is that project's newest run, so it stays.
  { project: 'api', runId: 'run-1', ageDays: 100, bytes: 500 },
];

const ids = (runs: { project: string; runId: string }[]) => runs.map((run) => `${run.project}/${run.runId}`).sort();

test('retention by days deletes runs older than the cutoff and keeps each project\'s newest', async () => {
  const { provider, folder } = await localStore(STORE);
  const result = await applyRetention(provider, 'panoptic', { days: 15, now: NOW });
  expect(ids(result.deletedRuns)).toEqual(['web/run-1', 'web/run-2']);
  expect(result.deletedRuns.every((run) => run.reason === 'age')).toBe(true);
  expect(ids(result.keptRuns)).toEqual(['api/run-1', 'web/run-3', 'web/run-4']);
  expect(result.bytesFreed).toBe(7000);
  expect(result.bytesBefore).toBe(10_500);
  expect(result.bytesAfter).toBe(3500);
  expect(result.deletedRuns.find((run) => run.runId === 'run-1')?.newest).toEqual(new Date(NOW.getTime() - 40 * DAY));
  expect(ids(await listRuns(provider, 'panoptic'))).toEqual(['api/run-1', 'web/run-3', 'web/run-4']);
  expect(fs.existsSync(path.join(folder, 'panoptic', 'web', 'run-1'))).toBe(false);
});

test('retention by size deletes the oldest runs until the prefix fits, never a project\'s newest', async () => {
  const { provider } = await localStore(STORE);
  // 4,000 bytes allowed of 10,500: oldest first, api/run-1 is protected, web/run-1 and run-2 go.
  const result = await applyRetention(provider, 'panoptic', { maxSizeGb: 4000 / 1024 ** 3, now: NOW });
  expect(result.deletedRuns.map((run) => [run.runId, run.reason])).toEqual([
    ['run-1', 'size'],
    ['run-2', 'size'],
  ]);
  expect(result.bytesAfter).toBe(3500);

  // A limit no deletion can reach: everything but the newest runs goes, and then it stops.
  const all = await applyRetention(provider, 'panoptic', { maxSizeGb: 0, now: NOW });
  expect(ids(all.deletedRuns)).toEqual(['web/run-3']);
  expect(ids(all.keptRuns)).toEqual(['api/run-1', 'web/run-4']);
});

test('retention applies days first, then size; a dry run deletes nothing', async () => {
  const { provider } = await localStore(STORE);
  const dry = await applyRetention(provider, 'panoptic', { days: 30, maxSizeGb: 2500 / 1024 ** 3, now: NOW, dryRun: true });
  expect(dry.dryRun).toBe(true);
  expect(dry.deletedRuns.map((run) => `${run.runId}:${run.reason}`)).toEqual(['run-1:age', 'run-2:size', 'run-3:size']);
  expect(dry.bytesFreed).toBe(9000);
  expect(await listRuns(provider, 'panoptic')).toHaveLength(5);

  const real = await applyRetention(provider, 'panoptic', { days: 30, maxSizeGb: 2500 / 1024 ** 3, now: NOW });
  expect(ids(real.deletedRuns)).toEqual(ids(dry.deletedRuns));
  expect(ids(await listRuns(provider, 'panoptic'))).toEqual(['api/run-1', 'web/run-4']);
});

test('retention counts what lies outside run folders but never deletes it; other prefixes are untouched', async () => {
  const { provider, folder } = await localStore(STORE);
  await provider.put('panoptic/web/history.json', Buffer.alloc(100), { contentType: 'application/json' });
  await provider.put('other/web/run-0/all/x.txt', Buffer.alloc(100), { contentType: 'text/plain' });
  const old = new Date(NOW.getTime() - 365 * DAY);
  for (const key of ['panoptic/web/history.json', 'other/web/run-0/all/x.txt']) fs.utimesSync(path.join(folder, ...key.split('/')), old, old);
  const result = await applyRetention(provider, 'panoptic', { days: 0, now: NOW });
  expect(result.bytesBefore).toBe(10_600);
  expect(ids(result.keptRuns)).toEqual(['api/run-1', 'web/run-4']);
  expect(await provider.head('panoptic/web/history.json')).toBeDefined();
  expect(await provider.head('other/web/run-0/all/x.txt')).toBeDefined();
});

test('retention refuses a policy that makes no sense', async () => {
  const { provider } = await localStore([]);
  await expect(applyRetention(provider, 'panoptic', { days: -1 })).rejects.toThrow('retention days must be a number >= 0, got -1');
  await expect(applyRetention(provider, 'panoptic', { maxSizeGb: Number.NaN })).rejects.toThrow('retention max size');
});

// ---- sync against the local provider ---------------------------------------------------------

/** A provider that fails `put` for keys matching `failing`, as a store refusing them would. */
function failingPuts(inner: StorageProvider, failing: (key: string) => boolean): StorageProvider & { puts: string[] } {
  const puts: string[] = [];
  return {
    name: inner.name,
    location: inner.location,
    acceptsLateProperties: inner.acceptsLateProperties,
    puts,
    async put(key, body, options) {
      puts.push(key);
      if (failing(key)) throw Object.assign(new Error('refused by the test store'), { $metadata: { httpStatusCode: 403 } });
      return inner.put(key, body, options);
    },
    get: (key) => inner.get(key),
    head: (key) => inner.head(key),
    list: (prefix) => inner.list(prefix),
    delete: (keys) => inner.delete(keys),
    signedUrl: (key, seconds) => inner.signedUrl(key, seconds),
  };
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

test('sync uploads only new and changed files; failed ones stay out of the manifest and are retried', async () => {
  const local = tempDir('sync-src');
  const inner = await createProvider(cloudOptionsFromSettings({ provider: 'local', bucket: tempDir('sync-store') }, {}));
  writeFiles(local, { 'a.txt': 'a', 'b/c.json': '{}', 'b/d.png': 'png', 'flaky.txt': 'f' });
  let refuse = true;
  const provider = failingPuts(inner, (key) => refuse && key.endsWith('flaky.txt'));
  const prefix = 'panoptic/web/run-1/all';

  const first = await syncFolder(provider, local, prefix, { transfer: FAST, deleteLocalAfterSync: false });
  expect(first.uploaded.map((f) => f.path)).toEqual(['a.txt', 'b/c.json', 'b/d.png']);
  expect(first.failed.map((f) => f.path)).toEqual(['flaky.txt']);
  expect(first.failed[0]!.cause).toContain('refused by the test store');
  expect(first.manifestSaved).toBe(true);
  const manifest = JSON.parse((await inner.get(`${prefix}/${MANIFEST_NAME}`)).toString());
  expect(Object.keys(manifest.files).sort()).toEqual(['a.txt', 'b/c.json', 'b/d.png']);
  expect(manifest.files['a.txt'].sha256).toBe(sha256('a'));

  refuse = false;
  writeFiles(local, { 'b/c.json': '{"changed":true}', 'new.txt': 'new' });
  provider.puts.length = 0;
  const second = await syncFolder(provider, local, prefix, { transfer: FAST, deleteLocalAfterSync: false });
  expect(second.uploaded.map((f) => f.path)).toEqual(['b/c.json', 'flaky.txt', 'new.txt']);
  expect(second.skipped.map((f) => f.path)).toEqual(['a.txt', 'b/d.png']);
  expect(second.failed).toEqual([]);
  // Only the changed files and the manifest went over the wire.
  expect(provider.puts.sort()).toEqual([`${prefix}/${MANIFEST_NAME}`, `${prefix}/b/c.json`, `${prefix}/flaky.txt`, `${prefix}/new.txt`]);
  expect((await inner.get(`${prefix}/b/c.json`)).toString()).toBe('{"changed":true}');

  provider.puts.length = 0;
  const third = await syncFolder(provider, local, prefix, { transfer: FAST, deleteLocalAfterSync: false });
  expect(third.uploaded).toEqual([]);
  expect(third.skipped).toHaveLength(5);
  expect(provider.puts).toEqual([]);
});

test('sync with deleteLocalAfterSync deletes only files verified in the store', async () => {
  const local = tempDir('sync-delete');
  const inner = await createProvider(cloudOptionsFromSettings({ provider: 'local', bucket: tempDir('sync-store') }, {}));
  const provider = failingPuts(inner, (key) => key.endsWith('refused.txt'));
  const prefix = 'panoptic/web/run-1/all';
  writeFiles(local, { 'kept-from-before.txt': 'old', 'gone-remote.txt': 'gone' });
  // An earlier sync without deletion: both are in the manifest and in the store.
  await syncFolder(provider, local, prefix, { transfer: FAST, deleteLocalAfterSync: false });
  // Behind the manifest's back, one object disappears from the store.
  await inner.delete([`${prefix}/gone-remote.txt`]);
  writeFiles(local, { 'fresh.txt': 'fresh', 'refused.txt': 'no', 'deep/er/x.txt': 'x', 'bad%2e.txt': 'unsafe name' });

  const result = await syncFolder(provider, local, prefix, { transfer: FAST, deleteLocalAfterSync: true });
  // Deleted: the fresh uploads, the unchanged file whose stored copy has the same SHA-256, and the
  // one the manifest wrongly listed (uploaded again first).
  expect(result.deletedLocal).toEqual(['deep/er/x.txt', 'fresh.txt', 'gone-remote.txt', 'kept-from-before.txt']);
  expect(result.skipped).toEqual([{ path: 'kept-from-before.txt', key: `${prefix}/kept-from-before.txt`, bytes: 3, verified: true }]);
  expect(result.uploaded.map((f) => f.path)).toEqual(['deep/er/x.txt', 'fresh.txt', 'gone-remote.txt']);
  expect(result.failed.map((f) => f.path)).toEqual(['bad%2e.txt', 'refused.txt']);
  expect(result.keptLocal).toEqual([
    { path: 'bad%2e.txt', reason: 'its upload failed' },
    { path: 'refused.txt', reason: 'its upload failed' },
  ]);
  expect(fs.readdirSync(local).sort()).toEqual(['bad%2e.txt', 'refused.txt']);
  for (const name of ['fresh.txt', 'gone-remote.txt', 'kept-from-before.txt', 'deep/er/x.txt']) {
    expect(await inner.head(`${prefix}/${name}`), name).toBeDefined();
  }
});

test('sync reports a folder that does not exist and refuses to overwrite its own manifest', async () => {
  const provider = await createProvider(cloudOptionsFromSettings({ provider: 'local', bucket: tempDir('sync-store') }, {}));
  await expect(syncFolder(provider, path.join(os.tmpdir(), 'panoptic-no-such-folder'), 'p', { transfer: FAST, deleteLocalAfterSync: false })).rejects.toThrow(
    'it is not a folder',
  );
  const local = tempDir('sync-reserved');
  writeFiles(local, { [MANIFEST_NAME]: '{"version":1,"files":{}}', 'a.txt': 'a' });
  const result = await syncFolder(provider, local, 'p', { transfer: FAST, deleteLocalAfterSync: true });
  expect(result.failed.map((f) => f.path)).toEqual([MANIFEST_NAME]);
  expect(result.failed[0]!.cause).toContain('reserved for the sync manifest');
  expect(fs.existsSync(path.join(local, MANIFEST_NAME))).toBe(true);
});

test('sync starts over from an unreadable manifest, with a warning', async () => {
  const provider = await createProvider(cloudOptionsFromSettings({ provider: 'local', bucket: tempDir('sync-store') }, {}));
  await provider.put(`p/${MANIFEST_NAME}`, Buffer.from('{not json'), { contentType: 'application/json' });
  const local = tempDir('sync-src');
  writeFiles(local, { 'a.txt': 'a' });
  const result = await syncFolder(provider, local, 'p', { transfer: FAST, deleteLocalAfterSync: false });
  expect(result.warnings).toEqual([expect.stringContaining('is unusable (not JSON')]);
  expect(result.uploaded.map((f) => f.path)).toEqual(['a.txt']);
  expect(JSON.parse((await provider.get(`p/${MANIFEST_NAME}`)).toString()).files['a.txt'].sha256).toBe(sha256('a'));
});
