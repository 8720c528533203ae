import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { runPanoptic, runPlaywright, writeProject, type InlineRun } from '../../helpers/inline.js';

// A mistake in how `panoptic` is called, or a folder it cannot use, is the user's to fix: it gets
// one clear line and a non-zero exit code, never a stack trace, and nothing runs.

const SUITE = `name: Smoke
apps:
  - name: home
    type: web
    url: http://127.0.0.1:9/
`;

function expectOneLineError(run: InlineRun, pattern: RegExp): void {
  expect(run.exitCode, run.output).not.toBe(0);
  const errors = run.stderr.split('\n').filter((line) => line.startsWith('error: '));
  expect(errors, run.output).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
  expect(run.output).not.toMatch(/^\s+at /m);
  expect(run.output).not.toMatch(/node:internal|\.js:\d+:\d+/);
  expect(run.stdout).not.toContain('Running');
}

test('run --output under a file: one line naming the file in the way, no stack trace', async () => {
  const dir = writeProject({ 'suite.yaml': SUITE, 'notes.txt': 'a file, not a folder' });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--output', 'notes.txt/out']);
  expectOneLineError(run, /^error: output folder "notes\.txt\/out" cannot be used: "notes\.txt" is a file, not a folder/);
});

test('run --output naming an existing file: one line, no stack trace', async () => {
  const dir = writeProject({ 'suite.yaml': SUITE, 'notes.txt': 'a file, not a folder' });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--output', 'notes.txt']);
  expectOneLineError(run, /^error: output folder "notes\.txt" cannot be used: it is a file, not a folder/);
  expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('a file, not a folder');
});

test('run --output with a folder name longer than the file system allows: one line, no stack trace', async () => {
  const dir = writeProject({ 'suite.yaml': SUITE });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--output', 'x'.repeat(300)]);
  expectOneLineError(run, /^error: output folder "x+" cannot be used: a folder name in it is longer than the file system allows/);
});

test('run into an output folder holding a file named .panoptic: one line naming it, no stack trace', async () => {
  const dir = writeProject({ 'suite.yaml': SUITE, 'out/.panoptic': 'not a folder' });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--output', 'out']);
  expectOneLineError(run, /^error: output folder "out" cannot be used: "out\/\.panoptic" is a file, not a folder/);
});

test('validate a suite path under a file: one line, no stack trace', async () => {
  const dir = writeProject({ 'notes.txt': 'a file' });
  const run = await runPanoptic(dir, ['validate', 'notes.txt/suite.yaml']);
  expectOneLineError(run, /^error: notes\.txt\/suite\.yaml - suite file not found: a part of its path is a file, not a folder$/);
});

test("a suite's own output under a file: one line, no stack trace", async () => {
  const dir = writeProject({ 'suite.yaml': `${SUITE}output: notes.txt/out\n`, 'notes.txt': 'a file' });
  const run = await runPanoptic(dir, ['run', 'suite.yaml']);
  expectOneLineError(run, /^error: output folder "notes\.txt\/out" cannot be used: "notes\.txt" is a file, not a folder/);
});

test('run with the same app name in two suites: a located error for each repeat, no stack trace', async () => {
  const other = SUITE.replace('name: Smoke', 'name: Other');
  const dir = writeProject({ 'a.yaml': SUITE, 'b.yaml': other });
  const run = await runPanoptic(dir, ['run', 'a.yaml', 'b.yaml']);
  expectOneLineError(run, /^error: b\.yaml:3:11 - apps\[0\]\.name: app name "home" is also used by a\.yaml:3:11/);
  expect(run.stderr).toContain('nothing was run');
});

test('validate with the same app name in two suites: a located error and exit code 1', async () => {
  const other = SUITE.replace('name: Smoke', 'name: Other');
  const dir = writeProject({ 'a.yaml': SUITE, 'b.yaml': other });
  const run = await runPanoptic(dir, ['validate', 'a.yaml', 'b.yaml']);
  expectOneLineError(run, /^error: b\.yaml:3:11 - apps\[0\]\.name: app name "home" is also used by a\.yaml:3:11 .*app names must be unique across the suites of a run/);
  expect(run.stdout).not.toContain('valid');
});

test('playwright test with fromSuites and the same app name in two suites: a located error, no stack trace', async () => {
  const other = SUITE.replace('name: Smoke', 'name: Other');
  const config = [
    "import { fromSuites } from '@panoptic/fixtures/config';",
    "export default { ...fromSuites(['a.yaml', 'b.yaml']) };",
    '',
  ].join('\n');
  const dir = writeProject({ 'a.yaml': SUITE, 'b.yaml': other, 'playwright.config.ts': config });
  const run = await runPlaywright(dir);
  expect(run.exitCode).not.toBe(0);
  expect(run.output).toMatch(/b\.yaml:3:11 - apps\[0\]\.name: app name "home" is also used by a\.yaml:3:11/);
});
