#!/usr/bin/env node
// What Panoptic's fixtures cost a run: the same trivial tests as real `playwright test` invocations,
// with bare Playwright, with Panoptic's `test` but no service used, and with services used.
// A measurement, not a check: it never fails on timings.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TESTS = 300;
const ROUNDS = 5;
/** In the `used` variant, every PLATFORM_EVERY-th test also uses the web platform. */
const PLATFORM_EVERY = 10;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const resultFile = path.join(repoRoot, 'bench', 'results', 'fixture-overhead.json');
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

/** One `playwright test` run; resolves to its wall time, from spawn to exit. */
function runOnce(dir, variant) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [playwrightCli, 'test', '--reporter=dot'], {
      cwd: dir,
      env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const passed = Number(/(\d+) passed/.exec(output)?.[1] ?? 0);
      if (code !== 0 || passed !== expectedTests(variant)) {
        reject(new Error(`${variant}: exit code ${code}, ${passed} of ${expectedTests(variant)} tests passed:\n${output}`));
      } else {
        resolve(Math.round(wallMs));
      }
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

if (!fs.existsSync(path.join(repoRoot, 'packages', 'fixtures', 'dist', 'index.js'))) {
  process.stderr.write('fixture-overhead: packages/fixtures is not built; run `npm run build` first.\n');
  process.exit(1);
}

const names = Object.keys(VARIANTS);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-'));
try {
  const dirs = Object.fromEntries(names.map((variant) => [variant, writeProject(root, variant)]));
  // Untimed first run of each: fills Playwright's transform cache and the OS file cache.
  for (const variant of names) await runOnce(dirs[variant], variant);

  const runs = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Rotate the order each round so no variant always runs first or last.
    const order = names.map((_, i) => names[(i + round - 1) % names.length]);
    for (const variant of order) {
      const wallMs = await runOnce(dirs[variant], variant);
      runs.push({ variant, round, wallMs });
      process.stdout.write(`round ${round} ${variant.padEnd(6)} ${wallMs} ms\n`);
    }
  }

  const medians = Object.fromEntries(names.map((v) => [v, median(runs.filter((r) => r.variant === v).map((r) => r.wallMs))]));
  const ratio = (variant) => Math.round((medians[variant] / medians.bare) * 1000) / 1000;
  const playwright = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8'));
  const result = {
    name: 'fixture-overhead',
    runs,
    medians,
    ratio_unused: ratio('unused'),
    ratio_used: ratio('used'),
    machine: { cpus: os.cpus().length, node: process.version, playwright: playwright.version },
  };
  fs.mkdirSync(path.dirname(resultFile), { recursive: true });
  fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);

  process.stdout.write(`\n${TESTS} tests, workers: 1, ${ROUNDS} rounds\n`);
  process.stdout.write(`${'variant'.padEnd(8)}${'median ms'.padStart(10)}${'x bare'.padStart(8)}\n`);
  for (const variant of names) {
    process.stdout.write(`${variant.padEnd(8)}${String(medians[variant]).padStart(10)}${ratio(variant).toFixed(2).padStart(8)}\n`);
  }
  process.stdout.write(`\nwrote ${path.relative(repoRoot, resultFile)}\n`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
