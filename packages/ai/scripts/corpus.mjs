#!/usr/bin/env node
// Regenerates corpus/failures.jsonl: real Playwright failure messages, made by running real failing
// tests (corpus-cases.mjs) with `playwright test` and its JSON reporter. Each line is labelled with the
// category its test provoked on purpose. Run from the repo after `npm run build`:
//   npm run corpus -w @panoptic/ai
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allCases, ENVIRONMENT_PROJECTS, PROJECT_CASE } from './corpus-cases.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageDir, '..', '..');
const output = path.join(packageDir, 'corpus', 'failures.jsonl');
const log = (message) => process.stdout.write(`[corpus] ${message}\n`);

function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/empty') return req.socket.destroy();
    if (url.pathname === '/hang') return; // never answers; closed with the server
    if (url.pathname === '/loop') {
      res.writeHead(302, { location: '/loop' });
      return res.end();
    }
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    res.writeHead(status ? Number(status[1]) : 200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>ok</title><p>ok</p>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A port nothing listens on: taken from the OS, then released. */
function refusedPort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function specOf(cases) {
  const tests = cases.map((c) => {
    if (c.raw) return c.raw.replaceAll('$ID', c.id);
    const details = c.tag ? `, { tag: '${c.tag}' }` : '';
    const body = c.body.split('\n').map((line) => `  ${line}`).join('\n');
    // Expected failures keep the worker: an unexpected one would restart it (and its browser) every time.
    return `test('${c.id}'${details}, async ({ page, context, browser, request, playwright }) => {\n  test.fail(!process.env.CORPUS_BASELINE);\n  void [page, context, browser, request, playwright];\n${body}\n});`;
  });
  // Blank lines keep each test's code frame (two lines around the failing one) free of its neighbours.
  return `import { test, expect } from '@playwright/test';\nvoid expect;\n\n\n\n${tests.join('\n\n\n\n\n')}\n`;
}

function configOf() {
  const envProjects = ENVIRONMENT_PROJECTS.map(
    (p) =>
      `{ name: '${p.name}', testMatch: 'env-project.spec.ts', use: { browserName: '${p.browserName}'${p.executablePath ? `, launchOptions: { executablePath: '${p.executablePath}' }` : ''} } }`,
  );
  return [
    "import { defineConfig } from '@playwright/test';",
    "import { chromiumLaunchOptions } from '@panoptic/fixtures/config';",
    'export default defineConfig({',
    "  testDir: 'specs',",
    '  timeout: 8000,',
    '  fullyParallel: true,',
    '  workers: 2,',
    // Long enough for Playwright to get past resolving the locator on a busy machine, so each
    // message shows what the test provoked rather than an early timeout.
    '  expect: { timeout: 1500 },',
    "  snapshotPathTemplate: '{testDir}/__screenshots__/{testName}/{arg}{ext}',",
    '  use: { ...chromiumLaunchOptions(), actionTimeout: 1500, navigationTimeout: 3000 },',
    '  projects: [',
    "    { name: 'main', testIgnore: 'env-project.spec.ts' },",
    ...envProjects.map((p) => `    ${p},`),
    '  ],',
    '});',
    '',
  ].join('\n');
}

function writeProject(dir, cases) {
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'failure-corpus', private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'playwright.config.ts'), configOf());
  fs.mkdirSync(path.join(dir, 'specs'));
  const byCategory = new Map();
  for (const c of cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  for (const [category, members] of byCategory) fs.writeFileSync(path.join(dir, 'specs', `${category}.spec.ts`), specOf(members));
  fs.writeFileSync(path.join(dir, 'specs', 'env-project.spec.ts'), specOf([PROJECT_CASE]));
}

// Asynchronous on purpose: the test server below lives in this process and must keep answering.
function playwright(dir, args, env) {
  const cli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'test', ...args], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function collectTests(suite, into = []) {
  for (const spec of suite.specs ?? []) for (const t of spec.tests) into.push({ title: spec.title, project: t.projectName, results: t.results });
  for (const child of suite.suites ?? []) collectTests(child, into);
  return into;
}

/** The aria snapshot Playwright writes into its error-context attachment on failure. */
function pageSnapshotOf(result) {
  const context = result.attachments.find((a) => a.name === 'error-context' && a.path);
  if (!context || !fs.existsSync(context.path)) return undefined;
  const match = /# Page snapshot\s*```yaml\n([\s\S]*?)```/.exec(fs.readFileSync(context.path, 'utf8'));
  return match?.[1];
}

// Messages name the temp project, this checkout (stack frames in Playwright) and the user's home;
// the corpus keeps none of them.
function sanitizer(dir) {
  const replacements = [
    [fs.realpathSync(dir), '<project>'],
    [dir, '<project>'],
    [fs.realpathSync(repoRoot), '<repo>'],
    [repoRoot, '<repo>'],
    [fs.realpathSync(os.tmpdir()), '<tmp>'],
    [os.tmpdir(), '<tmp>'],
    [os.homedir(), '~'],
  ];
  return (text) => replacements.reduce((acc, [from, to]) => acc.replaceAll(from, to), text);
}

const cases = allCases();
const ids = new Set();
for (const c of cases) {
  if (ids.has(c.id)) throw new Error(`corpus-cases.mjs: duplicate case id "${c.id}"`);
  ids.add(c.id);
}

const browser = await import(pathToFileURL(path.join(repoRoot, 'packages', 'fixtures', 'dist', 'browser.js')).href);
const chromium = browser.findChromium().executablePath ?? '';
const server = await startServer();
const env = {
  CORPUS_SERVER: `http://127.0.0.1:${server.address().port}`,
  CORPUS_REFUSED_URL: `http://127.0.0.1:${await refusedPort()}`,
  CORPUS_CHROMIUM: chromium,
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-corpus-'));
try {
  writeProject(dir, cases);
  log(`${cases.length + ENVIRONMENT_PROJECTS.length} failing tests in ${dir}`);
  const baseline = await playwright(dir, ['--project=main', '--grep=@visual', '--update-snapshots=all', '--reporter=line'], { ...env, CORPUS_BASELINE: '1' });
  if (baseline.status !== 0) throw new Error(`recording the visual baselines failed:\n${baseline.stdout}\n${baseline.stderr}`);
  const run = await playwright(dir, ['--reporter=json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(dir, 'report.json') });
  const reportFile = path.join(dir, 'report.json');
  if (!fs.existsSync(reportFile)) throw new Error(`playwright test wrote no report:\n${run.stderr}`);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const clean = sanitizer(dir);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const lines = [];
  const problems = [];
  for (const t of collectTests({ suites: report.suites })) {
    const projectCase = ENVIRONMENT_PROJECTS.some((p) => p.name === t.project);
    const c = projectCase ? { ...PROJECT_CASE, id: `${PROJECT_CASE.id}-${t.project}` } : byId.get(t.title);
    if (!c) continue;
    const result = t.results.at(-1);
    if (!result || result.status === 'passed' || !result.errors.length) {
      problems.push(`${c.id}: expected a failure (${c.provoked}), got ${result?.status ?? 'no result'}`);
      continue;
    }
    const entry = { id: c.id, category: c.category, provoked: c.provoked, message: clean(result.errors.map((e) => e.message ?? String(e.value)).join('\n\n')) };
    if (c.category === 'locator-not-found') {
      const snapshot = pageSnapshotOf(result);
      if (snapshot) entry.snapshot = snapshot;
      if (c.heal) entry.heal = c.heal;
    }
    lines.push(entry);
  }
  const seen = new Set(lines.map((l) => l.id));
  for (const c of cases) if (!seen.has(c.id) && !problems.some((p) => p.startsWith(`${c.id}:`))) problems.push(`${c.id}: did not run`);
  lines.sort((a, b) => a.id.localeCompare(b.id));
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const perCategory = new Map();
  for (const l of lines) perCategory.set(l.category, (perCategory.get(l.category) ?? 0) + 1);
  const counts = [...perCategory].map(([k, n]) => `${k} ${n}`);
  log(`${lines.length} labelled failures written to ${path.relative(repoRoot, output)}: ${counts.join(', ')}`);
  if (problems.length) {
    process.stderr.write(`[corpus] ${problems.length} case(s) did not fail as intended and were left out:\n  ${problems.join('\n  ')}\n`);
    process.exitCode = 1;
  }
} finally {
  server.closeAllConnections();
  server.close();
  if (!process.env.CORPUS_KEEP) fs.rmSync(dir, { recursive: true, force: true });
}
