import { test, expect } from '@playwright/test';
import { HISTORY_VERSION, readHistory } from '@panoptic/model/history';
// The reporter's history building is internal: this test pins what it writes to the model's contract.
import { appendRun, emptyHistory, parseHistory } from '../../../packages/reporter/dist/history.js';

test('history.json as the reporter writes it parses', () => {
  const history = appendRun(emptyHistory(), new Date(0), []);
  expect(readHistory(JSON.parse(JSON.stringify(history)), 'history.json')).toEqual(history);
  expect(history.version).toBe(HISTORY_VERSION);
});

test('history.json of another version says which it is and which this Panoptic reads', () => {
  expect(() => readHistory({ version: 3, keys: [], runs: [] }, 'out/history.json')).toThrow(
    'history.json at out/history.json is version 3; this Panoptic reads version 2: upgrade Panoptic to read it',
  );
  expect(() => parseHistory('{"version":1,"tests":{}}', 'out/history.json')).toThrow(
    'history.json at out/history.json is version 1; this Panoptic reads version 2: move it aside and let the next run start a new history',
  );
});

test('a malformed history.json names the field', () => {
  expect(() => readHistory({ version: 2, keys: ['a'], runs: [{ startTime: '', codes: 'x', durations: [1] }] }, 'h')).toThrow(
    'history.json at h (version 2) is not valid: runs[0].codes: expected outcome codes (e, u, f, s or -)',
  );
});

test('durations are checked in place: a negative or missing one names its run, a valid history keeps the arrays it was read with', () => {
  for (const durations of [[1, -1], [1, '2'], [1, null], 'x']) {
    expect(() => readHistory({ version: 2, keys: ['a', 'b'], runs: [{ startTime: '', codes: 'ee', durations: [1, 1] }, { startTime: '', codes: 'ee', durations }] }, 'h')).toThrow(
      'history.json at h (version 2) is not valid: runs[1].durations: expected an array of durations (non-negative numbers)',
    );
  }
  const durations = [0, 2.5];
  expect(readHistory({ version: 2, keys: ['a', 'b'], runs: [{ startTime: '', codes: 'e-', durations }] }, 'h').runs[0]!.durations).toBe(durations);
});
