import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { readHistory, writeHistory, type History } from './history.js';

/**
 * Read-modify-write of a history file as one step across processes: reporters that end at the
 * same time (parallel CI jobs sharing a folder) take turns under a lock file (`<file>.lock`,
 * proper-lockfile: atomic mkdir, refreshed while held, taken over when stale), each reading what
 * the one before it wrote. The write goes through a temp file and a rename.
 */
export async function updateHistoryFile(file: string, update: (history: History) => History, warn: (message: string) => void): Promise<History> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const release = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: `${file}.lock`,
    // A crashed reporter's lock is taken over after this long; a live one keeps refreshing it.
    stale: 20_000,
    retries: { retries: 200, minTimeout: 20, maxTimeout: 300, randomize: true },
  });
  try {
    const next = update(readHistory(file, warn));
    writeHistory(file, next);
    return next;
  } finally {
    await release();
  }
}
