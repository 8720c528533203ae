import { test, expect } from '@playwright/test';
import { folderOfKey } from '../../../packages/server/dist/domain/runs-artifact-folders.js';

// The store folder a run's artifact key is bound by: everything before the run id in the
// reporter's layout `<store prefix>/<store project>/<run id>/<shard>/<path>`.

test('the folder is the key up to the segment before the run id, whatever the prefix depth', () => {
  expect(folderOfKey('demo/run-1/all/home.png', 'run-1')).toBe('demo/');
  expect(folderOfKey('ci/nightly/shop/run-1/2-of-3/data/trace.zip', 'run-1')).toBe('ci/nightly/shop/');
  // The first match: a file path holding the run id again does not move the folder.
  expect(folderOfKey('shop/run-1/all/run-1/x/home.png', 'run-1')).toBe('shop/');
});

test('a key off the layout has no folder, so it is stored but never linked', () => {
  expect(folderOfKey('shop/home.png', 'run-1'), 'no run id').toBeUndefined();
  expect(folderOfKey('run-1/all/home.png', 'run-1'), 'no folder before the run id').toBeUndefined();
  expect(folderOfKey('shop/run-1/home.png', 'run-1'), 'no shard before the file').toBeUndefined();
  expect(folderOfKey('demo/run-1/all/../../../outside.txt', 'run-1'), 'climbs out').toBeUndefined();
  expect(folderOfKey('shop/../demo/run-1/all/home.png', 'run-1'), 'climbs into another folder').toBeUndefined();
  expect(folderOfKey('shop//run-1/all/home.png', 'run-1'), 'an empty segment').toBeUndefined();
  expect(folderOfKey('shop\\x/run-1/all/home.png', 'run-1'), 'a backslash').toBeUndefined();
});
