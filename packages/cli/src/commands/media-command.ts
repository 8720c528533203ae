import { stripVTControlCharacters } from 'node:util';
import { CommandError } from '../command-error.js';
import type { CommandIo } from '../command-io.js';

/**
 * Runs the body of `record`, `recvalidate` or `vision` and prints any failure whole, as `error:`
 * lines with exit code 1: their messages name the program or display that is missing and how to get
 * it, which a one-line summary would cut.
 */
export async function mediaCommand(io: CommandIo, body: () => Promise<number>): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  try {
    return await body();
  } catch (error) {
    // Playwright's errors end with a coloured call log, which says no more than their first line here.
    const message = error instanceof Error ? stripVTControlCharacters(error.message).replace(/\nCall log:[^]*$/, '') : String(error);
    const lines = error instanceof CommandError ? error.lines : [message];
    for (const line of lines) stderr.write(`error: ${line}\n`);
    return 1;
  }
}
