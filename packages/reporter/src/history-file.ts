import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { emptyHistory, historyOfFile, keyIndex, readHistory, writeHistory, type History } from './history.js';
import { tallyHistory } from './trend.js';

/** Which version of the file a history was read from: its inode, size and time of change. */
const stamps = new WeakMap<History, string>();

function stampOf(file: string): string {
  try {
    const stat = fsSync.statSync(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch {
    return 'absent';
  }
}

/**
 * Reads the history file and remembers which version of it was read, so `updateHistoryFile` can
 * skip reading and checking it again (for 30 runs of 100,000 tests, a second copy of them in
 * memory) when nobody wrote it in between. The stamp is taken first: a write during the read
 * changes it, and the update then reads again.
 */
export function readHistorySnapshot(file: string, warn: (message: string) => void): History {
  const stamp = stampOf(file);
  const history = readHistory(file, warn);
  stamps.set(history, stamp);
  return history;
}

/**
 * `readHistorySnapshot` with the file read off the event loop: the reporter loads the history while
 * the run goes on, and only parsing it takes the runner's thread.
 */
export async function loadHistorySnapshot(file: string, warn: (message: string) => void): Promise<History> {
  const stamp = stampOf(file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const history = emptyHistory();
    stamps.set(history, stamp);
    return history;
  }
  const history = historyOfFile(file, () => text, warn);
  stamps.set(history, stamp);
  // What the end of the run reads of it, made now while the tests run.
  keyIndex(history);
  tallyHistory(history);
  return history;
}

/**
 * Read-modify-write of a history file as one step across processes: reporters that end at the
 * same time (parallel CI jobs sharing a folder) take turns under a lock file (`<file>.lock`,
 * proper-lockfile: atomic mkdir, refreshed while held, taken over when stale), each reading what
 * the one before it wrote. The write goes through a temp file and a rename. `known`, a history from
 * `readHistorySnapshot`, is used as is when the file is still the one it was read from.
 */
export async function updateHistoryFile(file: string, update: (history: History) => History, warn: (message: string) => void, known?: History): Promise<History> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const release = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: `${file}.lock`,
    // A crashed reporter's lock is taken over after this long; a live one keeps refreshing it.
    stale: 20_000,
    retries: { retries: 200, minTimeout: 20, maxTimeout: 300, randomize: true },
  });
  try {
    const unchanged = known !== undefined && stamps.get(known) === stampOf(file);
    const next = update(unchanged ? known : readHistory(file, warn));
    writeHistory(file, next);
    return next;
  } finally {
    await release();
  }
}
