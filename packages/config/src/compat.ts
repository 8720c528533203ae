import type { z } from 'zod';
import { pathKey, toIssuePath } from './issues.js';
import type { IssuePath } from './issues.js';
import type { SourceLocator } from './locate.js';
import { deleteAt, getAt, setAt } from './raw.js';

/** Words Go's YAML library still reads as booleans when the field is a boolean (YAML 1.1). */
const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((word) => [word, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((word) => [word, false] as const),
]);

type Rewrite = { drop: true } | { drop: false; value: unknown };

function rewriteFor(issue: z.core.$ZodIssue, value: unknown, path: IssuePath, locator: SourceLocator): Rewrite | undefined {
  // List items cannot be absent; an empty one stays an error.
  if (value === null) return typeof path[path.length - 1] === 'string' ? { drop: true } : undefined;
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return { drop: false, value: locator.scalarSource(path) ?? String(value) };
  }
  if (issue.expected === 'boolean' && typeof value === 'string' && YAML11_BOOLEANS.has(value)) {
    return { drop: false, value: YAML11_BOOLEANS.get(value) };
  }
  return undefined;
}

/**
 * The original tool decoded suites with Go's YAML library, which reads any scalar into a string
 * field as its source text (`value: 12345`, `name: 1.10`), `yes`/`on`/`no`/`off` into a boolean
 * field, and an empty value (`url:`) as absent. Suites relying on that must keep validating, so
 * such values are rewritten before the final validation. Returns whether anything changed;
 * `emptied` collects the paths of dropped empty values, so a required key found empty is reported
 * as empty rather than missing.
 */
export function applyGoYamlLeniency(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  locator: SourceLocator,
  emptied: Set<string>,
): boolean {
  let changed = false;
  for (const issue of issues) {
    if (issue.code !== 'invalid_type' && issue.code !== 'invalid_value') continue;
    const path = toIssuePath(issue.path);
    const { present, value } = getAt(data, path);
    const rewrite = present ? rewriteFor(issue, value, path, locator) : undefined;
    if (!rewrite) continue;
    if (rewrite.drop) {
      deleteAt(data, path);
      emptied.add(pathKey(path));
    } else {
      setAt(data, path, rewrite.value);
    }
    changed = true;
  }
  return changed;
}
