#!/usr/bin/env node
// @panoptic/ai benchmarks, one after the other in one run: vision (DOM analysis, OCR, the OCR pool)
// and failure classification. Writes bench/results/ai.json. Measures; never fails on timings; its
// targets read met or missed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startResult } from '../lib/result.mjs';
import { target } from '../lib/stats.mjs';
import { benchVision, TARGETS } from './vision.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

async function classificationResult() {
  // Its own module, written with the classifier; absent until that part of the package exists.
  const file = path.join(benchDir, 'classify.mjs');
  if (!fs.existsSync(file)) return { missing: 'bench/ai/classify.mjs is not in this checkout: classification was not measured' };
  const { benchClassify } = await import('./classify.mjs');
  return benchClassify();
}

const record = startResult('ai');
const vision = await benchVision();
const classification = await classificationResult();
const at10000 = vision.dom.sizes.find((entry) => entry.elements === 10_000);
const dom = (kind, label) =>
  target(`ai.dom.${kind}`, { label: `DOM analysis of 10,000 elements, ${label}, median`, value: at10000?.[kind].medianMs, max: TARGETS.domMsAt10000, unit: 'ms' });
const targets = [
  dom('cold', 'first analysis of a fresh page (drawn)'),
  dom('coldAtLoad', 'first analysis of a fresh page at its load event'),
  dom('warm', 'later analyses of the same page'),
  target('ai.ocr.fresh', { label: 'OCR of a 1280x800 screenshot, first on a fresh worker, median', value: vision.ocr.freshWorkerMedianMs, max: TARGETS.ocrMsPerScreenshot, unit: 'ms' }),
  target('ai.ocr.warm', { label: 'OCR of a 1280x800 screenshot, warm worker, median', value: vision.ocr.singleWorkerMedianMs, max: TARGETS.ocrMsPerScreenshot, unit: 'ms' }),
  target('ai.ocr.pool', { label: `OCR pool of ${vision.pool.workers} vs one worker, throughput, median of round ratios`, value: vision.pool.speedup, min: TARGETS.poolSpeedup, unit: 'x' }),
];
record.write({ vision, classification }, targets);
