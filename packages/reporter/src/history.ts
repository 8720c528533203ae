import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HISTORY_FILE, HISTORY_VERSION, readHistory as readHistoryDocument, type History, type HistoryRun } from '@panoptic/model/history';
import { HistoryDurations } from './history-durations.js';
import { historyKey } from './records.js';
import { percentile } from './stats.js';
import type { HistoryEntry, Outcome, TestSummary } from './summary.js';

const OUTCOME_CODES: Record<Outcome, string> = { expected: 'e', unexpected: 'u', flaky: 'f', skipped: 's' };
const OUTCOMES_BY_CODE: Record<string, Outcome> = { e: 'expected', u: 'unexpected', f: 'flaky', s: 'skipped' };
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
  try {
    return parseHistory(fs.readFileSync(file, 'utf8'), file);
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
  fs.writeFileSync(temp, JSON.stringify(history));
  fs.renameSync(temp, file);
}

/** Position of each key: built once per run, not looked up per test and per run. */
export function keyIndex(history: History): Map<string, number> {
  return new Map(history.keys.map((key, i) => [key, i]));
}

/**
 * The history with this run appended, keeping the newest `maxRuns` runs and the keys they use.
 * Repeats of a test are stored as one entry: the worst outcome and the time of all of them (what a
 * shard will spend on it).
 */
export function appendRun(history: History, startTime: Date, tests: readonly TestSummary[], maxRuns = DEFAULT_MAX_RUNS, runDurationMs?: number): History {
  const current = new Map<string, [code: string, durationMs: number]>();
  for (const test of tests) {
    const key = historyKey(test);
    const code = OUTCOME_CODES[test.outcome];
    const stored = current.get(key);
    const durationMs = Math.round(test.durationMs) + (stored?.[1] ?? 0);
    current.set(key, [stored && SEVERITY[stored[0]]! > SEVERITY[code]! ? stored[0] : code, durationMs]);
  }
  const earlier = history.runs.slice(Math.max(0, history.runs.length - (Math.max(1, maxRuns) - 1)));
  // Keys that none of the kept runs has are dropped, so deleted tests leave the file.
  const keys: string[] = [];
  const position = new Map<string, number>();
  const place = (key: string): void => {
    if (!position.has(key)) position.set(key, keys.push(key) - 1);
  };
  for (const run of earlier) for (let i = 0; i < run.codes.length; i++) if (run.codes[i] !== ABSENT) place(history.keys[i]!);
  for (const key of current.keys()) place(key);

  const runs: HistoryRun[] = earlier.map((run) => {
    const codes = new Array<string>(keys.length).fill(ABSENT);
    const durations = new Array<number>(keys.length).fill(0);
    for (let i = 0; i < run.codes.length; i++) {
      if (run.codes[i] === ABSENT) continue;
      const at = position.get(history.keys[i]!)!;
      codes[at] = run.codes[i]!;
      durations[at] = run.durations[i] ?? 0;
    }
    return { ...run, codes: codes.join(''), durations };
  });
  const codes = new Array<string>(keys.length).fill(ABSENT);
  const durations = new Array<number>(keys.length).fill(0);
  for (const [key, [code, durationMs]] of current) {
    const at = position.get(key)!;
    codes[at] = code;
    durations[at] = durationMs;
  }
  const run: HistoryRun = { startTime: startTime.toISOString(), codes: codes.join(''), durations };
  if (runDurationMs !== undefined) run.durationMs = Math.round(runDurationMs);
  runs.push(run);
  return { version: HISTORY_VERSION, keys, runs };
}

const passing = (outcome: Outcome): boolean => outcome === 'expected' || outcome === 'flaky';

/** What the history says of one test, this run included. `index` comes from `keyIndex(history)`. */
export function historyEntry(test: TestSummary, history: History, index: Map<string, number> = keyIndex(history)): HistoryEntry {
  const earlier: { outcome: Outcome; durationMs: number }[] = [];
  const at = index.get(historyKey(test));
  if (at !== undefined) {
    for (const run of history.runs) {
      const outcome = OUTCOMES_BY_CODE[run.codes[at] ?? ABSENT];
      if (outcome && outcome !== 'skipped') earlier.push({ outcome, durationMs: run.durations[at] ?? 0 });
    }
  }
  const sequence = test.outcome === 'skipped' ? earlier.map((e) => e.outcome) : [...earlier.map((e) => e.outcome), test.outcome];
  let unstable = 0;
  sequence.forEach((outcome, i) => {
    if (outcome === 'flaky' || (i > 0 && passing(outcome) !== passing(sequence[i - 1]!))) unstable++;
  });
  const previous = earlier.at(-1)?.outcome;
  const entry: HistoryEntry = {
    runs: sequence.length,
    flakyScore: sequence.length ? unstable / sequence.length : 0,
    newlyFailing: test.outcome === 'unexpected' && previous !== undefined && passing(previous),
    newlyFixed: passing(test.outcome) && previous === 'unexpected',
  };
  if (previous) entry.previousOutcome = previous;
  // A failed run may stop in milliseconds (or hang to its timeout): only passing runs say how long the test usually takes.
  const usual = earlier.filter((e) => passing(e.outcome)).map((e) => e.durationMs);
  if (usual.length && test.attempts.length) {
    const median = percentile(usual.sort((a, b) => a - b), 50);
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
