import calibration from './calibration.json' with { type: 'json' };

/** [correct, total] pairs as the JSON holds them (arrays), typed as the pairs they are. */
function pairs(table: Record<string, number[]>): Record<string, readonly [number, number]> {
  const typed: Record<string, readonly [number, number]> = {};
  for (const [key, [correct = 0, total = 0]] of Object.entries(table)) typed[key] = [correct, total];
  return typed;
}

/**
 * Per calibration key (rule, or rule>runner-up category): [correct, total] on the training split of
 * corpus/failures.jsonl. The numbers are data, fitted by scripts/calibrate.mjs: do not edit them by hand.
 */
export const CALIBRATION: Readonly<Record<string, readonly [number, number]>> = pairs(calibration);
