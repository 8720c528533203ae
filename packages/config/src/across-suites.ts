import { formatPath, SuiteValidationError } from './issues.js';
import type { SuiteIssue } from './issues.js';
import type { LoadedSuite } from './load.js';
import { quote } from './values.js';

/**
 * Rules over the suites of one run together: each app becomes a Playwright project named after
 * it, so an app name used by two suites would make two projects of one name. Each repeat is
 * reported where it is written, pointing at the first use.
 */
export function acrossSuitesIssues(suites: readonly LoadedSuite[]): SuiteIssue[] {
  const firstUse = new Map<string, { issue: SuiteIssue; owner: LoadedSuite }>();
  const issues: SuiteIssue[] = [];
  for (const loaded of suites) {
    loaded.suite.apps.forEach((app, index) => {
      const namePath = ['apps', index, 'name'];
      const seen = firstUse.get(app.name);
      if (!seen) {
        firstUse.set(app.name, { issue: loaded.issueAt(namePath, ''), owner: loaded });
        return;
      }
      // Repeats inside one suite are already reported by that suite's own validation.
      if (seen.owner === loaded) return;
      const first = seen.issue;
      const twice = seen.owner.file === loaded.file ? ' (the same suite file is given twice)' : '';
      const where = `${first.file}:${first.line}:${first.column} (${formatPath(first.path)})${twice}`;
      issues.push(
        loaded.issueAt(
          namePath,
          `app name ${quote(app.name)} is also used by ${where}; app names must be unique across the suites of a run (each names a Playwright project)`,
        ),
      );
    });
  }
  return issues;
}

/** Throws a SuiteValidationError when the suites of one run cannot run together. */
export function assertSuitesRunTogether(suites: readonly LoadedSuite[]): void {
  const issues = acrossSuitesIssues(suites);
  if (issues.length) throw new SuiteValidationError(issues);
}
