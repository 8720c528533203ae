import { readdirSync } from 'node:fs';
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
  if (code === 'EACCES' || code === 'EPERM') return 'suite file cannot be read: permission denied';
  return `suite file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}
