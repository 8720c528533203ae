import fs from 'node:fs';
import path from 'node:path';
import { classify, learnCalibration } from '@panoptic/ai/classify';
import { ERROR_LABELS_FILE, readErrorLabels } from '@panoptic/model/error-labels';
import type { TestSummary } from './summary.js';

/**
 * `enable_learning`: the confidences of this run's failures, recalibrated from the categories users
 * confirmed or corrected (error-labels.json, next to history.json). Categories stay the
 * classifier's; what changes is how sure it says it is, for the rules the labels show right or
 * wrong in this project. Returns how many labels were used.
 */
export function applyLearning(tests: readonly TestSummary[], outputDir: string): number {
  const file = path.join(outputDir, ERROR_LABELS_FILE);
  if (!fs.existsSync(file)) return 0;
  const { labels } = readErrorLabels(JSON.parse(fs.readFileSync(file, 'utf8')), file);
  if (!labels.length) return 0;
  const learned = learnCalibration(labels);
  for (const test of tests) {
    for (const attempt of test.attempts) {
      for (const error of attempt.errors) error.confidence = classify(error.message, { learned }).confidence;
    }
    // The failure is all of the last attempt's errors classified together, as the labels were.
    const last = test.attempts.at(-1);
    if (test.failure && last?.errors.length) test.failure.confidence = classify(last.errors.map((error) => error.message), { learned }).confidence;
  }
  return labels.length;
}
