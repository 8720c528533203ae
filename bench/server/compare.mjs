#!/usr/bin/env node
// Two builds of the server side by side on the read path: `node bench/server/compare.mjs <module>`
// loads the build at <module> (e.g. a copy of an earlier packages/server/dist/index.js) next to the
// workspace's @panoptic/server, each on its own database of one PostgreSQL cluster (and each on its
// own PGlite folder), both filled with the same 1,000 runs. Rounds alternate the builds (A B, B A),
// so a busy moment of the shared machine falls on both. Prints medians over rounds of the p95 under
// 50 clients, one client's p50, and CPU per request; writes nothing to bench/results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alternatingRounds } from '../lib/rounds.mjs';
import { median, round } from '../lib/stats.mjs';
import { call, load, payload, pool, serial, startServerProcess, treeCpuMs } from './load.mjs';
import { startCluster } from './postgres.mjs';

const [before] = process.argv.slice(2);
if (!before) throw new Error('usage: node bench/server/compare.mjs <module of the earlier build> (kinds in BENCH_KINDS, default postgres,pglite)');
const kinds = (process.env.BENCH_KINDS ?? 'postgres,pglite').split(',');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = 5;
const CLIENTS = 50;
const RUNS = 1000;
const TRACKED = 'chromium › checkout.spec.ts › checkout › test 7';
const BUILDS = { before: path.resolve(before), after: '' };

async function startBuild(kind, build, cluster) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-compare-'));
  const url = cluster ? await cluster.database(`panoptic_${build}`) : '';
  const server = await startServerProcess(kind, { BENCH_DATA_DIR: dataDir, PANOPTIC_SCRYPT_COST: '14', DATABASE_URL: url }, BUILDS[build] ? `file://${BUILDS[build]}` : undefined);
  const { token } = await call(server.url, 'POST', '/api/v1/sessions', undefined, JSON.stringify({ username: 'admin', password: server.password }));
  await call(server.url, 'POST', '/api/v1/projects', token, JSON.stringify({ name: 'bench' }));
  const { key } = await call(server.url, 'POST', '/api/v1/api-keys', token, JSON.stringify({ name: 'bench', permissions: ['runs:read'], rate_limit: 0 }));
  await pool(RUNS, 4, (i) => call(server.url, 'PUT', `/api/v1/projects/bench/runs/fill-${i}`, token, JSON.stringify(payload(`fill-${i}`, 50, new Date().toISOString()))));
  const reads = {
    list_runs: [new URL('/api/v1/projects/bench/runs', server.url).href, token],
    test_history: [new URL(`/api/v1/projects/bench/tests/history?key=${encodeURIComponent(TRACKED)}`, server.url).href, token],
    list_runs_api_key: [new URL('/api/v1/projects/bench/runs', server.url).href, key],
  };
  return { server, reads, stop: async () => { await server.stop(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

for (const kind of kinds) {
  const cluster = kind === 'postgres' ? await startCluster() : undefined;
  const started = {};
  try {
    for (const build of Object.keys(BUILDS)) started[build] = await startBuild(kind, build, cluster);
    const dbCpuMs = cluster ? () => treeCpuMs(cluster.pid()) : undefined;
    const samples = await alternatingRounds({
      variants: Object.keys(BUILDS),
      rounds: ROUNDS,
      warmup: false,
      measure: async (build) => {
        const { server, reads } = started[build];
        const sample = {};
        for (const [name, [url, token]] of Object.entries(reads)) {
          const under = await load({ url, token, clients: CLIENTS, seconds: SECONDS, server, dbCpuMs });
          const one = await serial(url, token, 100);
          sample[name] = { p95: under.p95, rps: under.rps, non2xx: under.non2xx, cpu: under.server_cpu_ms_per_request, db_cpu: under.db_cpu_ms_per_request, one_p50: one.p50 };
        }
        return sample;
      },
    });
    const summary = {};
    for (const [build, list] of Object.entries(samples)) {
      for (const name of Object.keys(list[0])) {
        for (const figure of Object.keys(list[0][name])) {
          const values = list.map((s) => s[name][figure]).filter((v) => v !== undefined);
          if (values.length) (summary[`${kind} ${name}`] ??= {})[`${build} ${figure}`] = round(median(values), 3);
        }
      }
    }
    process.stdout.write(`${JSON.stringify(summary, null, 1)}\nload average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  } finally {
    for (const s of Object.values(started)) await s.stop();
    await cluster?.stop();
  }
}
