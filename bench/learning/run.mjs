#!/usr/bin/env node
// enable_learning: do a project's own labels make the classifier's confidences truer? The corpus'
// held-out split (never used to fit the built-in calibration) stands in for a project's labelled
// history. It is cut in two halves by case id; each half in turn is the labels and the other the
// held-out part it is measured on (2-fold), so every case is measured once, never by its own label.
// Accuracy cannot change (labels recalibrate confidence, not category); calibration can.
// Deterministic (no timing): one pass. Writes bench/results/learning.json through bench/lib/result.mjs.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startResult } from '../lib/result.mjs';
import { target } from '../lib/stats.mjs';

const record = startResult('learning');
const { classify, learnCalibration, PRIOR_LABELS } = await import(pathToFileURL(path.join(repoRoot, 'packages', 'ai', 'dist', 'classify', 'index.js')).href);
const { splitCorpus } = await import(pathToFileURL(path.join(repoRoot, 'packages', 'ai', 'scripts', 'corpus-split.mjs')).href);

/** FNV-1a of the id, a different cut from the corpus split's (which uses % 10). */
function half(id) {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return (h >>> 7) % 2;
}

/** Confidence against being right: expected calibration error, Brier score and log loss. */
function score(predictions) {
  const edges = [0, 0.6, 0.8, 0.9, 0.95, 1.01];
  let ece = 0;
  for (let i = 0; i < edges.length - 1; i++) {
    const members = predictions.filter((p) => p.confidence >= edges[i] && p.confidence < edges[i + 1]);
    if (!members.length) continue;
    const confidence = members.reduce((sum, p) => sum + p.confidence, 0) / members.length;
    const accuracy = members.filter((p) => p.right).length / members.length;
    ece += (members.length / predictions.length) * Math.abs(accuracy - confidence);
  }
  const brier = predictions.reduce((sum, p) => sum + (p.confidence - (p.right ? 1 : 0)) ** 2, 0) / predictions.length;
  const clamp = (x) => Math.min(1 - 1e-6, Math.max(1e-6, x));
  const logLoss = -predictions.reduce((sum, p) => sum + Math.log(p.right ? clamp(p.confidence) : 1 - clamp(p.confidence)), 0) / predictions.length;
  const accuracy = predictions.filter((p) => p.right).length / predictions.length;
  const round = (x) => Number(x.toFixed(4));
  return { cases: predictions.length, accuracy: round(accuracy), expectedCalibrationError: round(ece), brier: round(brier), logLoss: round(logLoss) };
}

const { heldOut } = splitCorpus();
const halves = [heldOut.filter((e) => half(e.id) === 0), heldOut.filter((e) => half(e.id) === 1)];
const before = [];
const after = [];
for (const [labelled, measured] of [halves, [...halves].reverse()]) {
  const learned = learnCalibration(labelled.map((e) => ({ message: e.message, category: e.category })));
  for (const entry of measured) {
    const plain = classify(entry.message);
    const recalibrated = classify(entry.message, { learned });
    before.push({ confidence: plain.confidence, right: plain.category === entry.category });
    after.push({ confidence: recalibrated.confidence, right: recalibrated.category === entry.category });
  }
}
const builtIn = score(before);
const learned = score(after);
record.write(
  {
    method: `2-fold over the corpus' held-out split (${heldOut.length} labelled failures): labels of one half recalibrate, the other half is measured; prior worth ${PRIOR_LABELS} labels`,
    folds: halves.map((h) => h.length),
    builtIn,
    learned,
  },
  [
    target('learned-calibration-error', { label: 'expected calibration error with learning, held out (built-in as bound)', value: learned.expectedCalibrationError, max: builtIn.expectedCalibrationError }),
    target('learned-brier', { label: 'Brier score with learning, held out (built-in as bound)', value: learned.brier, max: builtIn.brier }),
  ],
);
