import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HISTORY_FILE, HISTORY_VERSION, readHistory as readHistoryDocument, type History, type HistoryRun } from '@panoptic/model/history';
import { HistoryDurations } from './history-durations.js';
import { ChunkedFile, writeJson } from './outputs/chunked-file.js';
import { historyKey } from './records.js';
import { percentile } from './stats.js';
import type { HistoryEntry, Outcome, TestSummary } from './summary.js';

const OUTCOME_CODES: Record<Outcome, string> = { expected: 'e', unexpected: 'u', flaky: 'f', skipped: 's' };
/** In `codes`, a test the run did not have. */
const ABSENT = '-';
const SEVERITY: Record<string, number> = { [ABSENT]: -1, s: 0, e: 1, f: 2, u: 3 };

// history.json is also read by shard planning (the CLI): its schema is owned by @panoptic/model.
export type { History, HistoryRun };

export const DEFAULT_MAX_RUNS = 30;

export function emptyHistory(): History {
  return { version: HISTORY_VERSION, keys: [], runs: [] };
}

/**
 * Reads the history file. A file that cannot be parsed is moved aside (never deleted) and a fresh
 * history starts; the caller reports the warning.
 */
export function readHistory(file: string, warn: (message: string) => void): History {
  if (!fs.existsSync(file)) return emptyHistory();
  return historyOfFile(file, () => fs.readFileSync(file, 'utf8'), warn);
}

/** The history in `file`, whose text `read` gives; an unreadable one is moved aside, as `readHistory` says. */
export function historyOfFile(file: string, read: () => string, warn: (message: string) => void): History {
  try {
    return parseHistory(read(), file);
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    fs.renameSync(file, aside);
    warn(`history ${file} could not be read (${(error as Error).message}); moved to ${aside}, starting a new history`);
    return emptyHistory();
  }
}

/** A history from its JSON text; throws when the text is not a Panoptic history of the version this Panoptic reads. */
export function parseHistory(text: string, source = HISTORY_FILE): History {
  return readHistoryDocument(JSON.parse(text), source);
}

/** Writes through a temp file and a rename, so a reader never sees half a file. Callers that read first hold the lock (`updateHistoryFile`). */
export function writeHistory(file: string, history: History): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Unique per writer: two reporters in one process must not share a temp file either.
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  // Streamed in short strings: one JSON.stringify of 30 runs of 100,000 tests (or of one run) is a
  // string of megabytes, and thirty of them were garbage at the reporter's peak of memory.
  const fd = fs.openSync(temp, 'w');
  try {
    const out = new ChunkedFile(fd);
    writeJson(out, history);
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

const keyIndexes = new WeakMap<History, Map<string, number>>();

/**
 * Position of each key: built once per history (a history is never changed, appendRun makes a new
 * one), so the reporter builds it while the run goes on, not at its end.
 */
export function keyIndex(history: History): Map<string, number> {
  let index = keyIndexes.get(history);
  if (!index) keyIndexes.set(history, (index = new Map(history.keys.map((key, i) => [key, i]))));
  return index;
}

/** Each key's worst outcome code and time over its repeats (`--repeat-each`): one entry per key, as stored. */
function currentRun(tests: readonly TestSummary[]): Map<string, [code: string, durationMs: number]> {
  const current = new Map<string, [code: string, durationMs: number]>();
  for (const test of tests) {
    const key = historyKey(test);
    const code = OUTCOME_CODES[test.outcome];
    const stored = current.get(key);
    const durationMs = Math.round(test.durationMs) + (stored?.[1] ?? 0);
    current.set(key, [stored && SEVERITY[stored[0]]! > SEVERITY[code]! ? stored[0] : code, durationMs]);
  }
  return current;
}

/**
 * An earlier run over the new key list. When the kept keys are the old ones in the same order (the
 * usual case: no test was deleted) the run's codes and durations are reused and only padded for
 * the new tests, instead of copied entry by entry: with 100,000 tests and 30 runs that copy was
 * most of the history's cost.
 */
function remapRun(run: HistoryRun, moved: Int32Array | undefined, length: number): HistoryRun {
  if (!moved) {
    const padding = length - run.codes.length;
    const durations = run.durations.length === length ? run.durations : run.durations.concat(new Array<number>(length - run.durations.length).fill(0));
    return { ...run, codes: padding ? run.codes + ABSENT.repeat(padding) : run.codes, durations };
  }
  const codes = new Array<string>(length).fill(ABSENT);
  const durations = new Array<number>(length).fill(0);
  for (let i = 0; i < run.codes.length; i++) {
    if (run.codes[i] === ABSENT) continue;
    const at = moved[i]!;
    codes[at] = run.codes[i]!;
    durations[at] = run.durations[i] ?? 0;
  }
  return { ...run, codes: codes.join(''), durations };
}

/**
 * The history with this run appended, keeping the newest `maxRuns` runs and the keys they use.
 * Repeats of a test are stored as one entry: the worst outcome and the time of all of them (what a
 * shard will spend on it). `index` is `keyIndex(history)` when the caller has it.
 */
export function appendRun(
  history: History,
  startTime: Date,
  tests: readonly TestSummary[],
  maxRuns = DEFAULT_MAX_RUNS,
  runDurationMs?: number,
  index: Map<string, number> = keyIndex(history),
): History {
  const current = currentRun(tests);
  const earlier = history.runs.slice(Math.max(0, history.runs.length - (Math.max(1, maxRuns) - 1)));
  // Keys in order of first use by the kept runs, then this run's new ones; keys no kept run has
  // are dropped, so deleted tests leave the file. Positions are typed arrays, not a map of keys.
  const oldCount = history.keys.length;
  const moved = new Int32Array(oldCount).fill(-1);
  const keys: string[] = [];
  for (const run of earlier) {
    for (let i = 0; i < run.codes.length && i < oldCount; i++) {
      if (run.codes[i] !== ABSENT && moved[i] === -1) moved[i] = keys.push(history.keys[i]!) - 1;
    }
  }
  // A key this run shares with the history keeps its place unless no kept run used it.
  const positions: number[] = [];
  for (const key of current.keys()) {
    const old = index.get(key);
    if (old !== undefined && moved[old] === -1) moved[old] = keys.push(key) - 1;
    positions.push(old !== undefined ? moved[old]! : keys.push(key) - 1);
  }
  let identity = true;
  for (let i = 0; identity && i < oldCount; i++) identity = moved[i] === i;

  const runs: HistoryRun[] = earlier.map((run) => remapRun(run, identity ? undefined : moved, keys.length));
  const codes = new Array<string>(keys.length).fill(ABSENT);
  const durations = new Array<number>(keys.length).fill(0);
  let n = 0;
  for (const [code, durationMs] of current.values()) {
    const at = positions[n++]!;
    codes[at] = code;
    durations[at] = durationMs;
  }
  const run: HistoryRun = { startTime: startTime.toISOString(), codes: codes.join(''), durations };
  if (runDurationMs !== undefined) run.durationMs = Math.round(runDurationMs);
  runs.push(run);
  return { version: HISTORY_VERSION, keys, runs };
}

const passing = (outcome: Outcome): boolean => outcome === 'expected' || outcome === 'flaky';

const CODE_E = 'e'.charCodeAt(0);
const CODE_F = 'f'.charCodeAt(0);
const CODE_U = 'u'.charCodeAt(0);
/** An outcome as a number, for the loop over every test and run: 0 none (skipped, absent), 1 passed, 2 flaky, 3 failed. */
const NONE = 0;
const PASSED = 1;
const FLAKY = 2;
const FAILED = 3;
const OUTCOME_OF_CLASS: readonly (Outcome | undefined)[] = [undefined, 'expected', 'flaky', 'unexpected'];
const CLASS_OF_OUTCOME: Record<Outcome, number> = { expected: PASSED, flaky: FLAKY, unexpected: FAILED, skipped: NONE };

function classOfCode(code: number): number {
  return code === CODE_E ? PASSED : code === CODE_F ? FLAKY : code === CODE_U ? FAILED : NONE;
}

/** Passing times of one test across the runs, in a buffer reused from test to test. */
let usualScratch = new Float64Array(64);

/**
 * What the history says of one test, this run included. `index` comes from `keyIndex(history)`.
 * It runs for every test over every run (3,000,000 steps for 100,000 tests and 30 runs), so it reads
 * outcome codes as numbers and keeps the passing times in a reused typed array, not in lists.
 */
export function historyEntry(test: TestSummary, history: History, index: Map<string, number> = keyIndex(history)): HistoryEntry {
  const at = index.get(historyKey(test));
  let runs = 0;
  let unstable = 0;
  let previous = NONE;
  let usual = 0;
  const step = (outcome: number): void => {
    if (outcome === FLAKY || (previous !== NONE && (outcome === FAILED) !== (previous === FAILED))) unstable++;
    previous = outcome;
    runs++;
  };
  if (at !== undefined) {
    if (usualScratch.length < history.runs.length) usualScratch = new Float64Array(history.runs.length);
    for (const run of history.runs) {
      const outcome = classOfCode(run.codes.charCodeAt(at));
      if (outcome === NONE) continue;
      step(outcome);
      if (outcome !== FAILED) usualScratch[usual++] = run.durations[at] ?? 0;
    }
  }
  const before = OUTCOME_OF_CLASS[previous];
  if (test.outcome !== 'skipped') step(CLASS_OF_OUTCOME[test.outcome]);
  const entry: HistoryEntry = {
    runs,
    flakyScore: runs ? unstable / runs : 0,
    newlyFailing: test.outcome === 'unexpected' && before !== undefined && passing(before),
    newlyFixed: passing(test.outcome) && before === 'unexpected',
  };
  if (before) entry.previousOutcome = before;
  // A failed run may stop in milliseconds (or hang to its timeout): only passing runs say how long the test usually takes.
  if (usual && test.attempts.length) {
    const median = percentile(usualScratch.subarray(0, usual).sort(), 50);
    entry.previousMedianMs = median;
    if (median > 0 && passing(test.outcome)) entry.durationRatio = test.durationMs / median;
  }
  return entry;
}

/**
 * Median recorded duration per test key: what duration-balanced sharding plans from. A YAML suite's
 * test is also found by the key a test list from any config folder gives it (HistoryDurations).
 */
export function medianDurations(history: History): Map<string, number> {
  const medians = new HistoryDurations();
  history.keys.forEach((key, at) => {
    const samples: number[] = [];
    for (const run of history.runs) {
      const code = run.codes[at];
      if (code && code !== ABSENT && code !== 's') samples.push(run.durations[at] ?? 0);
    }
    if (samples.length) medians.set(key, percentile(samples.sort((a, b) => a - b), 50));
  });
  return medians;
}
