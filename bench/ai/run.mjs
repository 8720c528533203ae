#!/usr/bin/env node
// @panoptic/ai benchmarks, one after the other in one run: vision (DOM analysis, OCR, the OCR pool)
// and failure classification. Writes bench/results/ai.json. Measures; never fails on timings.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchVision } from './vision.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultFile = path.join(benchDir, '..', 'results', 'ai.json');

async function classification() {
  // Its own module, written with the classifier; absent until that part of the package exists.
  const file = path.join(benchDir, 'classify.mjs');
  if (!fs.existsSync(file)) return { missing: 'bench/ai/classify.mjs is not in this checkout: classification was not measured' };
  const { benchClassify } = await import('./classify.mjs');
  return benchClassify();
}

const result = {
  name: 'ai',
  machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
  vision: await benchVision(),
  classification: await classification(),
};
fs.mkdirSync(path.dirname(resultFile), { recursive: true });
fs.writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
