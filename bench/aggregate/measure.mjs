#!/usr/bin/env node
// One measurement of the aggregate benchmark, in a process of its own so its peak RSS is its own.
// Usage: node --expose-gc measure.mjs <inputs|aggregate|onEnd> <tests> <projectDir>
// Prints one JSON line. `inputs` only builds the synthetic run: the memory every other mode starts from.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntheticRun } from './synthetic.mjs';

const [mode, testsArg, projectDir] = process.argv.slice(2);
const tests = Number(testsArg);
if (!['inputs', 'aggregate', 'onEnd'].includes(mode) || !Number.isInteger(tests) || !projectDir || typeof globalThis.gc !== 'function') {
  process.stderr.write('usage: node --expose-gc measure.mjs <inputs|aggregate|onEnd> <tests> <projectDir>\n');
  process.exit(2);
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reporterDist = path.join(repoRoot, 'packages', 'reporter', 'dist');
const playwrightVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8')).version;

// Modules load before any clock starts: loading them is a cost of the runner's start, not of a summary.
const { default: PanopticReporter, aggregate } = await import('@panoptic/reporter');
// aggregate() takes the tests' summaries, which the reporter builds with this module's summarizeTest
// (not part of the package's exports, so it is loaded by file).
const { summarizeTest } = await import(pathToFileURL(path.join(reporterDist, 'records.js')).href);

const MB = 1024 * 1024;
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;
const memory = () => process.memoryUsage();
const delta = (before, after) => Object.fromEntries(['rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers'].map((key) => [key, mb(after[key] - before[key])]));

fs.mkdirSync(projectDir, { recursive: true });
const run = syntheticRun({ tests, rootDir: projectDir, playwrightVersion });
globalThis.gc();
const before = memory();
const cpuBefore = process.cpuUsage();
const out = { mode, tests, inputs: run.stats, rssBeforeMb: mb(before.rss), heapUsedBeforeMb: mb(before.heapUsed) };

if (mode === 'aggregate') {
  // As the reporter does: project metadata gives a test's app and platform unless its metrics say otherwise.
  const projects = new Map(run.config.projects.map((p) => [p.name, { app: p.metadata.panoptic?.app, platform: p.metadata.panoptic?.type }]));
  const warnings = [];
  const start = performance.now();
  const summaries = run.suite.allTests().map((test) => summarizeTest(test, run.config.rootDir, projects.get(test.parent.project().name) ?? {}, (m) => warnings.push(m)));
  const summarized = performance.now();
  const summary = aggregate(summaries, {
    status: run.result.status,
    startTime: run.result.startTime,
    durationMs: run.result.duration,
    playwrightVersion: run.config.version,
    workers: run.config.workers,
    shard: run.config.shard,
    errors: [],
  });
  const end = performance.now();
  if (warnings.length) throw new Error(`summarizeTest warned: ${warnings[0]}`);
  if (summary.totals.total !== tests) throw new Error(`aggregate() counted ${summary.totals.total} tests, expected ${tests}`);
  Object.assign(out, { summarizeMs: Math.round(summarized - start), aggregateMs: Math.round(end - summarized) });
}

/**
 * The run's events as Playwright sends them: onBegin, then each attempt's onTestBegin and onTestEnd,
 * where the reporter does its per-test work. The event loop is let run between tests, as between a
 * real run's events, so work the reporter started in the background can go on. Timed apart from
 * onEnd: its cost is spread over the run, not gone.
 */
async function playRun(reporter) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  reporter.onBegin(run.config, run.suite);
  let n = 0;
  for (const test of run.suite.allTests()) {
    for (const result of test.results) {
      reporter.onTestBegin(test, result);
      reporter.onTestEnd(test, result);
    }
    if (++n % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  // Whatever the reporter started during the run has finished before it ends, in a real run of this size.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  const cpu = process.cpuUsage(cpuStart);
  return { duringRunMs: Math.round(performance.now() - start), duringRunCpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

let reporter;
if (mode === 'onEnd') {
  reporter = new PanopticReporter();
  Object.assign(out, await playRun(reporter));
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await reporter.onEnd(run.result);
  out.onEndMs = Math.round(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  out.onEndCpuMs = Math.round((cpu.user + cpu.system) / 1000);
}

// CPU time (all threads: V8's GC helpers count too) swings less than wall time on a busy machine.
const cpu = process.cpuUsage(cpuBefore);
const after = memory();
out.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
out.peakRssMb = mb(process.resourceUsage().maxRSS * 1024);
out.peakRssOverStartMb = Math.round((out.peakRssMb - out.rssBeforeMb) * 10) / 10;
out.memoryDeltaMb = delta(before, after);
globalThis.gc();
out.retainedHeapMb = mb(memory().heapUsed - before.heapUsed);

if (mode === 'onEnd') {
  // Checked after the measurement: reading the outputs back must not count.
  const outputDir = reporter.outputDir();
  const files = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        // The report's copied screenshots are thousands of files: counted together.
        const name = path.relative(outputDir, full).split(path.sep).join('/');
        const key = name.startsWith('report/data/') ? 'report/data/*' : name;
        files[key] = (files[key] ?? 0) + fs.statSync(full).size;
      }
    }
  };
  walk(outputDir);
  for (const name of ['summary.json', 'summary.md', 'metrics.prom', 'history.json', 'report/index.html']) {
    if (!(name in files)) throw new Error(`onEnd did not write ${name} (wrote: ${Object.keys(files).join(', ') || 'nothing'})`);
  }
  const written = JSON.parse(fs.readFileSync(path.join(outputDir, 'summary.json'), 'utf8'));
  if (written.totals.total !== tests || written.tests.length !== tests) throw new Error(`summary.json holds ${written.tests.length} tests, expected ${tests}`);
  if (written.warnings.length) throw new Error(`the reporter warned: ${written.warnings.join('; ')}`);
  out.files = files;
  out.history = { runs: written.history.runs };
}

process.stdout.write(`${JSON.stringify(out)}\n`);
