import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../../helpers/demo.js';
import { runPanoptic, writeProject, type InlineRun } from '../../helpers/inline.js';

// Two `panoptic run`s started together must never play each other's suites, and must never write
// one output folder at the same time: either each runs its own tests, or the later one stops
// before running anything and says why.

const demo = useDemoServer();

/** A suite with one app that stays busy long enough for a second run to start while it runs. */
function suite(app: string, url: string): string {
  return `name: ${app} suite
apps:
  - name: ${app}
    type: web
    url: ${url}/
    actions:
      - { name: hold, type: wait, wait_time: 2 }
`;
}

function ranOwnTestsOnly(run: InlineRun, own: string, other: string): void {
  expect(run.exitCode, run.output).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`\\[${own}\\]`));
  expect(run.stdout).not.toMatch(new RegExp(`\\[${other}\\]`));
}

function refusedBeforeRunning(run: InlineRun, other: string): void {
  expect(run.exitCode, run.output).not.toBe(0);
  expect(run.stderr).toMatch(/output folder .* is in use by another `panoptic run`/);
  expect(run.stdout).not.toMatch(new RegExp(`\\[${other}\\]`));
  expect(run.stdout).not.toContain('Running');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

async function startTwo(dir: string, outputs: [string, string]): Promise<[InlineRun, InlineRun]> {
  const first = runPanoptic(dir, ['run', 'alpha.yaml', '--output', outputs[0]]);
  await sleep(300);
  const second = runPanoptic(dir, ['run', 'beta.yaml', '--output', outputs[1]]);
  return Promise.all([first, second]);
}

test('two runs of different suites into one output folder: one runs its own suite, the other stops before running', async () => {
  const dir = writeProject({ 'alpha.yaml': suite('alpha', demo.url), 'beta.yaml': suite('beta', demo.url) });
  const [alpha, beta] = await startTwo(dir, ['shared', 'shared']);
  const ran = [alpha, beta].filter((run) => run.exitCode === 0);
  expect(ran.length, `${alpha.output}\n----\n${beta.output}`).toBe(1);
  if (alpha.exitCode === 0) {
    ranOwnTestsOnly(alpha, 'alpha', 'beta');
    refusedBeforeRunning(beta, 'alpha');
  } else {
    ranOwnTestsOnly(beta, 'beta', 'alpha');
    refusedBeforeRunning(alpha, 'beta');
  }
  // The generated configs and the lock are gone once both have finished.
  const leftovers = fs.readdirSync(path.join(dir, 'shared', '.panoptic'));
  expect(leftovers).toEqual([]);
});

test('two runs of different suites into different output folders at once each run their own suite', async () => {
  const dir = writeProject({ 'alpha.yaml': suite('alpha', demo.url), 'beta.yaml': suite('beta', demo.url) });
  const [alpha, beta] = await startTwo(dir, ['out-a', 'out-b']);
  ranOwnTestsOnly(alpha, 'alpha', 'beta');
  ranOwnTestsOnly(beta, 'beta', 'alpha');
  expect(fs.readdirSync(path.join(dir, 'out-a', '.panoptic'))).toEqual([]);
  expect(fs.readdirSync(path.join(dir, 'out-b', '.panoptic'))).toEqual([]);
});

test('a run whose generated config name is taken by a stale file still runs its own suite and leaves that file alone', async () => {
  const planted = 'throw new Error("planted config was loaded");\n';
  // A config an older `panoptic run` left behind, or a file planted under the old fixed name.
  const dir = writeProject({ 'alpha.yaml': suite('alpha', demo.url), 'shared/.panoptic/playwright.config.mjs': planted });
  const run = await runPanoptic(dir, ['run', 'alpha.yaml', '--output', 'shared']);
  ranOwnTestsOnly(run, 'alpha', 'beta');
  expect(run.output).not.toContain('planted config was loaded');
  expect(fs.readdirSync(path.join(dir, 'shared', '.panoptic'))).toEqual(['playwright.config.mjs']);
  expect(fs.readFileSync(path.join(dir, 'shared', '.panoptic', 'playwright.config.mjs'), 'utf8')).toBe(planted);
});
