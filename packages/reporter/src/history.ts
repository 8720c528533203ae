import fs from 'node:fs';
import path from 'node:path';
import { historyKey } from './records.js';
import { percentile } from './stats.js';
import type { HistoryEntry, Outcome, TestSummary } from './summary.js';

const OUTCOME_CODES: Record<Outcome, string> = { expected: 'e', unexpected: 'u', flaky: 'f', skipped: 's' };
const OUTCOMES_BY_CODE = Object.fromEntries(Object.entries(OUTCOME_CODES).map(([outcome, code]) => [code, outcome])) as Record<string, Outcome>;

/** One run as stored: per test key, its outcome code and time in ms. Compact on purpose. */
export interface HistoryRun {
  startTime: string;
  tests: Record<string, [code: string, durationMs: number]>;
}

export interface History {
  version: 1;
  runs: HistoryRun[];
}

export const DEFAULT_MAX_RUNS = 30;

export function emptyHistory(): History {
  return { version: 1, runs: [] };
}

/**
 * Reads the history file. A file that cannot be parsed is moved aside (never deleted) and a fresh
 * history starts; the caller reports the warning.
 */
export function readHistory(file: string, warn: (message: string) => void): History {
  if (!fs.existsSync(file)) return emptyHistory();
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as History;
    if (parsed.version !== 1 || !Array.isArray(parsed.runs)) throw new Error('not a Panoptic history file');
    return parsed;
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    fs.renameSync(file, aside);
    warn(`history ${file} could not be read (${(error as Error).message}); moved to ${aside}, starting a new history`);
    return emptyHistory();
  }
}

export function writeHistory(file: string, history: History): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(history));
  fs.renameSync(temp, file);
}

const SEVERITY: Record<string, number> = { s: 0, e: 1, f: 2, u: 3 };

/**
 * The history with this run appended, keeping the newest `maxRuns` runs. Repeats of a test are
 * stored as one entry: the worst outcome and the time of all of them (what a shard will spend).
 */
export function appendRun(history: History, startTime: Date, tests: readonly TestSummary[], maxRuns = DEFAULT_MAX_RUNS): History {
  const run: HistoryRun = { startTime: startTime.toISOString(), tests: {} };
  for (const test of tests) {
    const key = historyKey(test);
    const code = OUTCOME_CODES[test.outcome];
    const stored = run.tests[key];
    const durationMs = Math.round(test.durationMs) + (stored?.[1] ?? 0);
    run.tests[key] = [stored && SEVERITY[stored[0]]! > SEVERITY[code]! ? stored[0] : code, durationMs];
  }
  return { version: 1, runs: [...history.runs, run].slice(-Math.max(1, maxRuns)) };
}

const passing = (outcome: Outcome): boolean => outcome === 'expected' || outcome === 'flaky';

/** What the history says of one test, this run included. */
export function historyEntry(test: TestSummary, history: History): HistoryEntry {
  const earlier: { outcome: Outcome; durationMs: number }[] = [];
  for (const run of history.runs) {
    const stored = run.tests[historyKey(test)];
    const outcome = stored && OUTCOMES_BY_CODE[stored[0]];
    if (outcome && outcome !== 'skipped') earlier.push({ outcome, durationMs: stored[1] });
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
  if (earlier.length && test.attempts.length) {
    const median = percentile(earlier.map((e) => e.durationMs).sort((a, b) => a - b), 50);
    entry.previousMedianMs = median;
    if (median > 0) entry.durationRatio = test.durationMs / median;
  }
  return entry;
}

/** Median recorded duration per test key: what duration-balanced sharding plans from. */
export function medianDurations(history: History): Map<string, number> {
  const samples = new Map<string, number[]>();
  for (const run of history.runs) {
    for (const [key, [code, durationMs]] of Object.entries(run.tests)) {
      if (code === 's') continue;
      let list = samples.get(key);
      if (!list) samples.set(key, (list = []));
      list.push(durationMs);
    }
  }
  return new Map([...samples].map(([key, list]) => [key, percentile(list.sort((a, b) => a - b), 50)]));
}
