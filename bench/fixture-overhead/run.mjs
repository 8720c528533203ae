#!/usr/bin/env node
// What Panoptic's fixtures cost a run: the same trivial tests as real `playwright test` invocations,
// with bare Playwright, with Panoptic's `test` but no service used, and with services used.
// A measurement, not a check: it never fails on timings; its targets read met, missed or undecided.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startResult, repoRoot, roundsFrom } from '../lib/result.mjs';
import { alternatingRounds, pairsOf } from '../lib/rounds.mjs';
import { ciOf, median, pairedRatio, target } from '../lib/stats.mjs';
import { timedRun } from '../lib/timed-run.mjs';

const TESTS = 300;
/** Paired rounds: enough for a bootstrap interval narrower than the 2% the target allows. */
const ROUNDS = roundsFrom(15);
/** From the issue: unused services cost at most 2% over bare Playwright. */
const MAX_RATIO = 1.02;
/** In the `used` variant, every PLATFORM_EVERY-th test also uses the web platform. */
const PLATFORM_EVERY = 10;

const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');

const plainConfig = "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ workers: 1 });\n";
// Only `used` opens a browser, so only it needs to find one.
const browserConfig = [
  "import { defineConfig } from '@playwright/test';",
  "import { chromiumLaunchOptions } from '@panoptic/fixtures/config';",
  'export default defineConfig({ workers: 1, use: chromiumLaunchOptions() });',
  '',
].join('\n');

function spec(importFrom, body) {
  return `import { test, expect } from '${importFrom}';\n\nfor (let i = 0; i < ${TESTS}; i++) {\n${body}\n}\n`;
}

const VARIANTS = {
  bare: {
    config: plainConfig,
    spec: spec('@playwright/test', '  test(`adds ${i}`, () => {\n    expect(1 + 1).toBe(2);\n  });'),
  },
  unused: {
    config: plainConfig,
    spec: spec('@panoptic/fixtures', '  test(`adds ${i}`, () => {\n    expect(1 + 1).toBe(2);\n  });'),
  },
  used: {
    config: browserConfig,
    spec: spec(
      '@panoptic/fixtures',
      [
        '  test(`adds ${i}`, async ({ panoptic }) => {',
        "    const done = panoptic.metrics.begin('add', 'compute');",
        '    expect(1 + 1).toBe(2);',
        "    done({ status: 'passed' });",
        '  });',
        `  if (i % ${PLATFORM_EVERY} === 0) {`,
        '    test(`opens a page ${i}`, async ({ platform }) => {',
        "      await platform.navigate('data:text/html,<p>ok</p>');",
        "      expect(platform.kind).toBe('web');",
        '    });',
        '  }',
      ].join('\n'),
    ),
  },
};

function expectedTests(variant) {
  return variant === 'used' ? TESTS + Math.ceil(TESTS / PLATFORM_EVERY) : TESTS;
}

function writeProject(root, variant) {
  const dir = path.join(root, variant);
  fs.mkdirSync(dir);
  // Packages resolve through the repo's node_modules, as from an installed project.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-${variant}`, private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'playwright.config.ts'), VARIANTS[variant].config);
  fs.writeFileSync(path.join(dir, 'bench.spec.ts'), VARIANTS[variant].spec);
  return dir;
}

/** One `playwright test` run: its wall time (spawn to exit) and the CPU time of the runner and its workers. */
async function runOnce(dir, variant) {
  const run = await timedRun(process.execPath, [playwrightCli, 'test', '--reporter=dot'], {
    cwd: dir,
    env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '' },
  });
  const passed = Number(/(\d+) passed/.exec(run.output)?.[1] ?? 0);
  if (run.code !== 0 || passed !== expectedTests(variant)) {
    throw new Error(`${variant}: exit code ${run.code}, ${passed} of ${expectedTests(variant)} tests passed:\n${run.output}`);
  }
  return { wallMs: run.wallMs, cpuMs: run.cpuMs };
}

if (!fs.existsSync(path.join(repoRoot, 'packages', 'fixtures', 'dist', 'index.js'))) {
  process.stderr.write('fixture-overhead: packages/fixtures is not built; run `npm run build` first.\n');
  process.exit(1);
}

const record = startResult('fixture-overhead');
const names = Object.keys(VARIANTS);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-'));
try {
  const dirs = Object.fromEntries(names.map((variant) => [variant, writeProject(root, variant)]));
  // The warm-up round is untimed: it fills Playwright's transform cache and the OS file cache.
  const samples = await alternatingRounds({ variants: names, rounds: ROUNDS, measure: (variant) => runOnce(dirs[variant], variant) });
  const ratios = Object.fromEntries(
    ['unused', 'used'].flatMap((variant) => ['wallMs', 'cpuMs'].map((key) => [`${variant}_${key}`, pairedRatio(pairsOf(samples, variant, 'bare', key))])),
  );
  const medians = Object.fromEntries(names.map((v) => [v, { wallMs: median(samples[v].map((s) => s.wallMs)), cpuMs: median(samples[v].map((s) => s.cpuMs)) }]));
  const targets = [
    target('fixture-overhead.unused.wall', { label: 'unused services vs bare Playwright, wall time', ...ciOf(ratios.unused_wallMs), max: MAX_RATIO, unit: 'x' }),
    target('fixture-overhead.unused.cpu', { label: 'unused services vs bare Playwright, CPU time', ...ciOf(ratios.unused_cpuMs), max: MAX_RATIO, unit: 'x' }),
  ];
  record.write({ tests: TESTS, rounds: ROUNDS, samples, medians, ratios }, targets);
  process.stdout.write(`\n${TESTS} tests, workers: 1, ${ROUNDS} paired rounds\n`);
  for (const [name, r] of Object.entries(ratios)) process.stdout.write(`${name.padEnd(14)} ${r.ratio} [${r.ci?.join(', ') ?? '-'}]\n`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
