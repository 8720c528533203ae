// The projects fixture-overhead runs: the same trivial tests with bare Playwright, with Panoptic's
// `test` but no service used, and with services used; and one timed `playwright test` run of one.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/result.mjs';
import { timedRun } from '../lib/timed-run.mjs';

export const TESTS = 300;
/** In the `used` variant, every PLATFORM_EVERY-th test also uses the web platform. */
const PLATFORM_EVERY = 10;

const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');

const plainConfig = "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ workers: 1 });\n";
// Only `used` opens a browser, so only it needs to find one.
const browserConfig = [
  "import { defineConfig } from '@playwright/test';",
  "import { chromiumLaunchOptions } from '@panoptic/fixtures/chromium';",
  'export default defineConfig({ workers: 1, use: chromiumLaunchOptions() });',
  '',
].join('\n');

function spec(importFrom, body) {
  return `import { test, expect } from '${importFrom}';\n\nfor (let i = 0; i < ${TESTS}; i++) {\n${body}\n}\n`;
}

const trivialTest = '  test(`adds ${i}`, () => {\n    expect(1 + 1).toBe(2);\n  });';

export const VARIANTS = {
  bare: { config: plainConfig, spec: spec('@playwright/test', trivialTest) },
  unused: { config: plainConfig, spec: spec('@panoptic/fixtures', trivialTest) },
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

function expectedTests(kind) {
  return kind === 'used' ? TESTS + Math.ceil(TESTS / PLATFORM_EVERY) : TESTS;
}

/** Writes project `name` of variant `kind` (a key of VARIANTS) under `root`, its packages resolved through `nodeModules`. */
export function writeProject(root, name, { kind = name, nodeModules }) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bench-${name}`, private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'playwright.config.ts'), VARIANTS[kind].config);
  fs.writeFileSync(path.join(dir, 'bench.spec.ts'), VARIANTS[kind].spec);
  return dir;
}

/** One `playwright test` run: its wall time (spawn to exit) and the CPU time of the runner and its workers. */
export async function runOnce(dir, kind) {
  const run = await timedRun(process.execPath, [playwrightCli, 'test', '--reporter=dot'], {
    cwd: dir,
    env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '' },
  });
  const passed = Number(/(\d+) passed/.exec(run.output)?.[1] ?? 0);
  if (run.code !== 0 || passed !== expectedTests(kind)) {
    throw new Error(`${kind}: exit code ${run.code}, ${passed} of ${expectedTests(kind)} tests passed:\n${run.output}`);
  }
  return { wallMs: run.wallMs, cpuMs: run.cpuMs };
}

/** Exits with a message when the fixtures package is not built. */
export function requireBuild() {
  if (fs.existsSync(path.join(repoRoot, 'packages', 'fixtures', 'dist', 'index.js'))) return;
  process.stderr.write('fixture-overhead: packages/fixtures is not built; run `npm run build` first.\n');
  process.exit(1);
}
