import { CALIBRATION } from './calibration.js';
import { CATEGORY_TITLES, type Category } from './categories.js';
import { healingHint, type HealingHint } from './heal.js';
import { recalibrated, type LearnedCalibration } from './learning.js';
import { normalizeMessage } from './normalize.js';
import { RULES, type Rule } from './rules.js';
import type { SnapshotInput } from './snapshot.js';

/** What classify() accepts: a message, an Error or Playwright TestError, or all errors of one test. */
export type ErrorInput = string | { message?: string; value?: string; stack?: string } | readonly ErrorInput[];

export interface ClassifyOptions {
  /**
   * The page at failure time: Playwright's aria snapshot (the YAML of `locator.ariaSnapshot()` or of
   * the "Page snapshot" in the error-context attachment), or elements with role and name. With it, a
   * locator-not-found gets a healing hint.
   */
  snapshot?: SnapshotInput;
  /** A project's own labels (`enable_learning`): the confidence is recalibrated from them. */
  learned?: LearnedCalibration;
}

export interface Classification {
  category: Category;
  /** Probability that `category` is right, measured on the labelled corpus for the rule that decided. */
  confidence: number;
  /** One line: the category and the line of the message that shows it. */
  summary: string;
  /** What to do about it. */
  suggestion: string;
  /** The lines of the message the decision rests on, the deciding one first. */
  evidence: string[];
  /** Id of the rule that decided (see rules.ts); the calibration is per rule. */
  rule: string;
  /** For locator-not-found with a snapshot: the closest existing element and the locator to use. */
  hint?: HealingHint;
}

const SUGGESTIONS: Readonly<Record<Category, string>> = {
  environment:
    'The browser or driver could not start or be reached. Install it (`npx playwright install <browser>`, or a system Chromium given as launchOptions.executablePath or PANOPTIC_CHROMIUM), check the executable path, or start the remote browser before connecting.',
  'page-closed':
    'The page, context or browser was closed before this call: a close() that runs too early, a call still pending when the test ended (a missing `await`), or a crash. Await every call and close pages only when done.',
  'locator-ambiguous':
    'The locator matched several elements and the action needs exactly one. Make it specific: getByRole with a `name`, `filter({ hasText })`, a parent locator, or `.first()`/`.nth()` only when order is the intent.',
  'visual-mismatch':
    'The screenshot differs from its baseline (or has none). Open the diff in the report: update the baseline with `--update-snapshots` when the change is intended, fix the regression otherwise; mask dynamic regions or allow `maxDiffPixelRatio` for noise.',
  'locator-not-found':
    'No element matched the locator before the timeout: the text, role or test id may have changed, the element may be in a frame, or it appears only after a step that did not happen.',
  network:
    'A request failed or answered with an error status. Check that the server runs and is reachable at that URL (host, port, proxy) and read its log for 4xx/5xx answers.',
  'element-not-actionable':
    'The element exists but could not take the action. Wait for the state the test needs (visible, enabled, editable, not covered: close the overlay or dialog first), bring it into the viewport, or act on the right element.',
  'assertion-mismatch':
    'The value differs from what the test expects. Compare Expected with Received: either the app regressed or the expectation is out of date.',
  'test-timeout':
    'The test ran out of time waiting for something that never happened. Find the last step in the trace; raise the timeout only when the work is legitimately slow.',
  'script-error': 'Test or page code threw an error. Fix the code at the top frame of its stack; for page errors, read the app console.',
  unknown: 'No known failure pattern matched: read the full message.',
};

const MAX_EVIDENCE = 3;
const MAX_LINE = 240;

function messageOf(input: ErrorInput): string {
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) return (input as readonly ErrorInput[]).map(messageOf).join('\n\n');
  // An Error's stack starts with its name (`TypeError: ...`), which its message lacks.
  if (input instanceof Error) return input.stack ?? `${input.name}: ${input.message}`;
  const error = input as { message?: string; value?: string; stack?: string };
  return error.message ?? error.value ?? error.stack ?? '';
}

function lineAt(text: string, index: number, length: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const endOfMatch = text.indexOf('\n', index + Math.max(length - 1, 0));
  const line = text.slice(start, endOfMatch === -1 ? undefined : endOfMatch).trim();
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

interface Match {
  rule: Rule;
  line: string;
}

function firstMatches(text: string): Match[] {
  const matches: Match[] = [];
  const seen = new Set<Category>();
  for (const rule of RULES) {
    if (seen.has(rule.category) || (rule.needs && !rule.needs.some((literal) => text.includes(literal)))) continue;
    const found = rule.pattern.exec(text);
    if (!found || rule.unless?.test(text)) continue;
    seen.add(rule.category);
    matches.push({ rule, line: lineAt(text, found.index, found[0].length) });
  }
  return matches;
}

/** The calibration key: the deciding rule, and the runner-up category when another one matched too. */
export function calibrationKey(rule: string, runnerUp: Category | undefined): string {
  return runnerUp ? `${rule}>${runnerUp}` : rule;
}

// Keys seen fewer times than this borrow strength from their rule as a whole.
const MIN_KEY_SAMPLES = 5;

function confidenceOf(rule: string, runnerUp: Category | undefined): number {
  const ruleStats = CALIBRATION[rule];
  const prior = ruleStats ? (ruleStats[0] + 1) / (ruleStats[1] + 2) : 0.5;
  const keyStats = CALIBRATION[calibrationKey(rule, runnerUp)];
  if (!keyStats || keyStats[1] < MIN_KEY_SAMPLES) return round(prior);
  // Beta posterior mean with the rule's rate as prior worth two samples.
  return round((keyStats[0] + 2 * prior) / (keyStats[1] + 2));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The deciding rule and runner-up for a message, without confidence: what the calibration counts. */
export function decide(input: ErrorInput): { category: Category; rule: string; runnerUp: Category | undefined; text: string; matches: Match[] } {
  const text = normalizeMessage(messageOf(input));
  const matches = firstMatches(text);
  const [first, second] = matches;
  if (!first) return { category: 'unknown', rule: 'unknown', runnerUp: undefined, text, matches };
  return { category: first.rule.category, rule: first.rule.id, runnerUp: second?.rule.category, text, matches };
}

/** Sorts a failure into a category, with a calibrated confidence, a summary, a suggestion and the evidence. */
export function classify(input: ErrorInput, options: ClassifyOptions = {}): Classification {
  const { category, rule, runnerUp, text, matches } = decide(input);
  const evidence = matches.slice(0, MAX_EVIDENCE).map((m) => m.line);
  const headline = evidence[0] ?? text.split('\n')[0] ?? '';
  const result: Classification = {
    category,
    confidence: options.learned ? recalibrated(confidenceOf(rule, runnerUp), rule, runnerUp, options.learned) : confidenceOf(rule, runnerUp),
    summary: headline ? `${CATEGORY_TITLES[category]}: ${headline}` : CATEGORY_TITLES[category],
    suggestion: SUGGESTIONS[category],
    evidence,
    rule,
  };
  if (category === 'locator-not-found' && options.snapshot) {
    const hint = healingHint(text, options.snapshot);
    if (hint) {
      result.hint = hint;
      result.suggestion = `${result.suggestion} Closest element on the page: ${hint.role} "${hint.name}"; try ${hint.locator}.`;
    }
  }
  return result;
}
