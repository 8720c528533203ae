import { z } from 'zod';

// Quality gates: `settings.quality_gates` of a suite, the reporter's `gates` option, and their
// verdicts in summary.json. One evaluation, shared by the reporter (locally, so a gate works without
// a server) and the server when a run is published, so both give the same verdict on the same run.

export const GATE_NAMES = ['min_pass_rate', 'max_new_failures', 'max_flaky_rate', 'max_duration'] as const;
export type GateName = (typeof GATE_NAMES)[number];

/** A duration as the project writes intervals elsewhere ("30s", "15m", "24h", "7d"), or a number of seconds. */
const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$/;
const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const WEBHOOK_URL_IN_SUITE =
  'a webhook URL is a secret and never goes in a suite: put it in an environment variable and name that variable in quality_gates.notify.webhook_url_env';

// Percentages as people write them in CI rules ("95% must pass"), not fractions.
const percent = z.number().min(0).max(100);

const DURATION_EXPECTED = 'expected seconds (a number) or a duration with a unit, such as "90s", "15m", "1.5h" or "1d"';

export const gateDurationSchema = z.union([z.number().nonnegative(), z.string().regex(DURATION_PATTERN, DURATION_EXPECTED)], { error: DURATION_EXPECTED });

export const gateNotifySchema = z
  .strictObject({
    webhook_url_env: z
      .string()
      .regex(ENV_NAME, 'expected the name of an environment variable (letters, digits and _)')
      .describe('The environment variable holding a Slack-compatible incoming-webhook URL.'),
    /** Accepted by the shape only to be refused with a message that says where the URL goes. */
    webhook_url: z.unknown().describe(`Never set: ${WEBHOOK_URL_IN_SUITE}.`).optional(),
  })
  .superRefine((notify, ctx) => {
    // Located at the key like any issue; the value is never quoted (it is a secret).
    if (notify.webhook_url !== undefined) ctx.addIssue({ code: 'custom', path: ['webhook_url'], message: WEBHOOK_URL_IN_SUITE });
  });

export const qualityGatesSchema = z.strictObject({
  min_pass_rate: percent.describe('Percent of the tests that ran (not skipped) that must pass; flaky ones count as passed.').optional(),
  max_new_failures: z
    .number()
    .int()
    .nonnegative()
    .describe('Most tests allowed to fail that did not fail in the previous run of the history.')
    .optional(),
  max_flaky_rate: percent.describe('Most percent of the tests that ran that may be flaky (passed on a retry).').optional(),
  max_duration: gateDurationSchema.describe('Longest the run may take: seconds, or a duration such as "90s", "15m", "1h".').optional(),
  notify: gateNotifySchema
    .describe('A Slack-compatible incoming-webhook message when a gate fails or a new failure appears; the URL from the variable webhook_url_env names.')
    .optional(),
});

export type QualityGates = z.infer<typeof qualityGatesSchema>;

export const gateVerdictSchema = z.object({
  gate: z.enum(GATE_NAMES),
  passed: z.boolean(),
  /** The run's value in `unit`; null when no test ran, which no rate gate fails. */
  actual: z.number().nullable(),
  /** The gate's limit in `unit`. */
  limit: z.number(),
  unit: z.enum(['%', 'tests', 's']),
  /** The gate, the numbers and how they compare: "min_pass_rate: 92.0% < 95%". */
  message: z.string(),
});

export const gatesResultSchema = z.object({
  passed: z.boolean(),
  gates: z.array(gateVerdictSchema),
  /** Keys of the tests failing now that did not fail in the previous run (every failure when there was none). */
  newFailures: z.array(z.string()),
  /** Start time of the previous run new failures were counted against; null when the history had none. */
  previousRun: z.string().nullable(),
});

export type GateVerdict = z.infer<typeof gateVerdictSchema>;
export type GatesResult = z.infer<typeof gatesResultSchema>;

/** What the gates look at: summary.json's totals and time, and which tests failed. */
export interface GateRun {
  totals: { total: number; passed: number; failed: number; flaky: number; skipped: number };
  durationMs: number;
  /** Keys of this run's failed tests, as the previous run's are keyed. */
  failing: readonly string[];
}

/** The previous run of the history: when it started and the keys of the tests that failed in it. */
export interface GatePreviousRun {
  startTime: string;
  failing: ReadonlySet<string>;
}

/** A `max_duration` in seconds. The schema has checked its form. */
export function gateSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = DURATION_PATTERN.exec(value);
  if (!match) throw new Error(`max_duration "${value}" is not a duration: give seconds or a number and a unit, such as "90s", "15m" or "1h"`);
  return Number(match[1]) * SECONDS_PER_UNIT[match[2]!]!;
}

/** Failing now and not in the previous run; with no previous run to compare with, every failure is new. */
export function newFailures(failing: readonly string[], previous: GatePreviousRun | undefined): string[] {
  return [...new Set(failing)].filter((key) => !previous?.failing.has(key));
}

const pct = (value: number): string => `${value.toFixed(1)}%`;

function verdict(gate: GateName, actual: number | null, limit: number, unit: GateVerdict['unit'], atLeast: boolean, show: (n: number) => string, limitText: string): GateVerdict {
  if (actual === null) return { gate, passed: true, actual, limit, unit, message: `${gate}: no test ran` };
  const passed = atLeast ? actual >= limit : actual <= limit;
  const sign = atLeast ? (passed ? '>=' : '<') : passed ? '<=' : '>';
  return { gate, passed, actual, limit, unit, message: `${gate}: ${show(actual)} ${sign} ${limitText}` };
}

/**
 * Each configured gate with its verdict and numbers, in the order of GATE_NAMES. Rates are over the
 * tests that ran (skipped ones are left out), as summary.json's successRate and flakyRate are.
 */
export function evaluateGates(gates: QualityGates, run: GateRun, previous: GatePreviousRun | undefined): GatesResult {
  const { total, passed, flaky, skipped } = run.totals;
  const ran = total - skipped;
  const fresh = newFailures(run.failing, previous);
  const results: GateVerdict[] = [];
  if (gates.min_pass_rate !== undefined) {
    const rate = ran ? ((passed + flaky) / ran) * 100 : null;
    results.push(verdict('min_pass_rate', rate, gates.min_pass_rate, '%', true, pct, `${gates.min_pass_rate}%`));
  }
  if (gates.max_new_failures !== undefined) {
    results.push(verdict('max_new_failures', fresh.length, gates.max_new_failures, 'tests', false, String, String(gates.max_new_failures)));
  }
  if (gates.max_flaky_rate !== undefined) {
    const rate = ran ? (flaky / ran) * 100 : null;
    results.push(verdict('max_flaky_rate', rate, gates.max_flaky_rate, '%', false, pct, `${gates.max_flaky_rate}%`));
  }
  if (gates.max_duration !== undefined) {
    const limit = gateSeconds(gates.max_duration);
    const text = typeof gates.max_duration === 'string' ? gates.max_duration.trim() : `${limit}s`;
    results.push(verdict('max_duration', run.durationMs / 1000, limit, 's', false, (s) => `${s.toFixed(1)}s`, text));
  }
  return { passed: results.every((result) => result.passed), gates: results, newFailures: fresh, previousRun: previous?.startTime ?? null };
}
