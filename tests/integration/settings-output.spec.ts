import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { filesUnder } from '../helpers/playwright-report.js';

const demo = useDemoServer();

test("settings.output, the performance guide's form, is the run's output folder", async () => {
  const dir = writeProject({
    'suite.yaml': [
      'name: Guide',
      'apps:',
      '  - name: home',
      '    type: web',
      `    url: ${demo.url}`,
      '    actions:',
      '      - { name: shot, type: screenshot, parameters: { filename: home.png } }',
      'settings:',
      '  output: fast/results',
      '',
    ].join('\n'),
  });
  const run = await runPanoptic(dir, ['run', 'suite.yaml']);
  expect(run.exitCode, run.output).toBe(0);
  expect(run.output).not.toContain('settings.output');
  const output = path.join(dir, 'fast', 'results');
  expect(fs.existsSync(path.join(output, 'summary.json'))).toBe(true);
  expect(filesUnder(output).some((file) => file.endsWith('home.png'))).toBe(true);
  expect(fs.existsSync(path.join(dir, 'panoptic-results'))).toBe(false);
});
