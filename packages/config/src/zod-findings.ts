import type { z } from 'zod';
import { pathKey, toIssuePath, type Finding, type IssuePath } from './issues.js';
import { getAt } from './raw.js';
import { durationLimitReason } from './durations.js';
import { allowedKeysAt } from './schema-keys.js';
import { didYouMean } from './suggest.js';
import { describeFound, showValue } from './values.js';

type ZodIssue = z.core.$ZodIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map',
  record: 'a map',
  array: 'a list',
};

/** `type` reads better as "action type" or "app type", and a parameter by its own name ("unknown gesture"). */
function nounFor(path: IssuePath): string {
  const [container, , key] = path.slice(-3);
  if (key === 'type' && container === 'actions') return 'action type';
  if (key === 'type' && container === 'apps') return 'app type';
  const [parent, last] = path.slice(-2);
  if (parent === 'parameters' && typeof last === 'string') return last;
  return 'value';
}

function oneOf(values: readonly unknown[]): string {
  return values.map(String).join(', ');
}

function missing(path: IssuePath, expected: string, emptied: ReadonlySet<string>): string {
  if (emptied.has(pathKey(path))) return `empty value; expected ${expected}`;
  return `missing required key "${path[path.length - 1]}"; expected ${expected}`;
}

type SizeIssue = Extract<ZodIssue, { code: 'too_small' | 'too_big' }>;

function limit(issue: SizeIssue): { amount: number; text: string } {
  if ('minimum' in issue) {
    const amount = Number(issue.minimum);
    return { amount, text: issue.inclusive ? `at least ${amount}` : `greater than ${amount}` };
  }
  const amount = Number(issue.maximum);
  return { amount, text: issue.inclusive ? `at most ${amount}` : `less than ${amount}` };
}

function sizeMessage(issue: SizeIssue, value: unknown, path: IssuePath): string {
  const { amount, text } = limit(issue);
  const found = describeFound(value, path);
  if (issue.origin === 'array' && Array.isArray(value)) {
    return `expected ${text} item${amount === 1 ? '' : 's'}, found ${value.length || 'an empty list'}`;
  }
  if (issue.origin === 'string' && issue.code === 'too_small' && amount === 1) {
    return `expected a non-empty string, found ${found}`;
  }
  if (issue.origin === 'string') return `expected a string of ${text} characters, found ${found}`;
  return `expected a number ${issue.inclusive ? `of ${text}` : text}, found ${found}`;
}

function unknownKeys(issue: Extract<ZodIssue, { code: 'unrecognized_keys' }>, schema: z.ZodType, at: IssuePath): Finding[] {
  const parent = toIssuePath(issue.path);
  const allowed = allowedKeysAt(schema, parent);
  return issue.keys.map((key) => {
    const suggestion = didYouMean(key, allowed);
    const message = suggestion
      ? `unknown key; did you mean "${suggestion}"?`
      : allowed.length
        ? `unknown key; expected one of: ${oneOf(allowed)}`
        : 'unknown key; nothing is expected here';
    return { path: [...at, ...parent, key], message, at: 'key' as const };
  });
}

/**
 * Turns zod's issues into messages that say what was found and what would be right, in the suite's
 * own words. `data` is the validated input, read to show the value found (redacted under secrets).
 * `emptied` holds the paths whose empty value was dropped before validation.
 */
export function findingsFromZod(
  issues: readonly ZodIssue[],
  data: unknown,
  schema: z.ZodType,
  emptied: ReadonlySet<string>,
  /** Where `data` and `schema` sit in the suite, when they are a part of it (an action's parameters). */
  at: IssuePath = [],
): Finding[] {
  return issues.flatMap((issue): Finding[] => {
    const { present, value } = getAt(data, toIssuePath(issue.path));
    const path = [...at, ...toIssuePath(issue.path)];
    switch (issue.code) {
      case 'unrecognized_keys':
        return unknownKeys(issue, schema, at);
      case 'invalid_type': {
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        if (path.length === 0) {
          const found = value === null || value === undefined ? 'an empty document' : describeFound(value, path);
          return [{ path, message: `a suite must be a map with an "apps" list; found ${found}` }];
        }
        if (!present) return [{ path, message: missing(path, expected, emptied) }];
        return [{ path, message: `expected ${expected}, found ${describeFound(value, path)}` }];
      }
      case 'invalid_value': {
        const expected = `one of: ${oneOf(issue.values)}`;
        if (!present) return [{ path, message: missing(path, expected, emptied) }];
        const suggestion =
          typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
        const head = `unknown ${nounFor(path)} ${showValue(value, path)}`;
        return [
          {
            path,
            message: suggestion
              ? `${head}; did you mean "${suggestion}"? Expected ${expected}`
              : `${head}; expected ${expected}`,
          },
        ];
      }
      case 'too_small':
        return [{ path, message: sizeMessage(issue, value, path) }];
      case 'too_big': {
        const reason = issue.origin === 'number' ? durationLimitReason(path) : undefined;
        return [{ path, message: reason ? `${sizeMessage(issue, value, path)}; ${reason}` : sizeMessage(issue, value, path) }];
      }
      default:
        return [{ path, message: issue.message }];
    }
  });
}
