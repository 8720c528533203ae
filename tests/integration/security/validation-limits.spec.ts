import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../../helpers/demo.js';
import { runPanoptic, writeProject } from '../../helpers/inline.js';

// What `panoptic validate` accepts, a run must be able to do: limits the runtime, the file system
// or the store would hit later are refused at validation, each at its file:line:col.

const demo = useDemoServer();

const APP = `apps:
  - name: web
    type: web
    url: http://127.0.0.1:9/
`;

test('validate refuses wait_time: 2200000 (a wait Node.js would end after 1 ms) at its file:line:col', async () => {
  const dir = writeProject({ 'suite.yaml': `${APP}    actions:\n      - { name: pause, type: wait, wait_time: 2200000 }\n` });
  const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
  expect(run.exitCode, run.output).toBe(1);
  expect(run.stderr).toContain(
    'error: suite.yaml:6:47 - apps[0].actions[0].wait_time: expected a number of at most 2147483, found a number (2200000); seconds: Node.js timers cannot wait longer than 2^31-1 ms (about 24.8 days)',
  );
});

test('artifact file names with sub-folders (shots/, clips/, reports/) are written into folders the run creates', async () => {
  const suite = `name: Folders
apps:
  - name: web
    type: web
    url: ${demo.url}/
    actions:
      - { name: home, type: screenshot, parameters: { filename: shots/day 1/home.png } }
      - { name: clip, type: record, duration: 1, parameters: { filename: clips/home.webm } }
      - { name: pause, type: wait, wait_time: 1.2 }
      - { name: errors, type: smart_error_detection, parameters: { output: reports/errors.json, fail: false } }
`;
  const dir = writeProject({ 'suite.yaml': suite });
  const validate = await runPanoptic(dir, ['validate', 'suite.yaml']);
  expect(validate.exitCode, validate.output).toBe(0);
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--output', 'out', '--', '--reporter=list,json', '--workers=1']);
  expect(run.exitCode, run.output).toBe(0);
  const written = fs.readdirSync(path.join(dir, 'out', 'test-results'), { recursive: true }).map((file) => String(file).split(path.sep).join('/'));
  for (const file of ['shots/day 1/home.png', 'clips/home.webm', 'reports/errors.json']) {
    expect(written.some((name) => name.endsWith(`/${file}`)), `${file} in ${written.join(', ')}`).toBe(true);
  }
});

test('validate refuses a 6 MB suite file in one line, within seconds, without reading it all', async () => {
  const action = '  - { name: pause, type: wait, wait_time: 1 }\n';
  const dir = writeProject({ 'huge.yaml': `${APP}actions:\n${action.repeat(Math.ceil((6 * 1024 * 1024) / action.length))}` });
  const started = Date.now();
  const run = await runPanoptic(dir, ['validate', 'huge.yaml']);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(run.exitCode, run.output).toBe(1);
  expect(run.stderr).toMatch(/^error: huge\.yaml - suite file is 6\.0 MB; at most 5 MB is read/m);
});
