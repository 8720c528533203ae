#!/usr/bin/env node
// The dashboard with a large history: 1,000 runs of 500 tests stored on embedded PGlite, published
// through the API as the reporter does. Measures publishing one more 500-test run, each page's
// server time (the HTML over HTTP, median of 5) and the projects, runs and test-history pages
// loaded in Chromium (navigation to the load event, median of 5). The bound: under 1 s each.
// A measurement, not a check: it never fails on timings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';
import { median, target } from '../lib/stats.mjs';
import { call, payload, pool, startServerProcess } from '../server/load.mjs';

const SETUP = { storedRuns: process.env.BENCH_ROUNDS ? 100 : 1000, tests: 500, rounds: roundsFrom(5), fillConcurrency: 2 };
const LIMIT_MS = 1000;
const TRACKED = encodeURIComponent('chromium › checkout.spec.ts › checkout › test 13');

const record = startResult('dashboard');
if (!fs.existsSync(path.join(repoRoot, 'packages', 'server', 'dist', 'index.js'))) {
  process.stderr.write('dashboard: packages/server is not built; run `npm run build` first.\n');
  process.exit(1);
}

const started = (i) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-dashboard-'));
const server = await startServerProcess('pglite', { BENCH_DATA_DIR: dataDir, PANOPTIC_SCRYPT_COST: '14', DATABASE_URL: '' });
const browser = await chromium.launch(launchOptionsForChromium());
const figures = {};
try {
  const { token } = await call(server.url, 'POST', '/api/v1/sessions', undefined, JSON.stringify({ username: 'admin', password: server.password }));
  await call(server.url, 'POST', '/api/v1/projects', token, JSON.stringify({ name: 'bench' }));
  const put = async (runId, i) => {
    const body = JSON.stringify(payload(runId, SETUP.tests, started(i)));
    const start = performance.now();
    await call(server.url, 'PUT', `/api/v1/projects/bench/runs/${runId}`, token, body);
    return performance.now() - start;
  };
  await pool(SETUP.storedRuns, SETUP.fillConcurrency, (i) => put(`run-${i}`, i));
  const publish = [];
  for (let i = 0; i < SETUP.rounds; i++) publish.push(await put(`extra-${i}`, SETUP.storedRuns + i));
  figures.publish_ms = median(publish);
  process.stdout.write(`dashboard: ${SETUP.storedRuns} runs stored; publishing one more: ${Math.round(figures.publish_ms)} ms\n`);

  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/dashboard/login');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(server.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const pages = {
    projects: '/dashboard',
    runs: '/dashboard/projects/bench',
    run: `/dashboard/projects/bench/runs/run-${SETUP.storedRuns - 1}`,
    test_history: `/dashboard/projects/bench/test?key=${TRACKED}`,
    trends: '/dashboard/projects/bench/trends',
    triage: '/dashboard/projects/bench/triage',
  };
  for (const [name, route] of Object.entries(pages)) {
    const served = [];
    const loaded = [];
    for (let i = 0; i < SETUP.rounds; i++) {
      const start = performance.now();
      const response = await fetch(new URL(route, server.url), { headers: { cookie } });
      await response.text();
      if (response.status !== 200) throw new Error(`${route} answered ${response.status}`);
      served.push(performance.now() - start);
      const navigation = performance.now();
      await page.goto(route, { waitUntil: 'load' });
      loaded.push(performance.now() - navigation);
    }
    figures[name] = { server_ms: median(served), browser_ms: median(loaded) };
    process.stdout.write(`dashboard: ${name}: server ${Math.round(figures[name].server_ms)} ms, in Chromium ${Math.round(figures[name].browser_ms)} ms\n`);
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const stored = `${SETUP.storedRuns.toLocaleString('en')} runs of ${SETUP.tests} tests stored (PGlite)`;
const targets = [
  target('dashboard.publish', { label: `Publishing a ${SETUP.tests}-test run with ${stored}, median of ${SETUP.rounds}`, value: figures.publish_ms, max: LIMIT_MS, unit: 'ms' }),
  ...['projects', 'runs', 'test_history'].map((name) =>
    target(`dashboard.${name}`, { label: `The ${name.replace('_', '-')} page loaded in Chromium with ${stored}, median of ${SETUP.rounds}`, value: figures[name].browser_ms, max: LIMIT_MS, unit: 'ms' }),
  ),
];
record.write({ setup: SETUP, figures }, targets);
