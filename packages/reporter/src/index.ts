export { default } from './reporter.js';
export { default as PanopticReporter } from './reporter.js';
export type { PanopticReporterOptions } from './options.js';
export { OUTPUT_NAMES } from './options.js';
export { aggregate, type RunInfo } from './aggregate.js';
export { readHistory, medianDurations, type History, type HistoryRun } from './history.js';
