#!/usr/bin/env node
// Two builds of @panoptic/fixtures side by side, as fixture-overhead measures them: bare Playwright,
// the earlier build's `test` and this tree's, no service used, in paired rounds that alternate
// their order. For judging a change on a shared machine; writes no result file.
//   node bench/fixture-overhead/compare.mjs <earlier build> [rounds]
// <earlier build> is a folder holding an earlier build's package.json and dist/ (for example a
// copy of packages/fixtures taken before building the change).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alternatingRounds, pairsOf } from '../lib/rounds.mjs';
import { median, pairedRatio, round } from '../lib/stats.mjs';
import { installedNodeModules } from '../lib/installed.mjs';
import { requireBuild, runOnce, writeProject } from './projects.mjs';

const [earlier, roundsArg] = process.argv.slice(2);
if (!earlier || !fs.existsSync(path.join(earlier, 'dist', 'index.js'))) {
  process.stderr.write('usage: compare.mjs <folder with an earlier build of @panoptic/fixtures (package.json, dist/)> [rounds]\n');
  process.exit(2);
}
requireBuild();
const rounds = Number(roundsArg ?? 15);

/** The paired ratio of sums with its bootstrap interval, and the median of the rounds' own ratios with their range. */
function describe(samples, a, b, key) {
  const pairs = pairsOf(samples, a, b, key);
  const { ratio, ci } = pairedRatio(pairs);
  const perRound = pairs.map(([x, y]) => x / y);
  return `${ratio} [${ci?.join(', ') ?? '-'}]; rounds: median ${round(median(perRound), 4)}, ${round(Math.min(...perRound), 4)} to ${round(Math.max(...perRound), 4)}`;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-bench-'));
try {
  // Each build in a node_modules of its own, installed as a user's would be.
  const nodeModules = installedNodeModules(path.join(root, 'now'));
  const earlierModules = installedNodeModules(path.join(root, 'earlier'), { fixtures: earlier });
  const dirs = {
    bare: writeProject(root, 'bare', { nodeModules }),
    earlier: writeProject(root, 'earlier-project', { kind: 'unused', nodeModules: earlierModules }),
    now: writeProject(root, 'now-project', { kind: 'unused', nodeModules }),
  };
  const samples = await alternatingRounds({
    variants: Object.keys(dirs),
    rounds,
    measure: (name) => runOnce(dirs[name], name === 'bare' ? 'bare' : 'unused'),
  });
  process.stdout.write(`\n${rounds} paired rounds, ratio of sums [bootstrap 95% interval]\n`);
  for (const [a, b] of [['earlier', 'bare'], ['now', 'bare'], ['now', 'earlier']]) {
    for (const key of ['cpuMs', 'wallMs']) process.stdout.write(`${`${a} / ${b}`.padEnd(16)} ${key.padEnd(7)} ${describe(samples, a, b, key)}\n`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
