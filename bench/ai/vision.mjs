#!/usr/bin/env node
// Vision: the DOM analysis on generated pages of 100, 1,000 and 10,000 elements (the first analysis
// of a fresh document, and later ones of the same document), OCR of a 1280x800
// screenshot, and OCR throughput of one worker against a pool of two, side by side in one run.
// A measurement, not a check: it never fails on timings.
// `node bench/ai/vision.mjs` runs it alone and prints the result (`--dom`: the DOM analysis only,
// which takes seconds where OCR takes minutes; `--ocr`: OCR and the pool only); bench/ai/run.mjs
// calls benchVision().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { roundsFrom } from '../lib/result.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * From the issue; reported, never enforced. The DOM target holds for a fresh document, not only
 * warm, and the OCR one for a fresh worker's first screenshot as for later ones.
 */
export const TARGETS = { domMsAt10000: 200, ocrMsPerScreenshot: 1500, poolSpeedup: 1.7 };
const SIZES = [100, 1_000, 10_000];
/** Rounds per measure: a 2-core machine's run-to-run spread is about 20%, so medians need many. */
const DOM_ROUNDS = roundsFrom(15);
/** Fresh pages per size for the first analysis of a document. */
const COLD_ROUNDS = roundsFrom(9);
const OCR_ROUNDS = roundsFrom(9);
/** Fresh OCR workers, each timed on its first screenshot. */
const FRESH_OCR_ROUNDS = roundsFrom(5);
/** Screenshots per throughput batch: enough that both workers stay busy. */
const BATCH = 6;
const POOL = 2;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value) => Math.round(value * 10) / 10;

async function load() {
  const dist = (file) => pathToFileURL(path.join(repoRoot, 'packages', file)).href;
  try {
    const ai = await import(dist('ai/dist/index.js'));
    const { launchOptionsForChromium } = await import(dist('fixtures/dist/chromium.js'));
    const { chromium } = await import('@playwright/test');
    // Launched as Panoptic's fixtures launch it, with the same Chromium and arguments.
    return { ai, chromium, launchOptions: launchOptionsForChromium() };
  } catch (error) {
    throw new Error(`vision bench: the packages are not built (run \`npm run build\` first): ${error.message}`, { cause: error });
  }
}

/**
 * A page of `count` elements the map keeps, in the proportions of an ordinary app page: text,
 * headings, links, buttons, labelled inputs, images, table cells.
 */
export function generatedPage(count) {
  const parts = [];
  for (let i = 0; parts.length < count; i++) {
    const kind = i % 10;
    if (kind === 0) parts.push(`<h2>Section ${i}</h2>`);
    else if (kind <= 3) parts.push(`<p>Paragraph ${i} describes something on the page.</p>`);
    else if (kind === 4) parts.push(`<a href="#item-${i}">Link ${i}</a>`);
    else if (kind === 5) parts.push(`<button data-testid="action-${i}">Action ${i}</button>`);
    else if (kind === 6) parts.push(`<label for="f${i}">Field ${i}</label>`, `<input id="f${i}" placeholder="Value ${i}">`);
    else if (kind === 7) parts.push(`<img alt="Picture ${i}" width="32" height="32" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`);
    else parts.push(`<span>Cell ${i}</span>`);
  }
  return `<!doctype html><html><body style="font-family:sans-serif">${parts.slice(0, count).join('\n')}</body></html>`;
}

/** A 1280x800 app screen with a dark nav bar, headings, a form, a table and coloured buttons. */
function uiPage() {
  const rows = Array.from({ length: 8 }, (_, i) => `<tr><td>Order ${1040 + i}</td><td>Customer ${i + 1}</td><td>${(i + 1) * 12}.50 EUR</td><td>Shipped</td></tr>`).join('');
  return `<!doctype html><html><body style="margin:0;font-family:sans-serif;background:#f4f5f9;color:#1f2937">
  <nav style="background:#111827;color:#fff;padding:16px 32px;font-size:16px">Dashboard &nbsp; Orders &nbsp; Customers &nbsp; Reports &nbsp; Settings</nav>
  <main style="padding:24px 32px">
    <h1 style="margin:0 0 8px">Recent orders</h1>
    <p>Orders placed in the last seven days, newest first.</p>
    <form style="margin:16px 0"><label>Search <input value="Customer" style="font-size:16px"></label>
      <button style="background:#1565c0;color:#fff;border:0;padding:10px 18px;font-size:16px">Search orders</button>
      <button style="background:#2e7d32;color:#fff;border:0;padding:10px 18px;font-size:16px">Export list</button></form>
    <table style="border-collapse:collapse;font-size:16px;width:900px">${rows}</table>
  </main></body></html>`;
}

/**
 * CPU time, in ms, of the main threads of this process's Chromium renderers (where the collector
 * runs) plus this process (where the analysis reads the result), from Linux's /proc; undefined
 * elsewhere. On a busy machine wall time grows with the other processes' share of the cores, while
 * CPU time stays near what the same analysis takes on a quiet one.
 */
export function analysisCpuMs() {
  try {
    const children = new Map();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      } catch {
        // The process ended while the list was read.
      }
    }
    let renderersNs = 0;
    for (const pending = [...(children.get(process.pid) ?? [])]; pending.length; ) {
      const pid = pending.pop();
      pending.push(...(children.get(pid) ?? []));
      try {
        if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderersNs += Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // As above.
      }
    }
    const own = process.cpuUsage();
    return renderersNs / 1e6 + (own.user + own.system) / 1000;
  } catch {
    return undefined;
  }
}

/**
 * Runs `analyze` and returns its wall time, in-page time, CPU time (see analysisCpuMs) and how many
 * elements it mapped. Numbers only: keeping each analysis (18 of 10,000 elements per size) grew this
 * process's heap to 200 MB, whose collections then marked it during later timed analyses.
 */
async function timed(analyze) {
  const cpuBefore = analysisCpuMs();
  const started = performance.now();
  const analysis = await analyze();
  const ms = performance.now() - started;
  const cpuAfter = analysisCpuMs();
  return { elements: analysis.elements.length, ms, inPageMs: analysis.timings.domMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

/** Medians and every round of a list of timed analyses. */
function summary(runs) {
  const cpu = runs.map((run) => run.cpuMs).filter((ms) => ms !== undefined);
  return {
    medianMs: round(median(runs.map((run) => run.ms))),
    inPageMedianMs: round(median(runs.map((run) => run.inPageMs))),
    cpuMedianMs: cpu.length ? round(median(cpu)) : undefined,
    roundsMs: runs.map((run) => round(run.ms)),
  };
}

/**
 * Waits until the page has drawn its first frame. setContent returns at the load event, while the
 * renderer's main thread still styles and paints the new page (about half a second of CPU for
 * 10,000 elements); an analysis started then shares the thread with it. Through a bare CDP session,
 * so that Playwright's own evaluation set-up in the page is left to the analysis that is timed.
 */
export async function painted(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Runtime.evaluate', { expression: 'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))', awaitPromise: true });
  await cdp.detach();
}

/** The first analysis of a fresh page with `html`, on a new page left open for later analyses. */
async function firstAnalysis(ai, browser, html, size, waitForPaint) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent(html);
  if (waitForPaint) await painted(page);
  return { page, ...(await timed(() => ai.analyze(page, { ocr: false, maxElements: size }))) };
}

/**
 * The DOM analysis (`analyze` without OCR) on the generated pages. Cold: the first analysis of a
 * fresh document, a new page per round, which pays for what a test's first analysis pays
 * (Playwright's evaluation set-up in the page, the collector injected and run before V8 has
 * optimized it), once the page has been drawn; `coldAtLoad` the same right at the load event, while
 * the browser still draws the page. Warm: later analyses of the last page, the collector already made.
 */
async function benchDom(ai, browser) {
  // The machine is often shared: the 1-minute load average says how far to trust the figures.
  const loadAverage = round(os.loadavg()[0]);
  const dom = [];
  for (const size of SIZES) {
    const html = generatedPage(size);
    const cold = [];
    const atLoad = [];
    // Alternating, so that a change in the machine's load falls on both alike.
    for (let r = 0; r < COLD_ROUNDS * 2; r++) {
      const first = await firstAnalysis(ai, browser, html, size, r % 2 === 0);
      (r % 2 === 0 ? cold : atLoad).push(first);
      await first.page.close();
    }
    const { page } = await firstAnalysis(ai, browser, html, size, true);
    const warm = [];
    for (let r = 0; r < DOM_ROUNDS; r++) warm.push(await timed(() => ai.analyze(page, { ocr: false, maxElements: size })));
    await page.close();
    dom.push({ elements: warm[0].elements, cold: summary(cold), coldAtLoad: summary(atLoad), warm: summary(warm) });
  }
  const at10000 = dom.find((entry) => entry.elements === 10_000);
  return {
    sizes: dom,
    loadAverage: { before: loadAverage, after: round(os.loadavg()[0]) },
    target: `10,000 elements under ${TARGETS.domMsAt10000} ms, cold (a fresh page, drawn) and warm`,
    met: at10000 ? at10000.cold.medianMs < TARGETS.domMsAt10000 && at10000.warm.medianMs < TARGETS.domMsAt10000 : false,
  };
}

/**
 * CPU time the whole machine has been busy (user, nice, system, interrupts, steal), in ms, from
 * Linux's /proc/stat; undefined elsewhere.
 */
function machineBusyMs() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // /proc/stat counts in USER_HZ ticks, 100 per second on Linux.
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return undefined;
  }
}

/**
 * The image work each recognition does on the calling thread before the OCR engine gets the image:
 * PNG decoding and polarity normalization (medians of OCR_ROUNDS, after a warm-up).
 */
async function imageWork(png) {
  const dist = (file) => pathToFileURL(path.join(repoRoot, 'packages', 'ai', 'dist', 'ocr', file)).href;
  const { decodePng } = await import(dist('recognize.js'));
  const { normalizePolarity } = await import(dist('preprocess.js'));
  const decode = [];
  const normalize = [];
  for (let r = 0; r <= OCR_ROUNDS; r++) {
    const started = performance.now();
    const image = decodePng(png);
    const decoded = performance.now();
    normalizePolarity(image.rgba, image.width, image.height);
    if (r === 0) continue;
    decode.push(decoded - started);
    normalize.push(performance.now() - decoded);
  }
  return { decode: round(median(decode)), normalize: round(median(normalize)) };
}

export async function benchVision({ domOnly = false, ocrOnly = false } = {}) {
  const { ai, chromium, launchOptions } = await load();
  const browser = await chromium.launch(launchOptions);
  try {
    const dom = ocrOnly ? undefined : await benchDom(ai, browser);
    if (domOnly) return { dom };
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    await page.setContent(uiPage());
    const screenshot = await page.screenshot({ type: 'png' });
    const words = await ai.recognizeText(screenshot);
    const phases = await imageWork(screenshot);

    // The first recognition of a fresh worker: what a test's first OCR pays (the worker starts,
    // loads the engine and its language data, and V8 compiles its WebAssembly) before any warm figure.
    const fresh = [];
    for (let r = 0; r < FRESH_OCR_ROUNDS; r++) {
      await ai.closeOcr();
      const started = performance.now();
      await ai.recognizeText(screenshot, { workers: 1 });
      fresh.push(performance.now() - started);
    }
    // One screenshot at a time on one warm worker: the latency later analyses pay.
    const single = [];
    for (let r = 0; r < OCR_ROUNDS; r++) {
      const started = performance.now();
      await ai.recognizeText(screenshot, { workers: 1 });
      single.push(performance.now() - started);
    }

    // Throughput: a batch of screenshots on a fresh pool of one, then of two (rounds alternate which
    // goes first, so drift in the machine's load does not favour one). A pool lives as long as its
    // process, so each fresh one first reads an untimed batch: V8 optimizes the engine's WebAssembly
    // on background threads during its first screenshots, CPU a one-worker round gets from the idle
    // core and a pool round would take from its own workers.
    const others = { one: [], pool: [] };
    const batch = async (key, workers) => {
      const read = () => Promise.all(Array.from({ length: BATCH }, () => ai.recognizeText(screenshot, { workers })));
      await ai.closeOcr();
      await read();
      const busyBefore = machineBusyMs();
      const ownBefore = process.cpuUsage();
      const started = performance.now();
      await read();
      const wall = performance.now() - started;
      const own = process.cpuUsage(ownBefore);
      const busyAfter = machineBusyMs();
      if (busyBefore !== undefined && busyAfter !== undefined) {
        const othersMs = busyAfter - busyBefore - (own.user + own.system) / 1000;
        others[key].push(Math.round(Math.max(0, othersMs / (wall * os.availableParallelism())) * 100) / 100);
      }
      return wall;
    };
    const throughput = { one: [], pool: [] };
    const loadBefore = os.loadavg()[0];
    for (let r = 0; r < OCR_ROUNDS; r++) {
      const order = r % 2 === 0 ? [['one', 1], ['pool', POOL]] : [['pool', POOL], ['one', 1]];
      for (const [key, workers] of order) throughput[key].push(await batch(key, workers));
    }
    await ai.closeOcr();
    const perSecond = (ms) => round((BATCH / ms) * 1000 * 100) / 100;
    const ratios = throughput.one.map((ms, i) => ms / throughput.pool[i]);

    return {
      dom,
      ocr: {
        screenshot: '1280x800 app screen (nav bar, heading, form, coloured buttons, 8-row table)',
        words: words.length,
        freshWorkerMedianMs: round(median(fresh)),
        freshWorkerRoundsMs: fresh.map(round),
        singleWorkerMedianMs: round(median(single)),
        roundsMs: single.map(round),
        imageWorkMedianMs: phases,
        target: `under ${TARGETS.ocrMsPerScreenshot} ms per screenshot`,
        met: median(single) < TARGETS.ocrMsPerScreenshot,
      },
      pool: {
        workers: POOL,
        batch: BATCH,
        oneWorkerScreenshotsPerSecond: perSecond(median(throughput.one)),
        poolScreenshotsPerSecond: perSecond(median(throughput.pool)),
        speedup: round(median(ratios) * 100) / 100,
        roundSpeedups: ratios.map((ratio) => round(ratio * 100) / 100),
        loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0]) },
        othersCpuShare: others,
        target: `pool of ${POOL} at least ${TARGETS.poolSpeedup}x one worker`,
        met: median(ratios) >= TARGETS.poolSpeedup,
      },
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await benchVision({ domOnly: process.argv.includes('--dom'), ocrOnly: process.argv.includes('--ocr') }), null, 2)}\n`);
}
