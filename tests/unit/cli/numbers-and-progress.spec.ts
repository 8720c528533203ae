import { test, expect } from '@playwright/test';
// Unit tests of the CLI's internal helpers: imported directly.
import { CommandError } from '../../../packages/cli/dist/command-error.js';
import { plural } from '../../../packages/cli/dist/format.js';
import { positiveNumber, wholeNumber } from '../../../packages/cli/dist/options/numbers.js';
import { progressText } from '../../../packages/cli/dist/progress.js';

test('whole numbers are digits only, at least the minimum', () => {
  expect(wholeNumber('8', '--concurrency', 1)).toBe(8);
  expect(wholeNumber(' 0 ', '--depth', 0)).toBe(0);
  for (const value of ['0', '', '1.5', '1e2', '0x10', '-3', 'many']) {
    expect(() => wholeNumber(value, '--concurrency', 1), value).toThrow(CommandError);
  }
  expect(() => wholeNumber('abc', '--total', 1)).toThrow('--total: expected a whole number >= 1, got "abc"');
});

test('positive numbers take fractions and zero, not blanks or negatives', () => {
  expect(positiveNumber('0', '--days')).toBe(0);
  expect(positiveNumber('2.5', '--max-size-gb')).toBe(2.5);
  for (const value of ['', ' ', '-1', 'Infinity', 'soon']) expect(() => positiveNumber(value, '--days'), value).toThrow(CommandError);
  expect(() => positiveNumber('-1', '--days')).toThrow('--days: expected a number >= 0, got "-1"');
});

test('plural counts', () => {
  expect(plural(1, 'file')).toBe('1 file');
  expect(plural(0, 'file')).toBe('0 files');
  expect(plural(2, 'run')).toBe('2 runs');
});

test('the progress line shows share, counts, sizes and rate, and fits the terminal', () => {
  const state = { label: 'uploading', done: 90, total: 201, bytes: 62_000_000, totalBytes: 139_000_000, elapsedMs: 2_000 };
  const line = progressText(state, 120);
  expect(line).toMatch(/^uploading \[#+\.+\] 44% 90\/201 files 62 MB\/139 MB 31 MB\/s$/);
  expect(line.match(/\[([#.]+)\]/)?.[1]).toHaveLength(30);
  expect(progressText(state, 40).length).toBeLessThanOrEqual(39);
  expect(progressText({ ...state, done: 0, total: 0, bytes: 0, totalBytes: 0, elapsedMs: 0 }, 80)).toMatch(/ 100% 0\/0 files 0 B\/0 B -$/);
  expect(progressText({ ...state, bytes: 0, totalBytes: 0, done: 1, total: 4 }, 80)).toContain(' 25% 1/4 files');
});
