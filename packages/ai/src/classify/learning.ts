import type { Category } from './categories.js';
import { calibrationKey, decide, type ErrorInput } from './classify.js';

/** A failure whose category a user confirmed or corrected (`panoptic errors label`). */
export interface LabelledFailure {
  message: ErrorInput;
  category: Category;
}

/**
 * Per calibration key (the deciding rule, and rule>runner-up), how often the classifier's category
 * was the one users gave: [right, labelled]. Built from a project's labels, it recalibrates that
 * project's confidences (`enable_learning`).
 */
export type LearnedCalibration = ReadonlyMap<string, readonly [number, number]>;

/**
 * Counts the labels the way the built-in calibration counts its corpus. The rule is decided again
 * from the message, so labels stay right when the rules change between versions.
 */
export function learnCalibration(labels: readonly LabelledFailure[]): LearnedCalibration {
  const counts = new Map<string, [number, number]>();
  const count = (key: string, right: boolean): void => {
    const entry = counts.get(key) ?? [0, 0];
    counts.set(key, [entry[0] + (right ? 1 : 0), entry[1] + 1]);
  };
  for (const label of labels) {
    const { category, rule, runnerUp } = decide(label.message);
    const right = category === label.category;
    count(rule, right);
    if (runnerUp) count(calibrationKey(rule, runnerUp), right);
  }
  return counts;
}

/**
 * How many labels the built-in confidence weighs as: a project's first label moves it a little,
 * ten labels that disagree with it move it most of the way. Beta-binomial updating, with the
 * built-in confidence as the prior's mean.
 */
export const PRIOR_LABELS = 4;

/**
 * The confidence after a project's labels: the built-in one, updated by the labels of the most
 * specific key that has some (rule>runner-up, else the rule).
 */
export function recalibrated(builtIn: number, rule: string, runnerUp: Category | undefined, learned: LearnedCalibration): number {
  const stats = learned.get(calibrationKey(rule, runnerUp)) ?? learned.get(rule);
  if (!stats) return builtIn;
  const [right, total] = stats;
  return Math.round(((right + PRIOR_LABELS * builtIn) / (total + PRIOR_LABELS)) * 1000) / 1000;
}
