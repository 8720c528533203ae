#!/usr/bin/env node
// Two builds of @panoptic/ai side by side on the first DOM analysis of a fresh 10,000-element page:
// `node bench/ai/compare.mjs <module> [rounds]` loads the build at <module> (a copy of an earlier
// packages/ai/dist/index.js, kept under packages/ai/node_modules so its dependencies resolve) next
// to the workspace's. Each round opens, per build and in alternating order (A B, then B A), a fresh
// page analysed once drawn and another analysed right at its load event (`atLoad*`), and times
// analyze() as vision.mjs does: wall time and CPU time (the renderers' main threads and this process). Prints medians and the paired ratios (after / before) with bootstrap 95%
// intervals, and fails when the two builds' analyses of the page differ: a faster collector must
// not lose an element, a name or a finding. Writes nothing to bench/results.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../lib/result.mjs';
import { alternatingRounds, pairsOf } from '../lib/rounds.mjs';
import { median, pairedRatio, round } from '../lib/stats.mjs';
import { analysisCpuMs, generatedPage, painted } from './vision.mjs';

const [before, roundsArg] = process.argv.slice(2);
if (!before) throw new Error('usage: node bench/ai/compare.mjs <packages/ai/dist/index.js of the earlier build> [rounds]');
const ROUNDS = Number(roundsArg ?? 15);
const SIZE = Number(process.env.BENCH_ELEMENTS ?? 10_000);
const builds = {
  before: await import(pathToFileURL(path.resolve(before)).href),
  after: await import(pathToFileURL(path.join(repoRoot, 'packages', 'ai', 'dist', 'index.js')).href),
};
const { launchOptionsForChromium } = await import(pathToFileURL(path.join(repoRoot, 'packages', 'fixtures', 'dist', 'chromium.js')).href);
const { chromium } = await import('@playwright/test');

/** What both builds must agree on: everything but the timings. */
const comparable = ({ timings: _timings, settings: _settings, ...analysis }) => JSON.stringify(analysis);

/** The first analysis of a fresh page by one build, once the page is drawn or at its load event. */
async function firstAnalysis(build, waitForPaint) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent(html);
  if (waitForPaint) await painted(page);
  const cpuBefore = analysisCpuMs();
  const started = performance.now();
  const analysis = await builds[build].analyze(page, { ocr: false, maxElements: SIZE });
  const wall = performance.now() - started;
  const cpu = analysisCpuMs() - cpuBefore;
  await page.close();
  seen[build] ??= comparable(analysis);
  if (seen[build] !== comparable(analysis)) throw new Error(`${build}: two analyses of the same page differ`);
  return { wall: round(wall, 1), cpu: round(cpu, 1), inPage: analysis.timings.domMs, elements: analysis.elements.length };
}

const browser = await chromium.launch(launchOptionsForChromium());
const html = generatedPage(SIZE);
const seen = {};
try {
  const samples = await alternatingRounds({
    variants: Object.keys(builds),
    rounds: ROUNDS,
    measure: async (build) => {
      const drawn = await firstAnalysis(build, true);
      const atLoad = await firstAnalysis(build, false);
      return { ...drawn, atLoadWall: atLoad.wall, atLoadCpu: atLoad.cpu, atLoadInPage: atLoad.inPage };
    },
  });
  if (seen.before !== seen.after) throw new Error('the two builds analyse the page differently: compare their element maps and findings');
  const report = {};
  for (const key of ['wall', 'cpu', 'inPage', 'atLoadWall', 'atLoadCpu', 'atLoadInPage']) {
    report[key] = {
      before: round(median(samples.before.map((sample) => sample[key])), 1),
      after: round(median(samples.after.map((sample) => sample[key])), 1),
      ratio: pairedRatio(pairsOf(samples, 'after', 'before', key)),
    };
  }
  process.stdout.write(`${JSON.stringify({ elements: samples.after[0]?.elements, rounds: ROUNDS, sameAnalysis: true, ...report }, null, 2)}\n`);
} finally {
  await browser.close();
}
