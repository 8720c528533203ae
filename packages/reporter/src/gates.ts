import type { FullResult } from '@playwright/test/reporter';
import { evaluateGates, qualityGatesSchema, type GatePreviousRun, type GatesResult, type QualityGates } from '@panoptic/model/gates';
import { formatIssues } from '@panoptic/model';
import type { History } from './history.js';
import { gatesMessage, postWebhook } from './notify.js';
import { isQuarantined } from './quarantine.js';
import { historyKey } from './records.js';
import type { Summary, TestSummary } from './summary.js';

type Warn = (message: string) => void;

/** Where the gates came from: the reporter's option, or a suite's `settings.quality_gates`. */
interface GatesSource {
  gates: QualityGates;
  /** For messages: the option, or the suite file. */
  origin: string;
  /** For the notification's headline. */
  title: string;
}

const FAILED_CODE = 'u';

/** The last run of the history: its tests that failed, by history key (shared by a test's repeats). */
export function previousRun(history: History | undefined): GatePreviousRun | undefined {
  const last = history?.runs.at(-1);
  if (!history || !last) return undefined;
  const failing = new Set<string>();
  for (let i = 0; i < last.codes.length; i++) if (last.codes[i] === FAILED_CODE) failing.add(history.keys[i]!);
  return { startTime: last.startTime, failing };
}

async function gatesOfSuites(suites: readonly { file: string; name?: string }[], warn: Warn): Promise<GatesSource | undefined> {
  // A run of no YAML suite has nothing to read: the suite model (its schemas, a YAML parser) stays unloaded.
  if (!suites.length) return undefined;
  const { loadSuite } = await import('@panoptic/config');
  const found: GatesSource[] = [];
  for (const suite of suites) {
    const gates = loadSuite(suite.file).suite.settings?.quality_gates;
    if (gates) found.push({ gates, origin: suite.file, title: suite.name ?? suite.file });
  }
  const [first, ...others] = found;
  // One run has one verdict: suites run together must agree on it.
  const differing = others.filter((other) => JSON.stringify(other.gates) !== JSON.stringify(first?.gates));
  if (first && differing.length) warn(`suites of this run set different quality_gates: those of ${first.origin} apply, not those of ${differing.map((d) => d.origin).join(', ')}`);
  return first;
}

/**
 * Quality gates of a run: loaded when the run begins, judged on the summary before the outputs are
 * written (so summary.json, summary.md and the HTML report show the verdicts), and concluded at the
 * end: a line per failed gate, the webhook message, and the status that fails the run.
 */
export class RunGates {
  private readonly loading: Promise<GatesSource | undefined>;
  private result: GatesResult | undefined;
  private invalid: string | undefined;
  /** Set once the run was judged, or found to be a shard (which is not judged). */
  private evaluated = false;

  constructor(option: unknown, suites: readonly { file: string; name?: string }[], private readonly warn: Warn) {
    this.loading = this.load(option, suites);
  }

  private async load(option: unknown, suites: readonly { file: string; name?: string }[]): Promise<GatesSource | undefined> {
    if (option !== undefined) {
      const parsed = qualityGatesSchema.safeParse(option);
      if (parsed.success) return { gates: parsed.data, origin: 'the gates option', title: suites[0]?.name ?? 'Panoptic' };
      // A gate that was asked for and cannot be checked must not pass silently.
      this.invalid = `the reporter's gates option is not valid: ${formatIssues(parsed.error.issues)}`;
      return undefined;
    }
    try {
      return await gatesOfSuites(suites, this.warn);
    } catch (error) {
      this.invalid = `the suite's quality_gates could not be read: ${(error as Error).message}`;
      return undefined;
    }
  }

  /**
   * The verdicts, kept for `conclude`; undefined when no gates are set, and for a shard: the
   * gates judge the whole run, when the shards' reports are merged.
   */
  async evaluate(summary: Summary, tests: readonly TestSummary[], history: History | undefined): Promise<GatesResult | undefined> {
    const source = await this.loading;
    this.evaluated = true;
    if (!source || summary.run.shard) return undefined;
    // A quarantined test's failure is known and accepted for now: it is not a new failure.
    const failing = tests.filter((test) => test.outcome === 'unexpected' && !isQuarantined(test)).map((test) => historyKey(test));
    this.result = evaluateGates(source.gates, { totals: summary.totals, durationMs: summary.run.durationMs, failing }, previousRun(history));
    return this.result;
  }

  /**
   * Prints a line per failed gate and sends the webhook message; returns the status that fails
   * the run when a gate failed (Playwright lets a reporter's onEnd override the final status).
   */
  async conclude(summary: Summary | undefined, status: FullResult['status']): Promise<{ status: 'failed' } | undefined> {
    const source = await this.loading;
    const lines = this.invalid ? [`quality gates: ${this.invalid}`] : (this.result?.gates ?? []).filter((gate) => !gate.passed).map((gate) => `quality gate ${gate.message}`);
    // The outputs failed before the gates were judged: a gate that was asked for must not pass unchecked.
    if (source && !this.evaluated) lines.push('quality gates: not evaluated, the reporter could not summarize the run (see its warnings)');
    for (const line of lines) process.stderr.write(`[panoptic-reporter] ${line}\n`);
    if (source && summary && this.result) await this.notify(source, summary, this.result);
    if (!lines.length) return undefined;
    // merge-reports ignores the status a reporter returns and exits 0 unless a reporter failed:
    // there, failing onEnd is the only way a failed gate fails the merge job.
    if (process.argv.includes('merge-reports')) throw gateError(lines);
    return status === 'passed' ? { status: 'failed' } : undefined;
  }

  private async notify(source: GatesSource, summary: Summary, result: GatesResult): Promise<void> {
    const variable = source.gates.notify?.webhook_url_env;
    if (!variable || (result.passed && !result.newFailures.length)) return;
    const url = process.env[variable];
    if (!url) return this.warn(`quality_gates.notify: the environment variable ${variable} is not set; no notification was sent`);
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      return this.warn(`quality_gates.notify: ${variable} does not hold an http(s) URL; no notification was sent`);
    }
    try {
      await postWebhook(url, gatesMessage(summary, result, source.title));
    } catch (error) {
      this.warn(`quality_gates.notify: the notification was not sent: ${(error as Error).message}`);
    }
  }
}

/** An error that prints as its lines, without a stack: it is a verdict, not a crash. */
function gateError(lines: string[]): Error {
  const error = new Error(lines.join('\n'));
  error.stack = error.message;
  return error;
}
