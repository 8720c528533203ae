#!/usr/bin/env node
// What Panoptic's fixtures cost a run: the same trivial tests as real `playwright test` invocations,
// with bare Playwright, with Panoptic's `test` but no service used, and with services used.
// A measurement, not a check: it never fails on timings; its targets read met, missed or undecided.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startResult, roundsFrom } from '../lib/result.mjs';
import { alternatingRounds, pairsOf } from '../lib/rounds.mjs';
import { ciOf, median, pairedRatio, target } from '../lib/stats.mjs';
import { installedNodeModules } from '../lib/installed.mjs';
import { TESTS, VARIANTS, requireBuild, runOnce, writeProject } from './projects.mjs';

/** Paired rounds: enough for a bootstrap interval narrower than the 2% the target allows. */
const ROUNDS = roundsFrom(15);
/** From the issue: unused services cost at most 2% over bare Playwright. */
const MAX_RATIO = 1.02;

requireBuild();

const record = startResult('fixture-overhead');
const names = Object.keys(VARIANTS);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-'));
try {
  const nodeModules = installedNodeModules(root);
  const dirs = Object.fromEntries(names.map((variant) => [variant, writeProject(root, variant, { nodeModules })]));
  // The warm-up round is untimed: it fills Playwright's transform cache and the OS file cache.
  const samples = await alternatingRounds({ variants: names, rounds: ROUNDS, measure: (variant) => runOnce(dirs[variant], variant) });
  const ratios = Object.fromEntries(
    ['unused', 'used'].flatMap((variant) => ['wallMs', 'cpuMs'].map((key) => [`${variant}_${key}`, pairedRatio(pairsOf(samples, variant, 'bare', key))])),
  );
  const medians = Object.fromEntries(names.map((v) => [v, { wallMs: median(samples[v].map((s) => s.wallMs)), cpuMs: median(samples[v].map((s) => s.cpuMs)) }]));
  const targets = [
    target('fixture-overhead.unused.wall', { label: 'unused services vs bare Playwright, wall time', ...ciOf(ratios.unused_wallMs), max: MAX_RATIO, unit: 'x' }),
    target('fixture-overhead.unused.cpu', { label: 'unused services vs bare Playwright, CPU time', ...ciOf(ratios.unused_cpuMs), max: MAX_RATIO, unit: 'x' }),
  ];
  record.write({ tests: TESTS, rounds: ROUNDS, packages: 'installed copies', samples, medians, ratios }, targets);
  process.stdout.write(`\n${TESTS} tests, workers: 1, ${ROUNDS} paired rounds\n`);
  for (const [name, r] of Object.entries(ratios)) process.stdout.write(`${name.padEnd(14)} ${r.ratio} [${r.ci?.join(', ') ?? '-'}]\n`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
