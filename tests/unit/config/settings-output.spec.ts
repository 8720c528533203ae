import path from 'node:path';
import { test, expect } from '@playwright/test';
import { resolveOutputDir } from '@panoptic/config';
import { CWD, errorsOf, valid, warningsOf, WEB_APP, yaml } from './helpers.js';

// `settings.output` is the performance guide's way to name the output folder.

test('settings.output alone is the output folder, with no warning', () => {
  const text = yaml(...WEB_APP, 'settings:', '  output: fast/results');
  const loaded = valid(text);
  expect(loaded.suite.output).toBe('fast/results');
  expect(loaded.warnings).toEqual([]);
  expect(resolveOutputDir(loaded, { cwd: CWD })).toBe(path.join(CWD, 'fast', 'results'));
});

test('with both, the top-level output wins and settings.output gets a located warning', () => {
  const text = yaml(...WEB_APP, 'output: top', 'settings:', '  output: fast/results');
  expect(valid(text).suite.output).toBe('top');
  expect(warningsOf(text)).toEqual(['suite.yaml:7:3 - settings.output: ignored: the top-level output is used instead (set the folder in one place)']);
});

test('settings.output is checked like the top-level output, and a command-line folder wins over it', () => {
  const climbing = yaml(...WEB_APP, 'settings:', '  output: results/../../elsewhere');
  expect(errorsOf(climbing)).toEqual([
    'suite.yaml:6:11 - settings.output: output folder "results/../../elsewhere" is outside the working directory; use a folder inside it, or give the output folder on the command line',
  ]);
  const loaded = valid(climbing, { outputFromCommandLine: true });
  expect(loaded.suite.output).toBeUndefined();
  expect(loaded.warnings.map((w) => `${w.path.join('.')}: ${w.message}`)).toEqual(['settings.output: ignored: the output folder given on the command line is used instead']);
});
