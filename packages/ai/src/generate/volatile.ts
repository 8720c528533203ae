/**
 * Text a generated test must not assert because it changes from load to load: a clock, a date, a
 * duration, an id, a counter. Found two ways: by its shape, and by two observations of the same state
 * that disagree.
 */

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

const VOLATILE_SHAPES: RegExp[] = [
  // A clock: 9:05, 09:05:33, 9:05 pm.
  /\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b/,
  // A date: 2026-12-06, 06/12/2026, 6.12.26, 6 Dec, Dec 6.
  /\b\d{4}-\d{1,2}-\d{1,2}\b/,
  /\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/,
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?![a-z])|\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`, 'i'),
  // A duration or an age: 1500 ms, 2.3 s, 4 seconds, 5 minutes ago, just now.
  /\b\d+(?:[.,]\d+)?\s*(?:ms|µs|ns|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|days?)\b/i,
  /\b(?:ago|just now|yesterday|today|tomorrow)\b/i,
  // An id: a UUID, a long hex or alphanumeric token with digits, a timestamp-long number.
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
  /\b(?=[a-z]*\d)(?=\d*[a-z])[0-9a-z]{12,}\b/i,
  /\d{6,}/,
  // A count or measurement on its own: "1501", "42 %", "#7".
  /^[#№]?\s*[-+]?\d[\d.,\s]*[%‰]?$/,
];

/** Whether a text looks like something that differs from one load to the next. */
export function looksVolatile(text: string): boolean {
  const trimmed = text.trim();
  return VOLATILE_SHAPES.some((shape) => shape.test(trimmed));
}

/** Texts seen in only one of two observations of the same state: they changed in between. */
export function changedTexts(first: Iterable<string>, second: Iterable<string>): Set<string> {
  const a = new Set(first);
  const b = new Set(second);
  const changed = new Set<string>();
  for (const text of a) if (!b.has(text)) changed.add(text);
  for (const text of b) if (!a.has(text)) changed.add(text);
  return changed;
}

/** What a generated test may assert: not a text seen to change, nor one shaped like a clock, date, duration, id or count. */
export function isStableText(text: string, changed: ReadonlySet<string>): boolean {
  return !changed.has(text) && !looksVolatile(text);
}
