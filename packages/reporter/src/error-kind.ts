import type { ErrorKind } from './summary.js';

/**
 * A first, rule-based sorting of failures so the report can group them. Ordered most specific
 * first: a locator that timed out is a locator problem before it is a timeout.
 */
const RULES: [ErrorKind, RegExp][] = [
  ['not-available', /NotAvailableError|not available yet/],
  ['locator', /waiting for (locator|getBy|selector)|strict mode violation|resolved to \d+ elements|element is not (visible|attached|enabled)/i],
  ['navigation', /net::ERR_|page\.goto|NS_ERROR_|navigation (failed|timeout)|ERR_CONNECTION/i],
  ['page-error', /Uncaught|page ?error|ReferenceError|TypeError:|SyntaxError/],
  ['assertion', /expect\(|toBe|toEqual|toHave|toContain|toMatch|AssertionError/],
  ['timeout', /timeout (of )?\d+ms exceeded|timed out|exceeded while/i],
];

export function errorKind(message: string): ErrorKind {
  for (const [kind, pattern] of RULES) if (pattern.test(message)) return kind;
  return 'other';
}
