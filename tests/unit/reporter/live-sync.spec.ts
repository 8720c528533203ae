import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { TestResult } from '@playwright/test/reporter';
import type { SyncResult } from '@panoptic/cloud';
// Unit test of the reporter's internal in-run sync: imported directly, with a store that records what it is asked.
import { LiveSync } from '../../../packages/reporter/dist/live-sync.js';
import type { RunStore } from '../../../packages/reporter/dist/upload.js';

const outputDir = path.join(os.tmpdir(), 'panoptic-live-sync-unit');

function fakeStore(syncIntervalSeconds: number | undefined) {
  const batches: string[][] = [];
  const store = {
    syncIntervalSeconds,
    syncFiles: (_dir: string, only: readonly string[]) => {
      batches.push([...only]);
      return Promise.resolve({ failed: [], warnings: [], deletedLocal: [...only], backupFailed: [] } as unknown as SyncResult);
    },
    takeBackupFailures: () => [],
    linkOf: (relative: string) => Promise.resolve(`https://cdn.example.com/${relative}`),
  };
  return { store: store as unknown as RunStore, batches };
}

function result(paths: (string | undefined)[]): TestResult {
  const attachments = paths.map((p, i) => ({ name: `a${i}`, contentType: 'image/png', ...(p ? { path: p } : { body: Buffer.from('x') }) }));
  return { attachments } as unknown as TestResult;
}

test('only attachments under the output folder are synced; once deleted, the attachment points at the stored copy', async () => {
  const { store, batches } = fakeStore(0);
  const warnings: string[] = [];
  const live = new LiveSync(Promise.resolve(store), outputDir, new Set(), (m) => warnings.push(m));
  const inside = path.join(outputDir, 'test-results', 't', 'shot.png');
  const outside = path.join(os.tmpdir(), 'elsewhere', 'shot.png');
  const finished = result([inside, outside, undefined]);
  live.add(finished);
  await live.finish();
  expect(batches).toEqual([['test-results/t/shot.png']]);
  expect(finished.attachments.map((a) => a.path)).toEqual(['https://cdn.example.com/test-results/t/shot.png', outside, undefined]);
  expect(warnings).toEqual([]);
});

test('with sync off, or no store, nothing is queued or uploaded', async () => {
  for (const opening of [Promise.resolve(fakeStore(undefined).store), Promise.resolve(undefined)]) {
    const live = new LiveSync(opening, outputDir, new Set(), () => undefined);
    const finished = result([path.join(outputDir, 'a.png')]);
    live.add(finished);
    await live.finish();
    expect(finished.attachments[0]?.path).toBe(path.join(outputDir, 'a.png'));
  }
  const { store, batches } = fakeStore(undefined);
  const live = new LiveSync(Promise.resolve(store), outputDir, new Set(), () => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  live.add(result([path.join(outputDir, 'b.png')]));
  await live.finish();
  expect(batches).toEqual([]);
});

test('with an interval, files wait for the timer or the end of the run, and go up in one batch', async () => {
  const { store, batches } = fakeStore(3600);
  const live = new LiveSync(Promise.resolve(store), outputDir, new Set(), () => undefined);
  live.add(result([path.join(outputDir, 'one.png')]));
  live.add(result([path.join(outputDir, 'two.png')]));
  await new Promise((resolve) => setImmediate(resolve));
  expect(batches).toEqual([]);
  await live.finish();
  expect(batches).toEqual([['one.png', 'two.png']]);
});
