#!/usr/bin/env node
// Test generation on the demo app (every page, one link deep), exploring one page at a time next to
// several at once, in one run on the same browser. Each variant's wall time, tests kept, pages and
// time per kept test go to bench/results/generate.json. A measurement, not a check: it never fails
// on timings. Exploring waits on the browser (navigation, layout) far more than it computes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, roundsFrom, startResult } from '../lib/result.mjs';

const ROUNDS = roundsFrom(2);
const CONCURRENCIES = [1, 3];

const record = startResult('generate');
const aiEntry = path.join(repoRoot, 'packages', 'ai', 'dist', 'index.js');
const fixturesConfig = path.join(repoRoot, 'packages', 'fixtures', 'dist', 'config.js');

if (!fs.existsSync(aiEntry) || !fs.existsSync(fixturesConfig)) {
  process.stderr.write('generate: the packages are not built; run `npm run build` first.\n');
  process.exit(1);
}
const { generate } = await import(pathToFileURL(aiEntry).href);
const { chromiumLaunchOptions } = await import(pathToFileURL(fixturesConfig).href);
const { startDemoServer } = await import(pathToFileURL(path.join(repoRoot, 'apps', 'demo', 'server.mjs')).href);
const { chromium } = await import('@playwright/test');

const server = await startDemoServer();
const browser = await chromium.launch(chromiumLaunchOptions(repoRoot).launchOptions ?? {});
const runs = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither variant always runs on a warmer browser and server.
    const order = round % 2 === 0 ? CONCURRENCIES : [...CONCURRENCIES].reverse();
    for (const concurrency of order) {
      const loadBefore = os.loadavg()[0];
      const start = performance.now();
      const result = await generate(`${server.url}/`, { browser, depth: 1, concurrency });
      const ms = Math.round(performance.now() - start);
      runs.push({ round, concurrency, ms, tests: result.tests.length, pages: result.pages.length, skipped: result.skipped.length, loadAverage1m: Number(loadBefore.toFixed(1)) });
      process.stdout.write(`round ${round + 1}, ${concurrency} at once: ${ms} ms, ${result.tests.length} tests kept from ${result.pages.length} pages\n`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const summary = Object.fromEntries(
  CONCURRENCIES.map((concurrency) => {
    const mine = runs.filter((run) => run.concurrency === concurrency);
    const ms = median(mine.map((run) => run.ms));
    const tests = median(mine.map((run) => run.tests));
    return [`concurrency${concurrency}`, { medianMs: ms, medianTests: tests, msPerKeptTest: Math.round(ms / Math.max(tests, 1)) }];
  }),
);
const [slow, fast] = CONCURRENCIES.map((c) => summary[`concurrency${c}`].medianMs);
const output = {
  app: 'apps/demo, from / one link deep',
  rounds: ROUNDS,
  summary,
  speedup: Number((slow / fast).toFixed(2)),
  runs,
};
record.write(output);
process.stdout.write(`speedup of ${CONCURRENCIES[1]} at once over 1: ${output.speedup}x\n`);
