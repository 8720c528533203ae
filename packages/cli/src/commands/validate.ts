import { devices } from '@playwright/test';
import { SuiteValidationError, acrossSuitesIssues, formatIssue, loadSuite, type LoadedSuite } from '@panoptic/config';

export interface ValidateResult {
  valid: LoadedSuite[];
  /** Every located error, already formatted, across all files. */
  errors: string[];
  warnings: string[];
}

/** Validates suites without running anything; collects every file's errors before answering. */
export function validateSuites(files: string[], options: { outputFromCommandLine?: boolean } = {}): ValidateResult {
  const result: ValidateResult = { valid: [], errors: [], warnings: [] };
  for (const file of files) {
    try {
      const loaded = loadSuite(file, { knownDevices: Object.keys(devices), ...options });
      result.valid.push(loaded);
      result.warnings.push(...loaded.warnings.map(formatIssue));
    } catch (error) {
      if (error instanceof SuiteValidationError) result.errors.push(...error.issues.map(formatIssue));
      else result.errors.push(`${file}: ${(error as Error).message}`);
    }
  }
  result.errors.push(...acrossSuitesIssues(result.valid).map(formatIssue));
  return result;
}

export function validateCommand(files: string[]): number {
  const { valid, errors, warnings } = validateSuites(files);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  for (const error of errors) process.stderr.write(`error: ${error}\n`);
  if (errors.length) {
    process.stderr.write(`\n${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was run.\n`);
    return 1;
  }
  for (const suite of valid) {
    process.stdout.write(`${suite.file}: valid (${suite.suite.apps.length} app${suite.suite.apps.length === 1 ? '' : 's'})\n`);
  }
  return 0;
}
