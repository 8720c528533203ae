import { z } from 'zod';
import { documentReader } from './read.js';

/** history.json: the outcomes and times of the last runs, kept by the reporter and read by shard planning. */
export const HISTORY_VERSION = 2;
export const HISTORY_FILE = 'history.json';

/**
 * One run as stored. Tests are positions in `History.keys`: `codes[i]` is test i's outcome code
 * (`e`xpected, `u`nexpected, `f`laky, `s`kipped, or `-` when the run did not have it), `durations[i]`
 * its time in ms. Each key is stored once however many runs there are, which keeps the file small.
 */
/**
 * Durations in ms: a non-negative number per key. Checked in one loop and kept as read: a history of
 * 30 runs of 100,000 tests holds 3,000,000 of them, which `z.array(z.number())` checked one schema
 * call at a time (about a second) into a copy of every array (24 MB more while it is read).
 */
const durationsSchema = z.custom<number[]>(
  (value) => {
    if (!Array.isArray(value)) return false;
    for (const n of value as unknown[]) if (typeof n !== 'number' || !(n >= 0) || n === Infinity) return false;
    return true;
  },
  { message: 'expected an array of durations (non-negative numbers)' },
);

export const historyRunSchema = z.object({
  startTime: z.string(),
  codes: z.string().regex(/^[eufs-]*$/, 'expected outcome codes (e, u, f, s or -)'),
  durations: durationsSchema,
  /** The run's wall time in ms; absent in runs recorded before it was kept. */
  durationMs: z.number().nonnegative().optional(),
});

export const historySchema = z.object({
  version: z.literal(HISTORY_VERSION),
  keys: z.array(z.string()),
  runs: z.array(historyRunSchema),
});

/** A history.json's parsed JSON, checked; throws a DocumentError naming its version or its bad field. */
export const readHistory = documentReader({
  name: HISTORY_FILE,
  version: HISTORY_VERSION,
  schema: historySchema,
  rewrite: 'move it aside and let the next run start a new history',
});

export type HistoryRun = z.infer<typeof historyRunSchema>;
export type History = z.infer<typeof historySchema>;
