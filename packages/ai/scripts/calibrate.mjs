#!/usr/bin/env node
// Fits the classifier's confidences: for each rule (and rule>runner-up), how often its category is the
// corpus label on the training split. Writes src/classify/calibration.json; rebuild afterwards.
//   npm run calibrate -w @panoptic/ai
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitCorpus } from './corpus-split.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { decide, calibrationKey } = await import(path.join(packageDir, 'dist', 'classify', 'classify.js'));

const { train, heldOut } = splitCorpus();
const stats = new Map();
const count = (key, correct) => {
  const [c, n] = stats.get(key) ?? [0, 0];
  stats.set(key, [c + (correct ? 1 : 0), n + 1]);
};
for (const entry of train) {
  const { category, rule, runnerUp } = decide(entry.message);
  const correct = category === entry.category;
  count(rule, correct);
  if (runnerUp) count(calibrationKey(rule, runnerUp), correct);
}
const table = Object.fromEntries([...stats].sort(([a], [b]) => a.localeCompare(b)));
fs.writeFileSync(path.join(packageDir, 'src', 'classify', 'calibration.json'), `${JSON.stringify(table, null, 2)}\n`);
const accuracy = (entries) => entries.filter((e) => decide(e.message).category === e.category).length / entries.length;
process.stdout.write(`[calibrate] ${stats.size} keys from ${train.length} training failures; top-1 accuracy: train ${(100 * accuracy(train)).toFixed(1)}%, held-out ${(100 * accuracy(heldOut)).toFixed(1)}% (${heldOut.length})\n`);
