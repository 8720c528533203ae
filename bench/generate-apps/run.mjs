#!/usr/bin/env node
// Test generation on web apps the project did not write: TodoMVC implementations from the `todomvc`
// npm package (it ships each example with its libraries), served from a local folder. Per app:
// tests kept, interactions covered by kind, candidates merged as duplicates, flaky and dropped, the
// generation's wall time, and the pass rate of the generated spec when the real `playwright test`
// runs it afterwards. A measurement, not a check: it never fails on its figures.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startResult } from '../lib/result.mjs';

const PACKAGE = 'todomvc@0.1.1';
// Examples that ship their libraries (the jquery one, for one, does not: it needs a bower install).
const APPS = ['vanillajs', 'backbone', 'knockoutjs'];
const LIMITS = { depth: 0, maxStates: 6, stateDepth: 3, stateSeconds: 120 };
// Every interaction kind the generator looks for, listed at 0 when an app gave it none to test.
const INTERACTION_KINDS = ['enter', 'toggle', 'radio', 'select', 'tab', 'disclosure', 'edit', 'remove', 'click', 'shortcut'];

const record = startResult('generate-apps');
const aiEntry = path.join(repoRoot, 'packages', 'ai', 'dist', 'index.js');
const fixturesConfig = path.join(repoRoot, 'packages', 'fixtures', 'dist', 'config.js');
if (!fs.existsSync(aiEntry) || !fs.existsSync(fixturesConfig)) {
  process.stderr.write('generate-apps: the packages are not built; run `npm run build` first.\n');
  process.exit(1);
}
const { generate, writeGenerated } = await import(pathToFileURL(aiEntry).href);
const { chromiumLaunchOptions } = await import(pathToFileURL(fixturesConfig).href);
const { chromium } = await import('@playwright/test');

/** The package unpacked once into a cache folder, through npm's own client. */
function unpacked() {
  const cache = path.join(os.tmpdir(), 'panoptic-bench-todomvc');
  const root = path.join(cache, 'package');
  if (fs.existsSync(path.join(root, 'examples'))) return root;
  fs.mkdirSync(cache, { recursive: true });
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', cache], { encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', path.join(cache, tarball), '-C', cache]);
  return root;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

/** Serves a folder on a free loopback port: the examples load their libraries by relative path. */
async function serve(folder) {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(folder, name.endsWith('/') ? `${name}index.html` : name);
    const found = file.startsWith(folder) && fs.existsSync(file) && fs.statSync(file).isFile();
    res.writeHead(found ? 200 : 404, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(found ? fs.readFileSync(file) : 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Runs the generated spec with the real `playwright test`: passed and total from its JSON report.
 * Asynchronously: the app is served from this process, which must keep answering meanwhile.
 */
async function runSpec(dir) {
  fs.writeFileSync(path.join(dir, 'playwright.config.mjs'), [
    "import { defineConfig } from '@playwright/test';",
    `import { chromiumLaunchOptions } from ${JSON.stringify(pathToFileURL(fixturesConfig).href)};`,
    "export default defineConfig({ testDir: 'generated', retries: 0, workers: 2, reporter: [['json', { outputFile: 'report.json' }]], use: { ...chromiumLaunchOptions() } });",
    '',
  ].join('\n'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', 'playwright.config.mjs'], { cwd: dir, stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
  return { passed: report.stats.expected, total: report.stats.expected + report.stats.unexpected + report.stats.flaky };
}

const root = unpacked();
const browser = await chromium.launch(chromiumLaunchOptions(repoRoot).launchOptions ?? {});
const apps = [];
try {
  for (const name of APPS) {
    const server = await serve(path.join(root, 'examples', name));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-generate-'));
    // The spec finds @playwright/test through the repository's node_modules.
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    try {
      const loadAverage1m = Number(os.loadavg()[0].toFixed(1));
      const start = performance.now();
      const result = await generate(`${server.url}index.html`, { browser, ...LIMITS, name: `TodoMVC ${name}` });
      const ms = Math.round(performance.now() - start);
      await writeGenerated(result, path.join(dir, 'generated'));
      const run = result.tests.length ? await runSpec(dir) : { passed: 0, total: 0 };
      const byKind = Object.fromEntries(INTERACTION_KINDS.map((kind) => [kind, 0]));
      for (const test of result.tests) {
        const kind = test.interaction ?? test.kind;
        byKind[kind] = (byKind[kind] ?? 0) + 1;
      }
      const entry = {
        app: `todomvc/examples/${name}`,
        ms,
        kept: result.tests.length,
        scenarios: result.tests.filter((test) => test.kind === 'scenario').length,
        byKind,
        merged: result.merged.length,
        flaky: result.flaky.length,
        dropped: result.skipped.length,
        passRate: run.total ? Number((run.passed / run.total).toFixed(3)) : 0,
        passed: run.passed,
        ran: run.total,
        loadAverage1m,
      };
      apps.push(entry);
      process.stdout.write(`${name}: ${entry.kept} kept (${JSON.stringify(byKind)}), ${entry.merged} merged, ${entry.flaky} flaky, ${ms} ms, spec ${run.passed}/${run.total}\n`);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}

record.write({ package: PACKAGE, limits: LIMITS, apps });
