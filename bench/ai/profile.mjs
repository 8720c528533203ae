#!/usr/bin/env node
// Where the first analysis of a fresh 10,000-element document spends its time, to choose what to
// make faster: `node bench/ai/profile.mjs [rounds]` opens fresh drawn pages as vision.mjs does and,
// on each, times the DOM analysis's phases one by one (the collector's source made in the page, the
// collection in the page, the JSON's way to Node, reading it, the findings, the locators) while a
// CPU profile runs in the renderer (CDP Profiler) and in this process (node:inspector). Prints the
// median of each phase and the functions that take the most time of each side. Writes nothing.
// `--at-load`: the pages are analysed right at their load event, not once drawn, so the first
// layout and style of the document fall inside the collection. `--heap`: also the median memory
// the page allocates for one analysis (CDP HeapProfiler sampling, garbage included: what the
// page's young-generation collections go through); the sampling slows the page, so timings taken
// with it compare only with each other.
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../lib/result.mjs';
import { median, round } from '../lib/stats.mjs';
import { generatedPage, painted } from './vision.mjs';

const args = process.argv.slice(2);
const AT_LOAD = args.includes('--at-load');
const HEAP = args.includes('--heap');
const ROUNDS = Number(args.find((arg) => !arg.startsWith('--')) ?? 5);
const SIZE = 10_000;
const dist = (file) => import(pathToFileURL(path.join(repoRoot, 'packages', file)).href);
const { source } = await dist('ai/dist/vision/generated/dom-collect-source.js');
const { readDom } = await dist('ai/dist/vision/read-dom.js');
const { findingsFrom } = await dist('ai/dist/vision/findings.js');
const { locatorsFor } = await dist('ai/dist/vision/locator.js');
const { launchOptionsForChromium } = await dist('fixtures/dist/chromium.js');
const { chromium } = await import('@playwright/test');

/** Bytes in a sampling heap profile, its whole tree. */
const allocated = (node) => node.selfSize + node.children.reduce((sum, child) => sum + allocated(child), 0);

/** Self time in ms of each function of a V8 CPU profile, keyed by name and place. */
function selfTimes(profile, into) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (let i = 0; i < profile.samples.length; i++) {
    const { functionName, url, lineNumber, columnNumber, scriptId } = byId.get(profile.samples[i]).callFrame;
    // Evaluated scripts (the collector, Playwright's) have no URL: their script and line tell them apart.
    const place = url ? `${path.basename(url)}:${lineNumber + 1}` : lineNumber >= 0 ? `script ${scriptId}:${lineNumber + 1}:${columnNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${place}`.trim();
    // A sample's time is the gap to the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    into.set(key, (into.get(key) ?? 0) + ms);
  }
}

function top(times, rounds, count = 25) {
  const total = [...times.values()].reduce((sum, ms) => sum + ms, 0);
  const lines = [...times].sort((a, b) => b[1] - a[1]).slice(0, count);
  return [`  total ${round(total / rounds, 1)} ms a round`, ...lines.map(([key, ms]) => `  ${String(round(ms / rounds, 1)).padStart(7)} ms ${String(round((ms / total) * 100, 1)).padStart(5)}%  ${key}`)].join('\n');
}

const browser = await chromium.launch(launchOptionsForChromium());
const node = new Session();
node.connect();
await node.post('Profiler.enable');
await node.post('Profiler.setSamplingInterval', { interval: 100 });
const phases = { make: [], collect: [], inPage: [], transfer: [], read: [], findings: [], locators: [] };
const renderer = new Map();
const allocatedMb = [];
const own = new Map();
const html = generatedPage(SIZE);
try {
  for (let r = 0; r < ROUNDS; r++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent(html);
    if (!AT_LOAD) await painted(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    if (HEAP) {
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    await cdp.send('Profiler.start');
    await node.post('Profiler.start');
    const t0 = performance.now();
    const collector = await page.evaluateHandle(source);
    const t1 = performance.now();
    const [inPageMs, json] = await collector.evaluate((collect, options) => {
      const started = performance.now();
      const text = collect(options);
      return [performance.now() - started, text];
    }, { maxElements: SIZE, measured: false });
    const t2 = performance.now();
    const dom = readDom(json);
    const t3 = performance.now();
    findingsFrom({ dom }, 0.5);
    const t4 = performance.now();
    locatorsFor(dom.elements);
    const t5 = performance.now();
    const { profile: nodeProfile } = await node.post('Profiler.stop');
    const { profile } = await cdp.send('Profiler.stop');
    if (HEAP) allocatedMb.push(allocated((await cdp.send('HeapProfiler.stopSampling')).profile.head) / 1e6);
    if (r > 0 || ROUNDS === 1) {
      selfTimes(profile, renderer);
      selfTimes(nodeProfile, own);
    }
    phases.make.push(t1 - t0);
    phases.collect.push(t2 - t1);
    phases.inPage.push(inPageMs);
    phases.transfer.push(t2 - t1 - inPageMs);
    phases.read.push(t3 - t2);
    phases.findings.push(t4 - t3);
    phases.locators.push(t5 - t4);
    process.stdout.write(`round ${r + 1}: ${dom.elements.length} elements, ${json.length} chars of JSON, ${Object.entries(phases).map(([name, ms]) => `${name} ${round(ms.at(-1), 1)}`).join(', ')} ms\n`);
    await cdp.detach();
    await page.close();
  }
} finally {
  await browser.close();
  node.disconnect();
}
const counted = Math.max(1, ROUNDS - 1);
process.stdout.write(`\nmedians (ms; profilers on, so slower than the bench): ${Object.entries(phases).map(([name, ms]) => `${name} ${round(median(ms), 1)}`).join(', ')}\n`);
if (HEAP) process.stdout.write(`page's allocation for one analysis (median, sampled, garbage included): ${round(median(allocatedMb), 2)} MB\n`);
process.stdout.write(`\nrenderer, self time by function (rounds after the first):\n${top(renderer, counted)}\n`);
process.stdout.write(`\nthis process, self time by function:\n${top(own, counted)}\n`);
