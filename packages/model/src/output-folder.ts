/**
 * Where a run's artifacts, summary.json and history.json go when neither the suite's `output` nor the
 * reporter's option names a folder. The fixtures write there, the reporter and the CLI read there, so
 * the name has one owner.
 */
export const DEFAULT_OUTPUT_DIR = 'panoptic-results';
