#!/usr/bin/env node
// The Panoptic server under load, on PostgreSQL and on embedded PGlite, through its HTTP API as the
// reporter and the dashboard use it: publishing a 10,000-test run (PUT /runs/{run_id}), then, with
// 1,000 runs stored, the latency of listing a project's runs and of one test's history under 50
// concurrent clients (autocannon). The p95 is computed from every response's time. A measurement,
// not a check: it never fails on timings.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';
import { median, round, target } from '../lib/stats.mjs';
import { startCluster } from './postgres.mjs';

// The workload and the bounds: ingestion under 2 s on PostgreSQL, p95 under 50 ms.
const SETUP = {
  ingestTests: 10_000,
  ingestRounds: roundsFrom(3),
  storedRuns: 1_000,
  // Tests in each of the runs that fill the store; one of them (TRACKED) has a history across all.
  fillTests: 50,
  fillConcurrency: 4,
  clients: 50,
  loadSeconds: process.env.BENCH_ROUNDS ? 5 : 15,
};
const INGEST_TARGET_MS = 2000;
const P95_TARGET_MS = 50;
const TRACKED = 'chromium › checkout.spec.ts › checkout › test 7';

const record = startResult('server');
if (!fs.existsSync(path.join(repoRoot, 'packages', 'server', 'dist', 'index.js'))) {
  process.stderr.write('server: packages/server is not built; run `npm run build` first.\n');
  process.exit(1);
}
const { default: autocannon } = await import('autocannon');

function payload(runId, tests, started) {
  const items = Array.from({ length: tests }, (_, i) => {
    const failed = i % 50 === 13;
    const title = `test ${i}`;
    return {
      key: `chromium › checkout.spec.ts › checkout › ${title}`,
      title,
      title_path: ['checkout', title],
      project: 'chromium',
      file: 'checkout.spec.ts',
      line: 10 + i,
      outcome: failed ? 'unexpected' : 'expected',
      duration_ms: 120 + (i % 37),
      attempts: [{ retry: 0, status: failed ? 'failed' : 'passed', duration_ms: 120 + (i % 37), start_time: started, ...(failed ? { error: 'Error: expect(locator).toBeVisible() failed', category: 'assertion-mismatch' } : {}) }],
      ...(failed ? { category: 'assertion-mismatch' } : {}),
      artifacts: failed ? [{ name: 'screenshot', kind: 'screenshot', content_type: 'image/png', retry: 0, key: `runs/${runId}/${i}.png` }] : [],
    };
  });
  const status = items.some((t) => t.outcome === 'unexpected') ? 'failed' : 'passed';
  return { version: 1, run_id: runId, shard: null, status, started_at: started, duration_ms: 60_000, branch: 'main', commit: 'abc1234', ci_url: 'https://ci.example/1', tests: items };
}

async function call(base, method, route, token, body) {
  const response = await fetch(new URL(route, base), {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

function startServerProcess(kind, env) {
  const child = fork(path.join(import.meta.dirname, 'serve.mjs'), { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ ...message, stop: () => new Promise((done) => { child.once('exit', done); child.disconnect(); }) }));
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited with ${code} before listening`)));
  });
}

// autocannon's default: a request unanswered after this long counts as an error.
const TIMEOUT_S = 10;

/**
 * autocannon for SETUP.loadSeconds with SETUP.clients connections. Percentiles come from every
 * response's time, any status; a request that timed out or failed without an answer counts at the
 * timeout, the least it took, so failures cannot flatter the p95.
 */
async function load(url, token) {
  const times = [];
  let non2xx = 0;
  const instance = autocannon({ url, connections: SETUP.clients, duration: SETUP.loadSeconds, timeout: TIMEOUT_S, headers: { authorization: `Bearer ${token}` } });
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    if (status < 200 || status >= 300) non2xx += 1;
  });
  const result = await instance;
  const unanswered = result.errors + result.timeouts;
  for (let i = 0; i < unanswered; i++) times.push(TIMEOUT_S * 1000);
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { requests: times.length, non2xx, unanswered, rps: round((times.length - unanswered) / SETUP.loadSeconds, 1), p50: round(at(0.5), 2), p95: round(at(0.95), 2), p99: round(at(0.99), 2) };
}

/** One client, one request at a time: the service time of a request, which the p95 under load is a queue of. */
async function serial(url, token, count = 200) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { requests: count, p50: round(times[Math.floor(count / 2)], 2), p95: round(times[Math.floor(count * 0.95)], 2) };
}

async function pool(count, concurrency, job) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await job(next++);
  }));
}

async function measure(kind) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-server-'));
  const cluster = kind === 'postgres' ? await startCluster() : undefined;
  const env = { BENCH_DATA_DIR: dataDir, PANOPTIC_SCRYPT_COST: '14', ...(cluster ? { DATABASE_URL: cluster.url } : { DATABASE_URL: '' }) };
  const server = await startServerProcess(kind, env);
  try {
    const { token } = await call(server.url, 'POST', '/api/v1/sessions', undefined, JSON.stringify({ username: 'admin', password: server.password }));
    await call(server.url, 'POST', '/api/v1/projects', token, JSON.stringify({ name: 'bench' }));
    const put = (runId, tests) => {
      const body = JSON.stringify(payload(runId, tests, new Date().toISOString()));
      const start = performance.now();
      return call(server.url, 'PUT', `/api/v1/projects/bench/runs/${runId}`, token, body).then(() => ({ ms: performance.now() - start, bytes: body.length }));
    };
    const ingest = [];
    for (let i = 0; i < SETUP.ingestRounds; i++) {
      const { ms, bytes } = await put(`ingest-${i}`, SETUP.ingestTests);
      ingest.push(ms);
      process.stdout.write(`${kind}: ingested ${SETUP.ingestTests} tests (${(bytes / 1e6).toFixed(1)} MB) in ${Math.round(ms)} ms\n`);
    }
    const fillStart = performance.now();
    await pool(SETUP.storedRuns - SETUP.ingestRounds, SETUP.fillConcurrency, (i) => put(`fill-${i}`, SETUP.fillTests));
    const fillMs = performance.now() - fillStart;
    process.stdout.write(`${kind}: ${SETUP.storedRuns} runs stored (${SETUP.storedRuns - SETUP.ingestRounds} of ${SETUP.fillTests} tests in ${Math.round(fillMs)} ms)\n`);
    const reads = { list_runs: new URL('/api/v1/projects/bench/runs', server.url).href, test_history: new URL(`/api/v1/projects/bench/tests/history?key=${encodeURIComponent(TRACKED)}`, server.url).href };
    const measured = {};
    for (const [name, url] of Object.entries(reads)) {
      measured[name] = { ...(await load(url, token)), one_client: await serial(url, token) };
      process.stdout.write(`${kind}: ${name} ${JSON.stringify(measured[name])}\n`);
    }
    return { ingest_ms: ingest.map((ms) => Math.round(ms)), ingest_median_ms: Math.round(median(ingest)), fill_runs_per_s: round((SETUP.storedRuns - SETUP.ingestRounds) / (fillMs / 1000), 1), ...measured };
  } finally {
    await server.stop();
    await cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const figures = {};
for (const kind of ['postgres', 'pglite']) figures[kind] = await measure(kind);

const NAMES = { postgres: 'PostgreSQL', pglite: 'PGlite' };
const targets = Object.entries(figures).flatMap(([kind, f]) => [
  target(`server.${kind}.ingest`, {
    label: `${NAMES[kind]}: ingesting a ${SETUP.ingestTests.toLocaleString('en')}-test run through the API, median of ${SETUP.ingestRounds}`,
    value: f.ingest_median_ms,
    unit: 'ms',
    // The bound is for PostgreSQL, the database of a team's server; PGlite's figure is shown beside it.
    ...(kind === 'postgres' ? { max: INGEST_TARGET_MS } : {}),
  }),
  target(`server.${kind}.list_runs_p95`, { label: `${NAMES[kind]}: p95 of listing runs, ${SETUP.storedRuns.toLocaleString('en')} stored, ${SETUP.clients} clients`, value: f.list_runs.p95, max: P95_TARGET_MS, unit: 'ms' }),
  target(`server.${kind}.history_p95`, { label: `${NAMES[kind]}: p95 of one test's history over ${SETUP.storedRuns.toLocaleString('en')} runs, ${SETUP.clients} clients`, value: f.test_history.p95, max: P95_TARGET_MS, unit: 'ms' }),
]);
record.write({ setup: SETUP, figures }, targets);
for (const t of targets) process.stdout.write(`${t.label}: ${t.value} ${t.unit} (${t.verdict})\n`);
