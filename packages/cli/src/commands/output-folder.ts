import fs from 'node:fs';
import path from 'node:path';
import { UsageError, isSystemError } from '../usage-error.js';

/** The nearest ancestor of `dir` that exists, when it is a file rather than a folder. */
function fileInTheWay(dir: string): string | undefined {
  for (let current = dir; path.dirname(current) !== current; current = path.dirname(current)) {
    try {
      return fs.statSync(current).isDirectory() ? undefined : current;
    } catch {
      // Missing, or below a file (ENOTDIR): the answer is further up.
    }
  }
  return undefined;
}

function reasonFor(error: NodeJS.ErrnoException, dir: string, own: string, shown: (file: string) => string): string {
  switch (error.code) {
    case 'ENOTDIR':
    case 'EEXIST': {
      const file = fileInTheWay(own);
      if (file === dir) return 'it is a file, not a folder';
      return file ? `${shown(file)} is a file, not a folder` : 'a part of its path is not a folder';
    }
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENAMETOOLONG':
      return 'a folder name in it is longer than the file system allows (255 bytes per name)';
    default:
      return `${error.code ?? 'error'}: ${error.message}`;
  }
}

/**
 * Creates the output folder and Panoptic's own folder inside it, or throws a UsageError that says
 * why it cannot be used; `shownDir` is the folder as the user wrote it.
 */
export function prepareOutputFolder(dir: string, shownDir: string, cwd: string): string {
  const own = path.join(dir, '.panoptic');
  try {
    fs.mkdirSync(own, { recursive: true });
    return own;
  } catch (error) {
    if (!isSystemError(error)) throw error;
    const shown = (file: string): string => JSON.stringify(path.relative(cwd, file) || '.');
    // Looked for from Panoptic's own folder: a file named `.panoptic` in the output folder is in the way too.
    throw new UsageError(`output folder ${JSON.stringify(shownDir)} cannot be used: ${reasonFor(error, dir, own, shown)}`);
  }
}
