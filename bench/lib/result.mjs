// What every result file says about how it was measured, and the one place results are written:
// the commit and whether the tree had changes beside it, the load before and after, the machine
// and the date. A figure without these cannot be told from a stale one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(repoRoot, 'bench', 'results');

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const load = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

function versionOf(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', ...pkg.split('/'), 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Starts a benchmark's record: call first, before any measuring, so the load average before it is
 * the machine's and not the benchmark's. `write` adds the rest and writes results/<name>.json.
 */
export function startResult(name) {
  const startedAt = new Date();
  const before = load();
  // Changes to bench/results are the benchmarks' own output, not a change to what is measured.
  const status = git('status', '--porcelain', '--', '.', ':(exclude)bench/results');
  const meta = {
    commit: git('rev-parse', 'HEAD'),
    dirty: status === undefined ? undefined : status.length > 0,
    startedAt: startedAt.toISOString(),
    loadBefore: before,
    cpus: os.cpus().length,
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    playwright: versionOf('@playwright/test'),
    quick: Boolean(process.env.BENCH_ROUNDS),
  };
  return {
    meta,
    /** `targets` from stats.target(); `data` is the benchmark's own figures. Returns the file written. */
    write(data, targets = []) {
      const result = { name, meta: { ...meta, finishedAt: new Date().toISOString(), loadAfter: load() }, targets, ...data };
      const file = path.join(resultsDir, `${name}.json`);
      fs.mkdirSync(resultsDir, { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`wrote ${path.relative(repoRoot, file)}\n`);
      return file;
    },
  };
}

/**
 * Rounds to run: `fallback` (what a decision needs) unless BENCH_ROUNDS asks for fewer or more, as
 * a quick check that a benchmark runs does on a busy machine. Files written so say `quick: true`.
 */
export function roundsFrom(fallback) {
  const asked = Number(process.env.BENCH_ROUNDS);
  return Number.isInteger(asked) && asked > 0 ? asked : fallback;
}
