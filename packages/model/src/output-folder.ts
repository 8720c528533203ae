/**
 * Where a run's artifacts, summary.json and history.json go when neither the suite's `output` nor the
 * reporter's option names a folder. The fixtures write there, the reporter and the CLI read there, so
 * the name has one owner.
 */
export const DEFAULT_OUTPUT_DIR = 'panoptic-results';

/**
 * The folder of the output where a suite holding secrets is copied, redacted, for reports to show:
 * its steps are located there (written by the fixtures, read back by the reporter as the suite's path).
 */
export const SUITE_SOURCES_FOLDER = 'suite-sources';
