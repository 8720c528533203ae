#!/usr/bin/env node
import { createProgram } from './program.js';

const dash = process.argv.indexOf('--');
const ownArgs = dash === -1 ? process.argv : process.argv.slice(0, dash);
const playwrightArgs = dash === -1 ? [] : process.argv.slice(dash + 1);
const program = createProgram((code) => {
  process.exitCode = code;
}, playwrightArgs);
await program.parseAsync(ownArgs);
