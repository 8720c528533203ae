/** A key path into the suite: map keys as strings, list indexes as numbers. */
export type IssuePath = (string | number)[];

/**
 * One problem in a suite file. `line` and `column` are 1-based; both are 0 for problems with the
 * file as a whole (it cannot be read), which have no position inside it.
 */
export interface SuiteIssue {
  file: string;
  line: number;
  column: number;
  path: IssuePath;
  message: string;
}

export type SuiteWarning = SuiteIssue;

/**
 * A problem before it is placed in the file. `at: 'key'` points at the key of the map entry
 * (unknown keys, whole blocks) rather than at its value.
 */
export interface Finding {
  path: IssuePath;
  message: string;
  at?: 'key' | 'value';
}

export function toIssuePath(path: readonly PropertyKey[]): IssuePath {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/** Identifies a path in sets and maps. */
export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `apps[0].actions[2].type`; keys that would read ambiguously are quoted: `environment["A.B"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** `file:line:col - key.path: message`, the shape editors and terminals turn into links. */
export function formatIssue(issue: SuiteIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const path = formatPath(issue.path);
  return path ? `${where} - ${path}: ${issue.message}` : `${where} - ${issue.message}`;
}

export function compareIssues(a: SuiteIssue, b: SuiteIssue): number {
  return a.line - b.line || a.column - b.column;
}

/** Thrown when a suite is invalid; carries every problem found, not just the first. */
export class SuiteValidationError extends Error {
  readonly issues: SuiteIssue[];

  constructor(issues: SuiteIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'SuiteValidationError';
    this.issues = issues;
  }
}
