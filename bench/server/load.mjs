// The client side of the server bench, shared by run.mjs and compare.mjs: the publish payload, the
// API calls, the server in its own process (with its CPU time on request), PostgreSQL's CPU time,
// and the two read measurements (50 clients with autocannon; one client, one request at a time).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { round } from '../lib/stats.mjs';

const { default: autocannon } = await import('autocannon');

export function payload(runId, tests, started) {
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

export async function call(base, method, route, token, body) {
  const response = await fetch(new URL(route, base), {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * serve.mjs in a child process; `module` names the server build to load (default @panoptic/server),
 * so two builds can be measured side by side. `cpuMs()` asks the child for its own CPU time.
 */
export function startServerProcess(kind, env, module) {
  // BENCH_SERVER_NODE_ARGS: flags for the server's node only, e.g. --cpu-prof --cpu-prof-dir=<folder>.
  const execArgv = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(path.join(import.meta.dirname, 'serve.mjs'), { execArgv, env: { ...process.env, ...env, ...(module ? { BENCH_SERVER_MODULE: module } : {}) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const cpuMs = () => new Promise((resolve) => {
    child.once('message', (message) => resolve(message.cpu_ms));
    child.send('cpu');
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ ...message, cpuMs, stop: () => new Promise((done) => { child.once('exit', done); child.disconnect(); }) }));
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited with ${code} before listening`)));
  });
}

const TICK_MS = 1000 / 100;

/**
 * User + system CPU time (ms) of a process and all its descendants, from /proc (Linux's 100 Hz
 * ticks): each live process's own time plus what its children that have ended had used (cutime,
 * cstime), since a pool closes idle connections and their backends exit.
 */
export function treeCpuMs(rootPid) {
  if (rootPid === undefined || !fs.existsSync('/proc')) return undefined;
  const stats = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name, which may hold spaces: state ppid … utime stime cutime cstime.
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) });
    } catch {
      // The process ended while the folder was read.
    }
  }
  let ticks = 0;
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop();
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) todo.push(child);
  }
  return ticks * TICK_MS;
}

// autocannon's default: a request unanswered after this long counts as an error.
const TIMEOUT_S = 10;

const percentiles = (times) => {
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: round(at(0.5), 2), p95: round(at(0.95), 2), p99: round(at(0.99), 2) };
};

/**
 * autocannon for `seconds` with `clients` connections. Percentiles come from every response's time,
 * any status; a request that timed out or failed without an answer counts at the timeout, the least
 * it took, so failures cannot flatter the p95. CPU per answered request is the server process's
 * (and the database's, when `dbCpuMs` is given) over the whole load: load on the machine stretches
 * latency far more than it stretches CPU time.
 */
export async function load({ url, token, clients, seconds, server, dbCpuMs }) {
  const times = [];
  let non2xx = 0;
  const cpuBefore = await server.cpuMs();
  const dbBefore = dbCpuMs?.();
  const instance = autocannon({ url, connections: clients, duration: seconds, timeout: TIMEOUT_S, headers: { authorization: `Bearer ${token}` } });
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    if (status < 200 || status >= 300) non2xx += 1;
  });
  const result = await instance;
  const serverCpu = (await server.cpuMs()) - cpuBefore;
  const dbCpu = dbBefore === undefined ? undefined : dbCpuMs() - dbBefore;
  const unanswered = result.errors + result.timeouts;
  const answered = times.length;
  for (let i = 0; i < unanswered; i++) times.push(TIMEOUT_S * 1000);
  return {
    requests: times.length, non2xx, unanswered, rps: round(answered / seconds, 1), ...percentiles(times),
    server_cpu_ms_per_request: round(serverCpu / Math.max(1, answered), 3),
    ...(dbCpu === undefined ? {} : { db_cpu_ms_per_request: round(dbCpu / Math.max(1, answered), 3) }),
  };
}

/** One client, one request at a time: the service time of a request, which the p95 under load is a queue of. */
export async function serial(url, token, count = 200) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  const { p50, p95 } = percentiles(times);
  return { requests: count, p50, p95 };
}

export async function pool(count, concurrency, job) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await job(next++);
  }));
}
