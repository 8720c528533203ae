import { inspect } from 'node:util';
import { acrossSuitesIssues } from './across-suites.js';
import { formatIssue, SuiteValidationError } from './issues.js';
import type { SuiteIssue } from './issues.js';
import { loadSuite } from './load.js';
import type { LoadedSuite, LoadOptions } from './load.js';

/** What `panoptic validate` prints for invalid suites: each error at its file:line:col, then the count. */
export function invalidSuitesReport(issues: readonly SuiteIssue[]): string {
  const lines = issues.map((issue) => `error: ${formatIssue(issue)}`);
  return `${lines.join('\n')}\n\n${issues.length} error${issues.length === 1 ? '' : 's'}; nothing was run.`;
}

/**
 * The problems of all the suites of a run. Playwright prints an error thrown while its config loads
 * with console.error, which shows the stack and every own property: a stack that points into
 * Panoptic and a dump of `issues` say nothing about the suite, so this error shows as the report
 * alone, in the console and wherever its stack is read.
 */
export class InvalidSuitesError extends SuiteValidationError {
  constructor(issues: SuiteIssue[]) {
    super(issues);
    this.stack = invalidSuitesReport(issues);
  }

  [inspect.custom](): string {
    return invalidSuitesReport(this.issues);
  }
}

/**
 * Loads every suite of a run. When any is invalid, throws one InvalidSuitesError with the problems
 * of every file (and those across files), so a run reports them all at once.
 */
export function loadSuites(files: readonly string[], options: LoadOptions = {}, known: readonly SuiteIssue[] = []): LoadedSuite[] {
  const loaded: LoadedSuite[] = [];
  const issues = [...known];
  for (const file of files) {
    try {
      loaded.push(loadSuite(file, options));
    } catch (error) {
      if (!(error instanceof SuiteValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  issues.push(...acrossSuitesIssues(loaded));
  if (issues.length) throw new InvalidSuitesError(issues);
  return loaded;
}
