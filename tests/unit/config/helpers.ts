import os from 'node:os';
import path from 'node:path';
import { formatIssue, parseSuite, SuiteValidationError } from '@panoptic/config';
import type { LoadedSuite, LoadOptions, SuiteIssue } from '@panoptic/config';

/** parseSuite never touches the disk, so any absolute folder serves as the working directory. */
export const CWD = path.join(os.tmpdir(), 'panoptic-unit-cwd');
export const FILE = 'suite.yaml';

/** A YAML text from its lines, so that a test reads the line numbers it asserts. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The first lines of most cases: one valid web app (lines 1-4). */
export const WEB_APP = ['apps:', '  - name: web', '    type: web', '    url: https://example.com'];

export function valid(text: string, options: LoadOptions = {}): LoadedSuite {
  return parseSuite(text, FILE, { cwd: CWD, ...options });
}

export function issuesOf(text: string, options: LoadOptions = {}): SuiteIssue[] {
  try {
    parseSuite(text, FILE, { cwd: CWD, ...options });
  } catch (error) {
    if (error instanceof SuiteValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the suite to be rejected, but it validated');
}

/** Issues as the one-line texts users see: position, path and message compared at once. */
export function errorsOf(text: string, options: LoadOptions = {}): string[] {
  return issuesOf(text, options).map(formatIssue);
}

export function warningsOf(text: string, options: LoadOptions = {}): string[] {
  return valid(text, options).warnings.map(formatIssue);
}
