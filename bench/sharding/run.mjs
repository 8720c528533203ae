#!/usr/bin/env node
// Playwright's default shard split next to Panoptic's duration-balanced plan, measured: a suite with
// skewed durations (tests sleep) in two orders, Playwright's worst case (the slowest tests first in
// file order, as slow end-to-end files often come first, so its contiguous split gives them all to
// shard 1) and a seeded random one; 4 shards run as 4 processes at once, one worker each.
// The target: the plan's longest shard within 5% of ideal, ideal being the recorded test time / 4
// plus one shard's start-up (4 shards of one empty test each, run at once, in the same round).
// A measurement, not a check: it never fails on timings; its targets read met, missed or undecided.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';
import { alternatingRounds, pairsOf } from '../lib/rounds.mjs';
import { ciOf, median, pairedRatio, random, target } from '../lib/stats.mjs';

const SHARDS = 4;
const ROUNDS = roundsFrom(5);
/** From the issue: the measured longest shard within 5% of ideal. */
const TARGET_VS_IDEAL = 1.05;
/** Sleep of each test in ms, per file, in file order: 34 s in all, 18.4 s of it in the first file. */
const FILES = {
  'a-checkout.spec.ts': [3000, 2800, 2600, 2400, 2200, 2000, 1800, 1600],
  'b-search.spec.ts': [1200, 1100, 1000, 900, 800, 700, 600, 500],
  'c-profile.spec.ts': [400, 400, 400, 400, 400, 400, 400, 400],
  'd-static.spec.ts': [200, 200, 200, 200, 200, 200, 200, 200],
};

/** The same sleeps dealt to the same files in a seeded random order. */
function shuffled(files) {
  const next = random(7);
  const sleeps = Object.values(files).flat();
  for (let i = sleeps.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [sleeps[i], sleeps[j]] = [sleeps[j], sleeps[i]];
  }
  return Object.fromEntries(Object.entries(files).map(([file, list], f) => [file, sleeps.slice(f * list.length, (f + 1) * list.length)]));
}
const ORDERS = { worst: FILES, random: shuffled(FILES) };

const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
const panopticCli = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');
const reporterEntry = path.join(repoRoot, 'packages', 'reporter', 'dist', 'index.js');
if (!fs.existsSync(panopticCli) || !fs.existsSync(reporterEntry)) {
  process.stderr.write('sharding: the packages are not built; run `npm run build` first.\n');
  process.exit(1);
}
const { readHistory, medianDurations } = await import(pathToFileURL(reporterEntry).href);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-sharding-'));
let dir = root;

function writeSuite(files) {
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-sharding', private: true, type: 'module' }));
  const config = (testDir) =>
    [
      "import { defineConfig } from '@playwright/test';",
      // fullyParallel: Playwright's --shard then splits by test, its finest split, and so does the plan.
      `export default defineConfig({ testDir: '${testDir}', fullyParallel: true, workers: 1, reporter: [['@panoptic/reporter', { outputs: { html: false, markdown: false, prometheus: false } }]] });`,
      '',
    ].join('\n');
  fs.writeFileSync(path.join(dir, 'playwright.config.ts'), config('tests'));
  // A shard's start-up: the same config, an empty test.
  fs.writeFileSync(path.join(dir, 'startup.config.ts'), config('startup'));
  fs.mkdirSync(path.join(dir, 'startup'));
  fs.writeFileSync(path.join(dir, 'startup', 'empty.spec.ts'), "import { test } from '@playwright/test';\ntest('starts', () => {});\n");
  fs.mkdirSync(path.join(dir, 'tests'));
  for (const [file, sleeps] of Object.entries(files)) {
    const tests = sleeps.map((ms, i) => `test('${path.basename(file, '.spec.ts')} ${i + 1} sleeps ${ms} ms', async () => { await new Promise((r) => setTimeout(r, ${ms})); });`);
    fs.writeFileSync(path.join(dir, 'tests', file), ["import { test } from '@playwright/test';", ...tests, ''].join('\n'));
  }
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

const round3 = (x) => Math.round(x * 1000) / 1000;

/** What Playwright's own --shard=i/N would run, from its own --list, summed from the same history. */
async function defaultSplitEstimate(durations) {
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

/** One order of the suite: record durations, plan, then paired rounds of default, plan and start-up. */
async function measureOrder(order, files) {
  dir = path.join(root, order);
  fs.mkdirSync(dir);
  writeSuite(files);
  process.stdout.write(`sharding ${order}: recording durations (one unsharded run, ${SHARDS} workers)\n`);
  await run([playwrightCli, 'test', `--workers=${SHARDS}`]);
  const durations = medianDurations(readHistory(path.join(dir, 'panoptic-results', 'history.json'), (m) => { throw new Error(m); }));

  await run([panopticCli, 'shard', 'plan', '--total', String(SHARDS), '--history', 'panoptic-results/history.json', '--out', 'plan.json']);
  const plan = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'));
  // Each shard's test list, written before the timed runs: both variants then time the same command,
  // `playwright test`, and differ only in which tests each shard gets.
  for (let i = 1; i <= SHARDS; i++) {
    await run([panopticCli, 'shard', 'list', '--plan', 'plan.json', '--shard', `${i}/${SHARDS}`, '--out', `shard-${i}.txt`]);
  }

  const defaultEstimates = await defaultSplitEstimate(durations);
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
  variants.startup = (i) => [[playwrightCli, 'test', '-c', 'startup.config.ts', '--reporter=dot,blob', `--output=startup-results-${i}`], { PLAYWRIGHT_BLOB_OUTPUT_FILE: path.join(dir, `startup-${i}`, 'report.zip') }];
  const samples = await alternatingRounds({
    variants: ['default', 'plan', 'startup'],
    rounds: ROUNDS,
    warmup: false,
    measure: async (variant) => {
      const result = await runShards(variants[variant]);
      return { longestShardMs: Math.max(...result.shardWallMs), ...result };
    },
  });
  // Each round's ideal uses that round's start-up, measured beside it.
  samples.ideal = samples.startup.map((s) => ({ longestShardMs: totalMs / SHARDS + s.longestShardMs }));
  const vsIdeal = pairedRatio(pairsOf(samples, 'plan', 'ideal', 'longestShardMs'));
  const vsDefault = pairedRatio(pairsOf(samples, 'plan', 'default', 'longestShardMs'));
  const data = {
    suite: { files: Object.keys(files).length, tests: durations.size, recordedTotalMs: Math.round(totalMs), sleepsMs: files },
    estimated: {
      idealWithoutStartupMs: Math.round(idealMs),
      defaultShardsMs: defaultEstimates.map(Math.round),
      planShardsMs: plan.shards.map((s) => Math.round(s.estimateMs)),
      plan_vs_default: round3(plan.makespanMs / Math.max(...defaultEstimates)),
    },
    measured: {
      startupMs: median(samples.startup.map((s) => s.longestShardMs)),
      idealMs: Math.round(median(samples.ideal.map((s) => s.longestShardMs))),
      defaultLongestMs: median(samples.default.map((s) => s.longestShardMs)),
      planLongestMs: median(samples.plan.map((s) => s.longestShardMs)),
      plan_vs_ideal: vsIdeal,
      plan_vs_default: vsDefault,
    },
    samples,
  };
  const targets = [
    target(`sharding.${order}.vs-ideal`, { label: `plan's longest shard vs ideal (test time / ${SHARDS} + start-up), ${order} order`, ...ciOf(vsIdeal), max: TARGET_VS_IDEAL, unit: 'x' }),
    target(`sharding.${order}.vs-default`, { label: `plan's longest shard vs Playwright's --shard, ${order} order`, ...ciOf(vsDefault), unit: 'x' }),
  ];
  process.stdout.write(`sharding ${order}: plan vs ideal ${vsIdeal.ratio} [${vsIdeal.ci?.join(', ') ?? '-'}], vs default ${vsDefault.ratio}\n`);
  return { data, targets };
}

const record = startResult('sharding');
try {
  const orders = {};
  const targets = [];
  for (const [order, files] of Object.entries(ORDERS)) {
    const measured = await measureOrder(order, files);
    orders[order] = measured.data;
    targets.push(...measured.targets);
  }
  record.write({ shards: SHARDS, rounds: ROUNDS, orders }, targets);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
