#!/usr/bin/env node
import { createProgram } from './program.js';
import { isSystemError, UsageError } from './usage-error.js';

const dash = process.argv.indexOf('--');
const ownArgs = dash === -1 ? process.argv : process.argv.slice(0, dash);
const playwrightArgs = dash === -1 ? [] : process.argv.slice(dash + 1);
const program = createProgram((code) => {
  process.exitCode = code;
}, playwrightArgs);
try {
  await program.parseAsync(ownArgs);
} catch (error) {
  // A cause the user fixes (a folder that cannot be used, a file in the way) is one line; anything
  // else is a bug, and its stack trace is what a report of it needs.
  if (!(error instanceof UsageError) && !isSystemError(error)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
