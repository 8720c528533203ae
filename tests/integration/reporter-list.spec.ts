import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeProject } from '../helpers/inline.js';
import { runCli } from '../helpers/reporter.js';

const config = `
import { defineConfig } from '@playwright/test';
export default defineConfig({ reporter: [['list'], ['@panoptic/reporter']] });
`;
const spec = `
import { test } from '@playwright/test';
test('runs', () => {});
test.skip('is skipped where it is declared', () => {});
`;

test('`playwright test --list` leaves the last run\'s summary, report and history as they were', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'list.spec.ts': spec });
  const out = path.join(dir, 'panoptic-results');
  const run = await runCli(dir, ['test']);
  expect(run.exitCode, run.output).toBe(0);
  const written = ['summary.json', 'history.json', 'report/index.html'].map((file) => fs.readFileSync(path.join(out, file), 'utf8'));

  const listed = await runCli(dir, ['test', '--list']);
  expect(listed.exitCode, listed.output).toBe(0);
  expect(listed.output).toContain('Total: 2 tests in 1 file');
  expect(['summary.json', 'history.json', 'report/index.html'].map((file) => fs.readFileSync(path.join(out, file), 'utf8'))).toEqual(written);
});

test('a run whose only test is skipped where it is declared is still reported', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'skip.spec.ts': "import { test } from '@playwright/test';\ntest.skip('skipped', () => {});\n" });
  const run = await runCli(dir, ['test']);
  expect(run.exitCode, run.output).toBe(0);
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.json'), 'utf8')) as { totals: { total: number; skipped: number } };
  expect(summary.totals).toMatchObject({ total: 1, skipped: 1 });
});
