import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { formatIssue, loadSuite, SuiteValidationError } from '@panoptic/config';
import { WEB_APP, yaml } from './helpers.js';

let dir: string;

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-load-'));
  fs.writeFileSync(path.join(dir, 'web.yaml'), yaml(...WEB_APP));
  fs.writeFileSync(path.join(dir, 'broken.yaml'), yaml(...WEB_APP, '    colour: blue'));
  fs.mkdirSync(path.join(dir, 'folder.yaml'));
});

test.afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function loadError(file: string): string[] {
  try {
    loadSuite(file, { cwd: dir });
  } catch (error) {
    if (error instanceof SuiteValidationError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('expected the suite to be rejected');
}

test('a suite file loads relative to the working directory', () => {
  const loaded = loadSuite('web.yaml', { cwd: dir });
  expect(loaded.file).toBe(path.join(dir, 'web.yaml'));
  expect(loaded.dir).toBe(dir);
  expect(loaded.suite.apps[0]?.name).toBe('web');
});

test('errors in a file name it as given relative to the working directory', () => {
  expect(loadError('broken.yaml')).toEqual([
    'broken.yaml:5:5 - apps[0].colour: unknown key; expected one of: name, type, url, path, platform, emulator, device, timeout, environment, actions, appium',
  ]);
});

test('a missing file is a clear error, with the likely intended file', () => {
  expect(loadError('wbe.yaml')).toEqual(['wbe.yaml - suite file not found; did you mean "web.yaml"?']);
  expect(loadError('nothing-like-it.yaml')).toEqual(['nothing-like-it.yaml - suite file not found']);
  expect(loadError('folder.yaml')).toEqual(['folder.yaml - is a folder; expected a YAML suite file']);
});
