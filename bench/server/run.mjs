#!/usr/bin/env node
// The Panoptic server under load, on PostgreSQL and on embedded PGlite, through its HTTP API as the
// reporter and the dashboard use it: publishing a 10,000-test run (PUT /runs/{run_id}), then, with
// 1,000 runs stored, the latency of listing a project's runs and of one test's history under 50
// concurrent clients (autocannon), signed in with a session, and the list again with an API key.
// The p95 is computed from every response's time. A measurement, not a check: it never fails on
// timings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';
import { median, round, target } from '../lib/stats.mjs';
import { call, load, payload, pool, serial, startServerProcess, treeCpuMs } from './load.mjs';
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
    // The same list read through an API key (no rate limit), as a reporter or CI script reads: a figure beside the targets.
    const { key } = await call(server.url, 'POST', '/api/v1/api-keys', token, JSON.stringify({ name: 'bench', permissions: ['runs:read'], rate_limit: 0 }));
    const runsUrl = new URL('/api/v1/projects/bench/runs', server.url).href;
    const reads = { list_runs: [runsUrl, token], test_history: [new URL(`/api/v1/projects/bench/tests/history?key=${encodeURIComponent(TRACKED)}`, server.url).href, token], list_runs_api_key: [runsUrl, key] };
    const measured = {};
    for (const [name, [url, bearer]] of Object.entries(reads)) {
      const dbCpuMs = cluster ? () => treeCpuMs(cluster.pid()) : undefined;
      measured[name] = { ...(await load({ url, token: bearer, clients: SETUP.clients, seconds: SETUP.loadSeconds, server, dbCpuMs })), one_client: await serial(url, bearer) };
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
