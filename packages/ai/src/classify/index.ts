export { classify, type Classification, type ClassifyOptions, type ErrorInput } from './classify.js';
export { CATEGORIES, CATEGORY_TITLES, type Category } from './categories.js';
export { type HealingHint } from './heal.js';
export { parseAriaSnapshot, pageSnapshotFromErrorContext, type SnapshotElement, type SnapshotInput } from './snapshot.js';
export { normalizeMessage } from './normalize.js';
export { yamlKeysOf } from './yaml-keys.js';
export { learnCalibration, recalibrated, PRIOR_LABELS, type LabelledFailure, type LearnedCalibration } from './learning.js';
