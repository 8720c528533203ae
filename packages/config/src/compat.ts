import type { z } from 'zod';
import { pathKey, toIssuePath } from './issues.js';
import type { SourceLocator } from './locate.js';
import { deleteAt, getAt, setAt } from './raw.js';

/**
 * The original tool decoded suites with Go's YAML library, which reads any scalar into a string
 * field as its source text (`value: 12345`, `name: 1.10`) and an empty value (`url:`) as absent.
 * Suites relying on that must keep validating, so such values are rewritten before the final
 * validation. Returns whether anything changed; `emptied` collects the paths of dropped empty
 * values, so a required key found empty is reported as empty rather than missing.
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
    if (!present) continue;
    if (value === null && typeof path[path.length - 1] === 'string') {
      deleteAt(data, path);
      emptied.add(pathKey(path));
      changed = true;
    } else if (
      issue.code === 'invalid_type' &&
      issue.expected === 'string' &&
      (typeof value === 'number' || typeof value === 'boolean')
    ) {
      setAt(data, path, locator.scalarSource(path) ?? String(value));
      changed = true;
    }
  }
  return changed;
}
