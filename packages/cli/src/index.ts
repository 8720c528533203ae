export { createProgram } from './program.js';
export { validateSuites, type ValidateResult } from './commands/validate.js';
export { runCommand, type RunOptions } from './commands/run.js';
