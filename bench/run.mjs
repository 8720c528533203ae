#!/usr/bin/env node
// Runs benchmarks one after another (never side by side: they would skew each other's timings).
// `node bench/run.mjs` runs every bench/<name>/run.mjs in name order; `node bench/run.mjs <name>...`
// runs the ones named. Each writes bench/results/<name>.json. `node bench/run.mjs --check` runs
// nothing: it prints, per target, met / missed / undecided from the result files as they are.
// BENCH_ROUNDS=<n> runs fewer rounds: a check that the benchmarks run, not figures to keep.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printCheck } from './lib/check.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.name !== 'lib' && entry.isDirectory() && fs.existsSync(path.join(benchDir, entry.name, 'run.mjs')))
  .map((entry) => entry.name)
  .sort();

if (process.argv.includes('--check')) process.exit(printCheck());

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ') || '(none)'}.\n`);
  process.exit(2);
}

const failed = [];
for (const name of requested.length ? requested : available) {
  process.stdout.write(`\n== ${name}\n`);
  const result = spawnSync(process.execPath, [path.join(benchDir, name, 'run.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
// The README's figures table follows the result files, whichever benchmarks ran.
spawnSync(process.execPath, [path.join(benchDir, '..', 'scripts', 'bench-figures.mjs')], { stdio: 'inherit' });
if (failed.length) {
  process.stderr.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
