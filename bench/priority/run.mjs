#!/usr/bin/env node
// adaptive_test_priority: how soon a run shows its first failure, Playwright's default order next to
// the adaptive one, on a YAML suite of 8 web apps whose one failing app (it failed the run before,
// as the history records) comes last in the suite. One worker, so order is the whole story. Rounds
// alternate which variant runs first (bench/lib/rounds.mjs); the untimed warm-up run records the
// failure in the history, as the suite's previous run would. A measurement, not a check: it never
// fails on timings. Writes bench/results/priority.json through bench/lib/result.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';
import { alternatingRounds, pairsOf } from '../lib/rounds.mjs';
import { ciOf, median, pairedRatio, target } from '../lib/stats.mjs';

const record = startResult('priority');
const ROUNDS = roundsFrom(3);
const PASSING_APPS = 7;
const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
if (!fs.existsSync(path.join(repoRoot, 'packages', 'fixtures', 'dist', 'config.js'))) {
  process.stderr.write('priority: the packages are not built; run `npm run build` first.\n');
  process.exit(1);
}
const { startDemoServer } = await import(pathToFileURL(path.join(repoRoot, 'apps', 'demo', 'server.mjs')).href);
const server = await startDemoServer();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-priority-'));
fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-priority', private: true, type: 'module' }));
fs.writeFileSync(
  path.join(dir, 'playwright.config.ts'),
  "import { defineConfig } from '@playwright/test';\nimport { fromSuites } from '@panoptic/fixtures/config';\nexport default defineConfig({ ...fromSuites(['suite.yaml']), workers: 1 });\n",
);

/** A sign-in per app; the last app's button selector is wrong, so it fails after element_timeout. */
function suite(adaptive) {
  const signIn = (name, button) => `  - name: ${name}
    type: web
    url: ${server.url}/login
    actions:
      - { name: user, type: fill, selector: "#username", value: demo }
      - { name: password, type: fill, selector: "#password", value: secret }
      - { name: sign in, type: click, selector: "${button}" }
`;
  const apps = Array.from({ length: PASSING_APPS }, (_, i) => signIn(`app-${i + 1}`, 'text=Sign in')).join('') + signIn('checkout', '#checkout-button');
  return `apps:\n${apps}settings:\n  element_timeout: 2\n  ai_testing:\n    adaptive_test_priority: ${adaptive}\n`;
}

function run(adaptive) {
  fs.writeFileSync(path.join(dir, 'suite.yaml'), suite(adaptive));
  const report = path.join(dir, 'report.json');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = [playwrightCli, 'test', '--reporter=json,@panoptic/reporter'];
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, FORCE_COLOR: '0', PLAYWRIGHT_JSON_OUTPUT_NAME: report, GITHUB_STEP_SUMMARY: '' }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve({ wallMs: Math.round(performance.now() - started), report: JSON.parse(fs.readFileSync(report, 'utf8')) }));
  });
}

/** From the JSON report: the failing test's place in start order, and ms from the run's start to its end. */
function firstFailure({ wallMs, report }) {
  const results = [];
  const visit = (suites) => {
    for (const s of suites) {
      for (const spec of s.specs) for (const t of spec.tests) for (const r of t.results) results.push({ project: t.projectName, status: r.status, start: Date.parse(r.startTime), duration: r.duration });
      visit(s.suites ?? []);
    }
  };
  visit(report.suites);
  results.sort((a, b) => a.start - b.start);
  const index = results.findIndex((r) => r.status === 'failed');
  const failed = results[index];
  return { order: results.map((r) => r.project), firstFailureIndex: index, msToFirstFailure: failed ? failed.start + failed.duration - Date.parse(report.stats.startTime) : null, wallMs };
}

try {
  const samples = await alternatingRounds({ variants: ['default', 'adaptive'], rounds: ROUNDS, measure: async (variant) => firstFailure(await run(variant === 'adaptive')) });
  const summarize = (list) => ({
    order: list[0].order,
    firstFailureIndex: list[0].firstFailureIndex,
    msToFirstFailure: median(list.map((r) => r.msToFirstFailure)),
    wallMs: median(list.map((r) => r.wallMs)),
    rounds: list.map(({ msToFirstFailure, wallMs }) => ({ msToFirstFailure, wallMs })),
  });
  const ratio = pairedRatio(pairsOf(samples, 'adaptive', 'default', 'msToFirstFailure'));
  record.write(
    {
      suite: `${PASSING_APPS + 1} web apps (a sign-in each), the failing one last; workers 1; ${ROUNDS} rounds, medians`,
      default: summarize(samples.default),
      adaptive: summarize(samples.adaptive),
    },
    [
      target('first-failure-time', { label: 'time to the first failure, adaptive vs default order', ...ciOf(ratio), max: 1, unit: '×' }),
      target('first-failure-index', { label: 'place of the failing app in the adaptive order', value: samples.adaptive[0].firstFailureIndex, max: 0 }),
    ],
  );
} finally {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
