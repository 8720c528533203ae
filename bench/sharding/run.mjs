#!/usr/bin/env node
// Playwright's default shard split next to Panoptic's duration-balanced plan, on one synthetic suite
// with skewed durations (tests sleep; the slowest ones come first in file order, as slow end-to-end
// files often do), 4 shards run as 4 processes at once, one worker each.
// A measurement, not a check: it never fails on timings.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SHARDS = 4;
const ROUNDS = 2;
/** From the issue; reported, never enforced. */
const TARGET_VS_IDEAL = 1.05;
const TARGET_VS_DEFAULT = 0.75;
/** Sleep of each test in ms, per file, in file order: 30 s in all, 18.4 s of it in the first file. */
const FILES = {
  'a-checkout.spec.ts': [3000, 2800, 2600, 2400, 2200, 2000, 1800, 1600],
  'b-search.spec.ts': [1200, 1100, 1000, 900, 800, 700, 600, 500],
  'c-profile.spec.ts': [400, 400, 400, 400, 400, 400, 400, 400],
  'd-static.spec.ts': [200, 200, 200, 200, 200, 200, 200, 200],
};

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..', '..');
const resultFile = path.join(repoRoot, 'bench', 'results', 'sharding.json');
const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
const panopticCli = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');
const reporterEntry = path.join(repoRoot, 'packages', 'reporter', 'dist', 'index.js');
if (!fs.existsSync(panopticCli) || !fs.existsSync(reporterEntry)) {
  process.stderr.write('sharding: the packages are not built; run `npm run build` first.\n');
  process.exit(1);
}
const { readHistory, medianDurations } = await import(pathToFileURL(reporterEntry).href);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-sharding-'));
fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-sharding', private: true, type: 'module' }));
fs.writeFileSync(
  path.join(dir, 'playwright.config.ts'),
  [
    "import { defineConfig } from '@playwright/test';",
    // fullyParallel: Playwright's --shard then splits by test, its finest split, and so does the plan.
    "export default defineConfig({ testDir: 'tests', fullyParallel: true, workers: 1, reporter: [['@panoptic/reporter', { outputs: { html: false, markdown: false, prometheus: false } }]] });",
    '',
  ].join('\n'),
);
fs.mkdirSync(path.join(dir, 'tests'));
for (const [file, sleeps] of Object.entries(FILES)) {
  const tests = sleeps.map((ms, i) => `test('${path.basename(file, '.spec.ts')} ${i + 1} sleeps ${ms} ms', async () => { await new Promise((r) => setTimeout(r, ${ms})); });`);
  fs.writeFileSync(path.join(dir, 'tests', file), ["import { test } from '@playwright/test';", ...tests, ''].join('\n'));
}

function run(args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, FORCE_COLOR: '0', GITHUB_STEP_SUMMARY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Math.round(performance.now() - started);
      if (code !== 0) reject(new Error(`${args.slice(1).join(' ')} exited with ${code}:\n${output}`));
      else resolve({ wallMs, output });
    });
  });
}

/** All shards at once, as CI jobs run; each shard's wall time, and the whole run's. */
async function runShards(argsOf) {
  const started = performance.now();
  const shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) => run(...argsOf(i + 1))));
  return { shardWallMs: shards.map((s) => s.wallMs), totalWallMs: Math.round(performance.now() - started) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round3 = (x) => Math.round(x * 1000) / 1000;

process.stdout.write(`sharding: recording durations (one unsharded run, ${SHARDS} workers)\n`);
await run([playwrightCli, 'test', `--workers=${SHARDS}`]);
const durations = medianDurations(readHistory(path.join(dir, 'panoptic-results', 'history.json'), (m) => { throw new Error(m); }));

await run([panopticCli, 'shard', 'plan', '--total', String(SHARDS), '--history', 'panoptic-results/history.json', '--out', 'plan.json']);
const plan = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'));
// Each shard's test list, written before the timed runs: both variants then time the same command,
// `playwright test`, and differ only in which tests each shard gets.
for (let i = 1; i <= SHARDS; i++) {
  await run([panopticCli, 'shard', 'list', '--plan', 'plan.json', '--shard', `${i}/${SHARDS}`, '--out', `shard-${i}.txt`]);
}

/** What Playwright's own --shard=i/N would run, from its own --list, summed from the same history. */
async function defaultSplitEstimate() {
  const estimates = [];
  for (let i = 1; i <= SHARDS; i++) {
    const listFile = path.join(dir, `list-${i}.json`);
    await run([playwrightCli, 'test', '--list', '--reporter=json', `--shard=${i}/${SHARDS}`], { PLAYWRIGHT_JSON_OUTPUT_FILE: listFile });
    const list = JSON.parse(fs.readFileSync(listFile, 'utf8'));
    let sum = 0;
    for (const file of list.suites) for (const spec of file.specs) for (const test of spec.tests) sum += durations.get([test.projectName, spec.file, spec.title].filter(Boolean).join(' › ')) ?? 0;
    estimates.push(sum);
  }
  return estimates;
}
const defaultEstimates = await defaultSplitEstimate();
const totalMs = [...durations.values()].reduce((a, b) => a + b, 0);
const idealMs = totalMs / SHARDS;

const variants = {
  // Both write a blob report per shard, as a CI shard would, and results to a folder of their own
  // (on one machine, shards sharing test-results would clear each other's).
  default: (i) => [
    [playwrightCli, 'test', `--shard=${i}/${SHARDS}`, '--reporter=dot,blob', `--output=default-results-${i}`],
    { PLAYWRIGHT_BLOB_OUTPUT_FILE: path.join(dir, `default-${i}`, 'report.zip') },
  ],
  plan: (i) => [
    [playwrightCli, 'test', '--test-list', `shard-${i}.txt`, '--reporter=dot,blob', `--output=plan-results-${i}`],
    { PANOPTIC_SHARD: `${i}/${SHARDS}`, PLAYWRIGHT_BLOB_OUTPUT_FILE: path.join(dir, `plan-${i}`, 'report.zip') },
  ],
};
const runs = [];
for (let round = 1; round <= ROUNDS; round++) {
  // Alternate which variant goes first, so neither always meets a warmer or busier machine.
  const order = round % 2 ? ['default', 'plan'] : ['plan', 'default'];
  for (const variant of order) {
    const result = await runShards(variants[variant]);
    runs.push({ variant, round, longestShardMs: Math.max(...result.shardWallMs), ...result });
    process.stdout.write(`sharding: round ${round} ${variant}: shards ${result.shardWallMs.join(' / ')} ms, total ${result.totalWallMs} ms\n`);
  }
}

const measured = Object.fromEntries(
  Object.keys(variants).map((variant) => {
    const mine = runs.filter((r) => r.variant === variant);
    return [variant, { longestShardMs: median(mine.map((r) => r.longestShardMs)), totalWallMs: median(mine.map((r) => r.totalWallMs)) }];
  }),
);
const result = {
  name: 'sharding',
  suite: { files: Object.keys(FILES).length, tests: durations.size, recordedTotalMs: Math.round(totalMs), sleepsMs: FILES },
  shards: SHARDS,
  rounds: ROUNDS,
  estimated: {
    idealMs: Math.round(idealMs),
    defaultShardsMs: defaultEstimates.map(Math.round),
    planShardsMs: plan.shards.map((s) => Math.round(s.estimateMs)),
    defaultLongestMs: Math.round(Math.max(...defaultEstimates)),
    planLongestMs: Math.round(plan.makespanMs),
    plan_vs_ideal: round3(plan.makespanMs / idealMs),
    plan_vs_default: round3(plan.makespanMs / Math.max(...defaultEstimates)),
  },
  measured: {
    ...measured,
    plan_vs_default_longest: round3(measured.plan.longestShardMs / measured.default.longestShardMs),
    plan_vs_default_total: round3(measured.plan.totalWallMs / measured.default.totalWallMs),
  },
  runs,
  targets: { plan_vs_ideal: TARGET_VS_IDEAL, plan_vs_default: TARGET_VS_DEFAULT },
  machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), node: process.version, playwright: JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8')).version },
};
fs.mkdirSync(path.dirname(resultFile), { recursive: true });
fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ estimated: result.estimated, measured: result.measured }, null, 2)}\n`);
fs.rmSync(dir, { recursive: true, force: true });
