#!/usr/bin/env node
// Screenshots of every dashboard page, for describing the pages as they look:
//   node scripts/dashboard-screenshots.mjs <folder>
// Starts a Panoptic server on a fresh PGlite folder (in a temp folder, removed at the end) with a
// local artifact store, publishes twelve runs of a small "shop" suite through the API (a test that
// breaks and stays broken, one that is flaky, one that was fixed, one skipped now and then, with a
// real screenshot of the demo app and a trace as artifacts), signs in through the login form in
// Chromium and writes one PNG per page to <folder>. Needs the packages built (npm run build).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folder = process.argv[2];
if (!folder) {
  process.stderr.write('usage: node scripts/dashboard-screenshots.mjs <folder for the PNG files>\n');
  process.exit(2);
}
const out = path.resolve(folder);
fs.mkdirSync(out, { recursive: true });

const { chromium } = await import('@playwright/test');
const { launchOptionsForChromium } = await import('@panoptic/fixtures/chromium');
const server = await import('@panoptic/server');
const { startDemoServer } = await import(path.join(root, 'apps', 'demo', 'server.mjs'));

const PROJECT = 'shop';
const RUNS = 12;
const TESTS = ['login', 'cart', 'checkout', 'search', 'profile', 'settings'];
const PREFIX = (run) => `shop/run-${run}/all`;

/** Each test's outcome in run `n` (1-based): the stories the triage and flaky pages tell. */
function outcomeOf(title, n) {
  if (title === 'checkout') return n >= 8 ? 'unexpected' : 'expected';
  if (title === 'search') return n % 3 === 0 || n === 11 ? 'flaky' : 'expected';
  if (title === 'login') return n >= 2 && n <= 4 ? 'unexpected' : 'expected';
  if (title === 'profile') return n % 5 === 0 ? 'skipped' : 'expected';
  return 'expected';
}

function errorOf(title, n) {
  if (title === 'login') return { error: `page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:${3000 + n}/login`, category: 'network' };
  return { error: `TimeoutError: locator.click: Timeout ${5000 + n * 10}ms exceeded.\nCall log:\n  - waiting for getByRole('button', { name: 'Pay now' })`, category: 'timeout' };
}

function testOf(title, n, start) {
  const outcome = outcomeOf(title, n);
  const statuses = { expected: ['passed'], flaky: ['failed', 'passed'], unexpected: ['failed', 'failed'], skipped: ['skipped'] }[outcome];
  const base = 400 + TESTS.indexOf(title) * 250 + ((n * 37) % 11) * 40;
  const failure = errorOf(title, n);
  const attempts = statuses.map((status, retry) => ({ retry, status, duration_ms: base, start_time: start, ...(status === 'failed' ? failure : {}) }));
  const artifacts =
    title === 'checkout' && outcome === 'unexpected'
      ? [
          { name: 'checkout-failure.png', kind: 'screenshot', content_type: 'image/png', retry: 0, key: `${PREFIX(n)}/checkout-failure.png` },
          { name: 'trace.zip', kind: 'trace', content_type: 'application/zip', retry: 1, key: `${PREFIX(n)}/trace.zip` },
        ]
      : [];
  return {
    key: `chromium › shop.spec.ts › ${title}`,
    title,
    title_path: ['shop.spec.ts', title],
    project: 'chromium',
    file: 'shop.spec.ts',
    line: 10 + TESTS.indexOf(title) * 12,
    outcome,
    duration_ms: base * statuses.length,
    attempts,
    ...(outcome === 'unexpected' ? { category: failure.category } : {}),
    artifacts,
  };
}

async function api(url, method, route, token, body) {
  const response = await fetch(new URL(route, url), {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${answer.error ?? ''}`);
  return answer;
}

/** A real screenshot of the demo app, stored where the failing checkout runs' artifacts point. */
async function storeArtifacts(browser, store) {
  const demo = await startDemoServer();
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
    await page.goto(`${demo.url}/form`);
    const shot = await page.screenshot();
    await page.close();
    for (let n = 8; n <= RUNS; n++) {
      fs.mkdirSync(path.join(store, PREFIX(n)), { recursive: true });
      fs.writeFileSync(path.join(store, PREFIX(n), 'checkout-failure.png'), shot);
      fs.writeFileSync(path.join(store, PREFIX(n), 'trace.zip'), 'a trace would be here');
    }
  } finally {
    await demo.close();
  }
}

async function seed(url, token) {
  await api(url, 'POST', '/api/v1/projects', token, { name: PROJECT, description: 'The web shop: checkout, search and the account pages' });
  await api(url, 'POST', '/api/v1/projects', token, { name: 'billing', description: 'Invoices and payments' });
  for (let n = 1; n <= RUNS; n++) {
    const start = new Date(Date.UTC(2026, 11, 1, 8 + n)).toISOString();
    const tests = TESTS.map((title) => testOf(title, n, start));
    const failed = tests.some((test) => test.outcome === 'unexpected');
    const run = `run-${n}`;
    await api(url, 'PUT', `/api/v1/projects/${PROJECT}/runs/${run}`, token, {
      version: 1, run_id: run, shard: null, status: failed ? 'failed' : 'passed', started_at: start, duration_ms: 9000 + n * 300,
      branch: n % 4 === 2 ? 'feature/search' : 'main', commit: `c0ffee${n.toString(16).padStart(2, '0')}`, ci_url: `https://ci.example/shop/${n}`,
      store: 'local folder ../store', tests,
    });
  }
}

async function shoot(page, name, route, { full = true } = {}) {
  const response = await page.goto(route);
  if (!response || response.status() === 404) return false;
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: full });
  process.stdout.write(`${name}.png  ${route}\n`);
  return true;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-screenshots-'));
const env = { ...process.env, PANOPTIC_SCRYPT_COST: '14' };
const options = server.resolveServerOptions({ overrides: { data_dir: path.join(work, 'data'), port: 0, log: false }, env, cwd: work });
const browser = await chromium.launch(launchOptionsForChromium());
let running;
try {
  const { generated_password: password } = await server.initServer(options, { organization_name: 'Panoptic', admin_username: 'admin' });
  await storeArtifacts(browser, path.join(work, 'store'));
  running = await server.startServer(options, { artifacts: { cloud: { provider: 'local', bucket: 'store' }, base_dir: work } });
  const { token } = await api(running.url, 'POST', '/api/v1/sessions', undefined, { username: 'admin', password });
  await seed(running.url, token);

  const page = await browser.newPage({ baseURL: running.url, viewport: { width: 1280, height: 800 } });
  await shoot(page, 'login', '/dashboard/login');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  const project = `/dashboard/projects/${PROJECT}`;
  await shoot(page, 'projects', '/dashboard');
  await shoot(page, 'runs', project);
  await shoot(page, 'run', `${project}/runs/run-${RUNS}`);
  await shoot(page, 'test', `${project}/test?key=${encodeURIComponent('chromium › shop.spec.ts › checkout')}`);
  await shoot(page, 'trends', `${project}/trends`);
  // The flaky ranking is the trends page's second part: from its heading down.
  const heading = page.getByRole('heading', { name: 'Flaky tests' });
  await heading.scrollIntoViewIfNeeded();
  const top = (await heading.boundingBox()).y + (await page.evaluate(() => window.scrollY));
  const height = (await page.evaluate(() => document.documentElement.scrollHeight)) - top;
  await page.screenshot({ path: path.join(out, 'flaky.png'), fullPage: true, clip: { x: 0, y: top - 8, width: 1280, height: height + 8 } });
  process.stdout.write(`flaky.png  ${project}/trends (the flaky tests part)\n`);
  await shoot(page, 'triage', `${project}/triage`);
  // Pages that are there only once their parts of the dashboard are.
  for (const extra of ['quarantine', 'gates']) await shoot(page, extra, `${project}/${extra}`);
} finally {
  await browser.close();
  await running?.close();
  fs.rmSync(work, { recursive: true, force: true });
}
