import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
// Unit tests of the reporter's internal history modules: imported directly.
import { appendRun, emptyHistory, writeHistory } from '../../../packages/reporter/dist/history.js';
import { readHistorySnapshot, updateHistoryFile } from '../../../packages/reporter/dist/history-file.js';
import { fakeTest } from './fake-test.js';

// appendRun reuses earlier runs when their keys keep their places and remaps them otherwise; both
// paths must store the same thing.

test('earlier runs keep their codes and times when keys stay in place, new tests are padded in', () => {
  const first = appendRun(emptyHistory(), new Date(1), [fakeTest('a', 'expected', 10), fakeTest('b', 'unexpected', 20)]);
  const second = appendRun(first, new Date(2), [fakeTest('b', 'expected', 21), fakeTest('c', 'flaky', 30), fakeTest('a', 'skipped', 0)]);
  expect(second.keys).toEqual(['p › a.spec.ts › a', 'p › a.spec.ts › b', 'p › a.spec.ts › c']);
  expect(second.runs.map(({ codes, durations }) => ({ codes, durations }))).toEqual([
    { codes: 'eu-', durations: [10, 20, 0] },
    { codes: 'sef', durations: [0, 21, 30] },
  ]);
});

test('a key no kept run has leaves, and the others move up with their codes and times', () => {
  let history = appendRun(emptyHistory(), new Date(1), [fakeTest('gone', 'expected', 5), fakeTest('a', 'unexpected', 10)]);
  history = appendRun(history, new Date(2), [fakeTest('a', 'expected', 11), fakeTest('b', 'expected', 12)]);
  const kept = appendRun(history, new Date(3), [fakeTest('b', 'flaky', 13), fakeTest('gone', 'expected', 6)], 2);
  // Run 1 is dropped: 'gone' is placed by this run, after the keys the kept run uses.
  expect(kept.keys).toEqual(['p › a.spec.ts › a', 'p › a.spec.ts › b', 'p › a.spec.ts › gone']);
  expect(kept.runs.map(({ codes, durations }) => ({ codes, durations }))).toEqual([
    { codes: 'ee-', durations: [11, 12, 0] },
    { codes: '-fe', durations: [0, 13, 6] },
  ]);
});

test('the history read at the start is reused under the lock unless the file changed in between', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-history-'));
  const file = path.join(dir, 'history.json');
  writeHistory(file, appendRun(emptyHistory(), new Date(1), [fakeTest('a', 'expected', 10)]));
  const warn = (message: string): void => {
    throw new Error(message);
  };
  const known = readHistorySnapshot(file, warn);
  const bases: unknown[] = [];
  await updateHistoryFile(file, (base) => (bases.push(base), base), warn, known);
  expect(bases[0]).toBe(known);
  // Another reporter wrote a run in between: its run must not be lost.
  writeHistory(file, appendRun(known, new Date(2), [fakeTest('b', 'expected', 20)]));
  await updateHistoryFile(file, (base) => (bases.push(base), base), warn, known);
  expect(bases[1]).not.toBe(known);
  expect((bases[1] as typeof known).runs).toHaveLength(2);
  fs.rmSync(dir, { recursive: true, force: true });
});
