#!/usr/bin/env node
// What Panoptic's reporter adds to a run, next to what allure-playwright adds: the same 2,000 trivial
// tests as real `playwright test --workers=2` invocations with the dot reporter alone, dot plus
// Panoptic's reporter (default options) and dot plus allure-playwright.
// A measurement, not a check: it never fails on timings.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILES = 20;
const TESTS_PER_FILE = 100;
const TESTS = FILES * TESTS_PER_FILE;
const WORKERS = 2;
const ROUNDS = 5;
/** From the issue: Panoptic may add at most 2% to a dot-only run, and less than allure-playwright adds. */
const MAX_RATIO_PANOPTIC = 1.02;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultFile = path.join(repoRoot, 'bench', 'results', 'reporter-overhead.json');
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

function config(reporters) {
  return [
    "import { defineConfig } from '@playwright/test';",
    `export default defineConfig({ testDir: 'tests', reporter: ${reporters} });`,
    '',
  ].join('\n');
}

// All variants share one project and its spec files; only the config differs. Outputs land in the
// project folder and are removed before every run (untimed), so each Panoptic run starts without a
// history and writes a one-run history.json, like a first run in CI.
const VARIANTS = {
  dot: { config: () => config("[['dot']]"), outputs: [] },
  panoptic: {
    config: (dir) => config(`[['dot'], ['./timed-panoptic.mjs', { timingsFile: ${JSON.stringify(path.join(dir, PANOPTIC_TIMINGS))} }]]`),
    outputs: [PANOPTIC_DIR, PANOPTIC_TIMINGS],
  },
  allure: {
    config: (dir) => config(`[['dot'], ['allure-playwright', { resultsDir: ${JSON.stringify(path.join(dir, ALLURE_DIR))} }]]`),
    outputs: [ALLURE_DIR],
  },
};

function spec(file) {
  return [
    "import { test, expect } from '@playwright/test';",
    '',
    `for (let i = 0; i < ${TESTS_PER_FILE}; i++) {`,
    `  test(\`file ${file} adds \${i}\`, () => {`,
    '    expect(i + 1).toBe(1 + i);',
    '  });',
    '}',
    '',
  ].join('\n');
}

function writeProject(dir) {
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  // Packages resolve through the repo's node_modules, as from an installed project.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-reporter-overhead', private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'timed-panoptic.mjs'), TIMED_PANOPTIC);
  for (const variant of Object.keys(VARIANTS)) fs.writeFileSync(path.join(dir, `${variant}.config.ts`), VARIANTS[variant].config(dir));
  for (let file = 0; file < FILES; file++) fs.writeFileSync(path.join(dir, 'tests', `file-${String(file).padStart(2, '0')}.spec.ts`), spec(file));
}

function clean(dir, variant) {
  for (const output of VARIANTS[variant].outputs) fs.rmSync(path.join(dir, output), { recursive: true, force: true });
}

/** That the reporter under test did its work: a fast run that wrote nothing would measure nothing. */
function checkOutputs(dir, variant, output) {
  if (variant === 'panoptic') {
    if (output.includes('[panoptic-reporter] warning')) throw new Error(`panoptic: the reporter warned:\n${output}`);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, PANOPTIC_DIR, 'summary.json'), 'utf8'));
    for (const name of ['summary.md', 'metrics.prom', 'history.json', path.join('report', 'index.html')]) {
      if (!fs.existsSync(path.join(dir, PANOPTIC_DIR, name))) throw new Error(`panoptic: ${name} was not written`);
    }
    if (summary.totals.total !== TESTS) throw new Error(`panoptic: summary.json counts ${summary.totals.total} tests, expected ${TESTS}`);
    const { importMs, hooks } = JSON.parse(fs.readFileSync(path.join(dir, PANOPTIC_TIMINGS), 'utf8'));
    const hooksMs = Object.values(hooks).reduce((sum, ms) => sum + ms, 0);
    return { reporterMs: Math.round(importMs + hooksMs), importMs: Math.round(importMs), onEndMs: Math.round(hooks.onEnd ?? 0) };
  }
  if (variant === 'allure') {
    const results = fs.readdirSync(path.join(dir, ALLURE_DIR)).filter((name) => name.endsWith('-result.json')).length;
    if (results !== TESTS) throw new Error(`allure: ${results} result files written, expected ${TESTS}`);
  }
  return {};
}

/**
 * One `playwright test` run; resolves to its wall time, from spawn to exit, and for Panoptic the
 * time its reporter spent in the runner (import and hooks) and in `onEnd` alone.
 */
function runOnce(dir, variant) {
  clean(dir, variant);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [playwrightCli, 'test', '-c', `${variant}.config.ts`, `--workers=${WORKERS}`], {
      cwd: dir,
      env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '', GITHUB_STEP_SUMMARY: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const passed = Number(/(\d+) passed/.exec(output)?.[1] ?? 0);
      if (code !== 0 || passed !== TESTS) {
        reject(new Error(`${variant}: exit code ${code}, ${passed} of ${TESTS} tests passed:\n${output}`));
        return;
      }
      try {
        resolve({ wallMs: Math.round(wallMs), ...checkOutputs(dir, variant, output) });
      } catch (error) {
        reject(error);
      }
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

function versionOf(pkg) {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

if (!fs.existsSync(path.join(repoRoot, 'packages', 'reporter', 'dist', 'index.js'))) {
  process.stderr.write('reporter-overhead: packages/reporter is not built; run `npm run build` first.\n');
  process.exit(1);
}

const names = Object.keys(VARIANTS);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-'));
try {
  const dir = path.join(root, 'project');
  writeProject(dir);
  // Untimed first run of each: fills Playwright's transform cache and the OS file cache.
  for (const variant of names) await runOnce(dir, variant);

  const runs = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Rotate the order each round so no variant always runs first or last.
    const order = names.map((_, i) => names[(i + round - 1) % names.length]);
    for (const variant of order) {
      const run = await runOnce(dir, variant);
      runs.push({ variant, round, ...run });
      const own = run.reporterMs === undefined ? '' : ` (reporter ${run.reporterMs} ms: import ${run.importMs}, onEnd ${run.onEndMs})`;
      process.stdout.write(`round ${round} ${variant.padEnd(8)} ${run.wallMs} ms${own}\n`);
    }
  }

  const wallsOf = (variant) => runs.filter((r) => r.variant === variant).map((r) => r.wallMs);
  const medians = Object.fromEntries(names.map((v) => [v, median(wallsOf(v))]));
  // The three variants of a round run back to back, so a round's ratio cancels drift in the machine's
  // speed across rounds; the median of those is the ratio reported.
  const wallOf = (variant, round) => runs.find((r) => r.variant === variant && r.round === round).wallMs;
  const rounds = [...new Set(runs.map((r) => r.round))];
  const pairedRatios = (variant) => rounds.map((round) => wallOf(variant, round) / wallOf('dot', round));
  const ratio = (variant) => Math.round(median(pairedRatios(variant)) * 1000) / 1000;
  const panopticRuns = runs.filter((r) => r.variant === 'panoptic');
  const panopticOwn = {
    reporterMs: median(panopticRuns.map((r) => r.reporterMs)),
    importMs: median(panopticRuns.map((r) => r.importMs)),
    onEndMs: median(panopticRuns.map((r) => r.onEndMs)),
  };
  panopticOwn.share_of_dot = Math.round((panopticOwn.reporterMs / medians.dot) * 1000) / 1000;
  const ratioPanoptic = ratio('panoptic');
  const ratioAllure = ratio('allure');
  const withinBudget = ratioPanoptic <= MAX_RATIO_PANOPTIC;
  const belowAllure = ratioPanoptic < ratioAllure;
  const result = {
    name: 'reporter-overhead',
    tests: TESTS,
    workers: WORKERS,
    runs,
    medians,
    ratios_per_round: Object.fromEntries(['panoptic', 'allure'].map((v) => [v, pairedRatios(v).map((r) => Math.round(r * 1000) / 1000)])),
    ratio_panoptic: ratioPanoptic,
    ratio_allure: ratioAllure,
    panoptic_own: panopticOwn,
    targets: {
      ratio_panoptic_max: MAX_RATIO_PANOPTIC,
      ratio_panoptic_met: withinBudget,
      panoptic_below_allure_met: belowAllure,
      met: withinBudget && belowAllure,
    },
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      playwright: versionOf(path.join('@playwright', 'test')),
      allurePlaywright: versionOf('allure-playwright'),
    },
  };
  fs.mkdirSync(path.dirname(resultFile), { recursive: true });
  fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);

  process.stdout.write(`\n${TESTS} tests (${FILES} files), --workers=${WORKERS}, ${ROUNDS} rounds\n`);
  process.stdout.write(`${'variant'.padEnd(10)}${'median ms'.padStart(10)}${'min-max ms'.padStart(14)}${'x dot'.padStart(8)}\n`);
  for (const variant of names) {
    const walls = wallsOf(variant);
    const range = `${Math.min(...walls)}-${Math.max(...walls)}`;
    process.stdout.write(`${variant.padEnd(10)}${String(medians[variant]).padStart(10)}${range.padStart(14)}${ratio(variant).toFixed(3).padStart(8)}\n`);
  }
  process.stdout.write(
    `\nPanoptic's reporter itself (median): ${panopticOwn.reporterMs} ms in the runner (import ${panopticOwn.importMs} ms, onEnd ${panopticOwn.onEndMs} ms) ` +
      `= ${(panopticOwn.share_of_dot * 100).toFixed(1)}% of dot's median\n`,
  );
  process.stdout.write(
    `targets: panoptic <= ${MAX_RATIO_PANOPTIC.toFixed(2)} x dot: ${withinBudget ? 'met' : 'missed'}; ` +
      `panoptic below allure: ${belowAllure ? 'met' : 'missed'}\n`,
  );
  process.stdout.write(`wrote ${path.relative(repoRoot, resultFile)}\n`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
