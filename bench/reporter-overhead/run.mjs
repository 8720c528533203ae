#!/usr/bin/env node
// What Panoptic's reporter adds to a run, next to what allure-playwright adds: the same tests as real
// `playwright test --workers=2` invocations with the dot reporter alone, dot plus Panoptic's reporter
// (default options) and dot plus allure-playwright, on two workloads: `trivial`, 2,000 passing tests
// without a browser (the reporter's best case), and `failing`, tests on a real page with failures,
// flaky tests and retries, failure screenshots and traces, and attachments on a share of them.
// A measurement, not a check: it never fails on timings; its targets read met, missed or undecided.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installedNodeModules } from '../lib/installed.mjs';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';
import { alternatingRounds, pairsOf } from '../lib/rounds.mjs';
import { ciOf, median, pairedRatio, target } from '../lib/stats.mjs';
import { timedRun } from '../lib/timed-run.mjs';

const WORKERS = 2;
/** Paired rounds: enough for a bootstrap interval narrower than the 2% the target allows. */
const ROUNDS = roundsFrom(15);
/** From the issue: Panoptic may add at most 2% to a dot-only run, and less than allure-playwright adds. */
const MAX_RATIO_PANOPTIC = 1.02;

const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');

const PANOPTIC_DIR = 'panoptic-results';
const ALLURE_DIR = 'allure-results';
const PANOPTIC_TIMINGS = 'panoptic-timings.json';

// Panoptic's reporter runs behind this transparent shim: it forwards every method the reporter has, so
// Playwright drives it as it drives the reporter itself, plus `onExit`, the last call of a run, where it
// writes the time spent importing the reporter and inside its hooks (async ones until they settle).
// Wall times on a busy machine swing by more than the 2% budget; the reporter's own time does not.
const TIMED_PANOPTIC = `import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const importStart = performance.now();
const { default: Reporter } = await import('@panoptic/reporter');
const importMs = performance.now() - importStart;

function methodsOf(object) {
  const names = new Set();
  for (let proto = object; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor' && typeof object[name] === 'function') names.add(name);
  }
  return names;
}

export default class TimedPanoptic {
  constructor({ timingsFile, ...options } = {}) {
    const inner = new Reporter(options);
    const hooks = {};
    const add = (name, start) => (hooks[name] = (hooks[name] ?? 0) + performance.now() - start);
    for (const name of methodsOf(inner)) {
      if (name === 'onExit') continue;
      this[name] = (...args) => {
        const start = performance.now();
        const value = inner[name](...args);
        if (value && typeof value.then === 'function') return value.finally(() => add(name, start));
        add(name, start);
        return value;
      };
    }
    this.onExit = async () => {
      const start = performance.now();
      await inner.onExit?.();
      add('onExit', start);
      fs.writeFileSync(timingsFile, JSON.stringify({ importMs, hooks }));
    };
  }
}
`;

function config(reporters, workload) {
  return [
    "import { defineConfig } from '@playwright/test';",
    ...(workload.browser ? ["import { chromiumLaunchOptions } from '@panoptic/fixtures/chromium';"] : []),
    `export default defineConfig({ testDir: 'tests', reporter: ${reporters}${workload.config ?? ''} });`,
    '',
  ].join('\n');
}

// All variants share one project and its spec files; only the config differs. Outputs land in the
// project folder and are removed before every run (untimed), so each Panoptic run starts without a
// history and writes a one-run history.json, like a first run in CI.
const VARIANTS = {
  dot: { reporters: () => "[['dot']]", outputs: [] },
  panoptic: {
    reporters: (dir) => `[['dot'], ['./timed-panoptic.mjs', { timingsFile: ${JSON.stringify(path.join(dir, PANOPTIC_TIMINGS))} }]]`,
    outputs: [PANOPTIC_DIR, PANOPTIC_TIMINGS],
  },
  allure: {
    reporters: (dir) => `[['dot'], ['allure-playwright', { resultsDir: ${JSON.stringify(path.join(dir, ALLURE_DIR))} }]]`,
    outputs: [ALLURE_DIR],
  },
};

const trivialSpec = (file, perFile) =>
  [
    "import { test, expect } from '@playwright/test';",
    '',
    `for (let i = 0; i < ${perFile}; i++) {`,
    `  test(\`file ${file} adds \${i}\`, () => {`,
    '    expect(i + 1).toBe(1 + i);',
    '  });',
    '}',
    '',
  ].join('\n');

// Of every 20 tests one always fails and one fails once, then passes on its retry; every 10th
// attaches a log. Failures keep a screenshot and a trace, as CI configs commonly ask.
const failingSpec = (file, perFile) =>
  [
    "import { test, expect } from '@playwright/test';",
    '',
    `for (let i = 0; i < ${perFile}; i++) {`,
    `  test(\`file ${file} checks out order \${i}\`, async ({ page }, testInfo) => {`,
    `    const n = ${file * 10} + i;`,
    "    await page.setContent(`<h1>Order ${n}</h1><button>Checkout</button><ul>${'<li>item</li>'.repeat(20)}</ul>`);",
    "    if (n % 10 === 5) await testInfo.attach('console', { body: 'cart loaded\\n'.repeat(50), contentType: 'text/plain' });",
    "    if (n % 20 === 3) expect(await page.locator('h1').textContent()).toBe('Order -1');",
    "    if (n % 20 === 7 && testInfo.retry === 0) expect(await page.locator('h1').textContent()).toBe('Order -1');",
    "    await expect(page.getByRole('button', { name: 'Checkout' })).toBeVisible();",
    '  });',
    '}',
    '',
  ].join('\n');

const WORKLOADS = {
  trivial: { files: 20, perFile: 100, spec: trivialSpec, expected: { passed: 2000, failed: 0, flaky: 0 } },
  failing: {
    files: 6,
    perFile: 10,
    spec: failingSpec,
    browser: true,
    config: ", retries: 1, use: { ...chromiumLaunchOptions(), screenshot: 'only-on-failure', trace: 'retain-on-failure' }",
    expected: { passed: 54, failed: 3, flaky: 3 },
  },
};
const totalOf = (workload) => workload.files * workload.perFile;

function writeProject(dir, workload, nodeModules) {
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  // Panoptic's packages are copies in a real node_modules, as npm installs them (see lib/installed.mjs).
  fs.symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-reporter-overhead', private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'timed-panoptic.mjs'), TIMED_PANOPTIC);
  for (const [name, variant] of Object.entries(VARIANTS)) fs.writeFileSync(path.join(dir, `${name}.config.ts`), config(variant.reporters(dir), workload));
  for (let file = 0; file < workload.files; file++) {
    fs.writeFileSync(path.join(dir, 'tests', `file-${String(file).padStart(2, '0')}.spec.ts`), workload.spec(file, workload.perFile));
  }
}

function clean(dir, variant) {
  for (const output of VARIANTS[variant].outputs) fs.rmSync(path.join(dir, output), { recursive: true, force: true });
}

/** That the reporter under test did its work: a fast run that wrote nothing would measure nothing. */
function checkOutputs(dir, variant, output, tests) {
  if (variant === 'panoptic') {
    if (output.includes('[panoptic-reporter] warning')) throw new Error(`panoptic: the reporter warned:\n${output}`);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, PANOPTIC_DIR, 'summary.json'), 'utf8'));
    for (const name of ['summary.md', 'metrics.prom', 'history.json', path.join('report', 'index.html')]) {
      if (!fs.existsSync(path.join(dir, PANOPTIC_DIR, name))) throw new Error(`panoptic: ${name} was not written`);
    }
    if (summary.totals.total !== tests) throw new Error(`panoptic: summary.json counts ${summary.totals.total} tests, expected ${tests}`);
    const { importMs, hooks } = JSON.parse(fs.readFileSync(path.join(dir, PANOPTIC_TIMINGS), 'utf8'));
    const hooksMs = Object.values(hooks).reduce((sum, ms) => sum + ms, 0);
    return { reporterMs: Math.round(importMs + hooksMs), importMs: Math.round(importMs), onEndMs: Math.round(hooks.onEnd ?? 0) };
  }
  if (variant === 'allure') {
    // One result file per attempt: retried tests write more than one.
    const results = fs.readdirSync(path.join(dir, ALLURE_DIR)).filter((name) => name.endsWith('-result.json')).length;
    if (results < tests) throw new Error(`allure: ${results} result files written, expected at least ${tests}`);
  }
  return {};
}

const countOf = (output, word) => Number(new RegExp(`(\\d+) ${word}`).exec(output)?.[1] ?? 0);

/**
 * One `playwright test` run: its wall and CPU time (runner and workers), and for Panoptic the time
 * its reporter spent in the runner (import and hooks) and in `onEnd` alone.
 */
async function runOnce(dir, variant, workload) {
  clean(dir, variant);
  const run = await timedRun(process.execPath, [playwrightCli, 'test', '-c', `${variant}.config.ts`, `--workers=${WORKERS}`], {
    cwd: dir,
    env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '', GITHUB_STEP_SUMMARY: '' },
  });
  const counts = Object.fromEntries(Object.keys(workload.expected).map((word) => [word, countOf(run.output, word)]));
  if (run.code !== (workload.expected.failed ? 1 : 0) || JSON.stringify(counts) !== JSON.stringify(workload.expected)) {
    throw new Error(`${variant}: exit code ${run.code}, ${JSON.stringify(counts)} where ${JSON.stringify(workload.expected)} was expected:\n${run.output}`);
  }
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, ...checkOutputs(dir, variant, run.output, totalOf(workload)) };
}

/** The workload's rounds and what they decide. */
async function measureWorkload(root, name, workload, nodeModules) {
  const dir = path.join(root, name);
  writeProject(dir, workload, nodeModules);
  process.stdout.write(`\n${name}: ${totalOf(workload)} tests, --workers=${WORKERS}, ${ROUNDS} paired rounds\n`);
  const samples = await alternatingRounds({ variants: Object.keys(VARIANTS), rounds: ROUNDS, measure: (variant) => runOnce(dir, variant, workload) });
  const ratios = {
    panoptic_wall: pairedRatio(pairsOf(samples, 'panoptic', 'dot', 'wallMs')),
    panoptic_cpu: pairedRatio(pairsOf(samples, 'panoptic', 'dot', 'cpuMs')),
    allure_wall: pairedRatio(pairsOf(samples, 'allure', 'dot', 'wallMs')),
    allure_cpu: pairedRatio(pairsOf(samples, 'allure', 'dot', 'cpuMs')),
    panoptic_vs_allure_wall: pairedRatio(pairsOf(samples, 'panoptic', 'allure', 'wallMs')),
    panoptic_vs_allure_cpu: pairedRatio(pairsOf(samples, 'panoptic', 'allure', 'cpuMs')),
  };
  const own = Object.fromEntries(['reporterMs', 'importMs', 'onEndMs'].map((key) => [key, median(samples.panoptic.map((s) => s[key]))]));
  const what = `${name} workload (${totalOf(workload)} tests)`;
  const targets = [
    target(`reporter-overhead.${name}.wall`, { label: `dot + Panoptic vs dot, wall time, ${what}`, ...ciOf(ratios.panoptic_wall), max: MAX_RATIO_PANOPTIC, unit: 'x' }),
    target(`reporter-overhead.${name}.cpu`, { label: `dot + Panoptic vs dot, CPU time, ${what}`, ...ciOf(ratios.panoptic_cpu), max: MAX_RATIO_PANOPTIC, unit: 'x' }),
    target(`reporter-overhead.${name}.vs-allure`, { label: `dot + Panoptic vs dot + allure-playwright, CPU time, ${what}`, ...ciOf(ratios.panoptic_vs_allure_cpu), max: 1, unit: 'x' }),
  ];
  for (const [key, r] of Object.entries(ratios)) process.stdout.write(`${key.padEnd(24)} ${r.ratio} [${r.ci?.join(', ') ?? '-'}]\n`);
  process.stdout.write(`Panoptic's reporter itself (median): ${own.reporterMs} ms in the runner (import ${own.importMs} ms, onEnd ${own.onEndMs} ms)\n`);
  return { data: { tests: totalOf(workload), expected: workload.expected, samples, ratios, panopticOwn: own }, targets };
}

if (!fs.existsSync(path.join(repoRoot, 'packages', 'reporter', 'dist', 'index.js'))) {
  process.stderr.write('reporter-overhead: packages/reporter is not built; run `npm run build` first.\n');
  process.exit(1);
}

const record = startResult('reporter-overhead');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-'));
try {
  const workloads = {};
  const targets = [];
  // `node bench/reporter-overhead/run.mjs failing` measures only the workloads named.
  const named = process.argv.slice(2);
  const nodeModules = installedNodeModules(root);
  for (const [name, workload] of Object.entries(WORKLOADS).filter(([key]) => !named.length || named.includes(key))) {
    const measured = await measureWorkload(root, name, workload, nodeModules);
    workloads[name] = measured.data;
    targets.push(...measured.targets);
  }
  record.write({ workers: WORKERS, rounds: ROUNDS, packages: 'installed copies', workloads }, targets);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
