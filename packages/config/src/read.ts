import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { didYouMean } from './suggest.js';

function siblingSuites(file: string): string[] {
  try {
    return readdirSync(path.dirname(file)).filter((name) => /\.ya?ml$/i.test(name));
  } catch {
    return [];
  }
}

/** A message for a suite file that cannot be read, with the likely intended file for a typo. */
export function readFailureMessage(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    const suggestion = didYouMean(path.basename(file), siblingSuites(file));
    return suggestion ? `suite file not found; did you mean "${suggestion}"?` : 'suite file not found';
  }
  if (code === 'EISDIR') return 'is a folder; expected a YAML suite file';
  if (code === 'ENOTDIR') return 'suite file not found: a part of its path is a file, not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'suite file cannot be read: permission denied';
  return `suite file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}

/** A suite is a few KB of YAML; far bigger input only costs time and memory to refuse later. */
export const MAX_SUITE_BYTES = 5 * 1024 * 1024;

export function oversizeMessage(bytes: number): string {
  const shown = (bytes / 1024 / 1024).toFixed(1);
  return `suite file is ${shown} MB; at most ${MAX_SUITE_BYTES / 1024 / 1024} MB is read (a suite is usually a few KB: split it into several suites)`;
}

export class OversizeError extends Error {
  constructor(readonly bytes: number) {
    super(oversizeMessage(bytes));
    this.name = 'OversizeError';
  }
}

/**
 * Reads a suite file as UTF-8, never more than the size limit: a stream with no end (a FIFO,
 * /dev/zero) or a file that grows while it is read is cut off and refused, not read to exhaustion.
 */
export function readSuiteText(file: string): string {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_SUITE_BYTES) throw new OversizeError(Math.max(total, fstatSync(fd).size));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
