import fs from 'node:fs/promises';
import path from 'node:path';
import type { FullResult } from '@playwright/test/reporter';
import type { PanopticReporterOptions } from './options.js';
import { targetOf, type PublishTarget } from './publish.js';
import { historyKey } from './records.js';
import type { Summary, TestSummary } from './summary.js';

// Quarantine, on the run's side. The reporter, not the fixtures, applies it: it sees every test of
// every project (plain specs that never import Panoptic's fixtures, YAML suites, and shards replayed
// by merge-reports alike), and the one thing quarantine changes, the run's final status, can only be
// changed by a reporter. The list is fetched from the server when the run begins, from the server
// the run publishes to; a quarantined test runs and is reported as usual, with a "quarantined"
// annotation, and when every failed test is quarantined the run passes.

type Warn = (message: string) => void;

export const QUARANTINE_ANNOTATION = 'quarantined';
/** The list the run applied, under the output folder: what a later look at the run can check. */
export const QUARANTINE_FILE = path.join('.panoptic', 'quarantine.json');
const TIMEOUT_MS = 10_000;

export interface QuarantineEntry {
  key: string;
  reason: string;
  expires_at: string;
}

interface SuiteInfo {
  file: string;
  name?: string | undefined;
}

/** The server of the first suite whose settings.enterprise names one, as publishing finds it. */
async function suiteServer(suites: readonly SuiteInfo[]): Promise<{ url: string; apiKeyEnv: string | undefined; suiteName: string } | undefined> {
  if (!suites.length) return undefined;
  const { loadSuite } = await import('@panoptic/config');
  for (const { file, name } of suites) {
    const enterprise = loadSuite(file).suite.settings?.enterprise;
    if (enterprise?.server_url) return { url: enterprise.server_url, apiKeyEnv: enterprise.api_key_env, suiteName: name || path.basename(file, path.extname(file)) };
  }
  return undefined;
}

async function fetchList(target: PublishTarget, apiKey: string): Promise<QuarantineEntry[]> {
  const url = new URL(`/api/v1/projects/${encodeURIComponent(target.project)}/quarantine`, target.url);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new Error(`${(error as Error).message}${cause?.code ? ` (${cause.code})` : ''}`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string; items?: QuarantineEntry[] };
  if (!response.ok) throw new Error(`HTTP ${response.status}${body.error ? `: ${body.error}` : ''}`);
  return body.items ?? [];
}

export function isQuarantined(test: TestSummary): boolean {
  return test.annotations?.some((annotation) => annotation.type === QUARANTINE_ANNOTATION) ?? false;
}

/**
 * The run's quarantine: the list fetched when the run begins (a server that is down or refuses
 * means no quarantine, with a warning), the annotation of each quarantined test, and the status.
 */
export class RunQuarantine {
  private readonly loading: Promise<Map<string, QuarantineEntry> | undefined>;

  constructor(option: PanopticReporterOptions['server'], suites: readonly SuiteInfo[], outputDir: string, private readonly warn: Warn, env: NodeJS.ProcessEnv = process.env) {
    this.loading = this.load(option, suites, outputDir, env).catch((error: unknown) => {
      this.warn(`quarantine: ${(error as Error).message}`);
      return undefined;
    });
  }

  private async load(option: PanopticReporterOptions['server'], suites: readonly SuiteInfo[], outputDir: string, env: NodeJS.ProcessEnv): Promise<Map<string, QuarantineEntry> | undefined> {
    const target = targetOf(option, await suiteServer(suites), env);
    if (target === undefined) return undefined;
    if (typeof target === 'string') throw new Error(target);
    const apiKey = env[target.apiKeyEnv];
    if (!apiKey) throw new Error(`no API key to read the quarantine list from ${target.url}: ${target.apiKeyEnv} is not set; no test is quarantined in this run`);
    let items: QuarantineEntry[];
    try {
      items = await fetchList(target, apiKey);
    } catch (error) {
      throw new Error(`the list could not be read from ${target.url} (project ${target.project}): ${(error as Error).message}; no test is quarantined in this run`, { cause: error });
    }
    const file = path.join(outputDir, QUARANTINE_FILE);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, `${JSON.stringify({ server: target.url, project: target.project, fetchedAt: new Date().toISOString(), items }, null, 2)}\n`);
    return new Map(items.map((entry) => [entry.key, entry]));
  }

  /** Adds the "quarantined: reason" annotation to each quarantined test (repeats share their key); returns the tests it annotated. */
  async annotate(tests: readonly TestSummary[]): Promise<TestSummary[]> {
    const list = await this.loading;
    const annotated: TestSummary[] = [];
    if (!list?.size) return annotated;
    for (const test of tests) {
      const entry = list.get(historyKey(test));
      if (!entry) continue;
      test.annotations = [...(test.annotations ?? []), { type: QUARANTINE_ANNOTATION, description: `${entry.reason} (until ${entry.expires_at})` }];
      annotated.push(test);
    }
    return annotated;
  }

  /**
   * 'passed' when the tests are all that failed the run and every failed one is quarantined; the
   * status as it was otherwise. Errors outside tests and interrupted runs are never forgiven.
   */
  conclude(summary: Summary | undefined, status: FullResult['status']): FullResult['status'] {
    if (status !== 'failed' || !summary || summary.run.errors.length || summary.totals.interrupted) return status;
    const failed = summary.tests.filter((test) => test.outcome === 'unexpected');
    const quarantined = failed.filter(isQuarantined);
    if (!failed.length || quarantined.length < failed.length) return status;
    process.stderr.write(`[panoptic-reporter] quarantine: ${failed.length} failed test${failed.length > 1 ? 's are' : ' is'} quarantined, so the run passes: ${failed.map((test) => test.key).join(', ')}\n`);
    return 'passed';
  }
}
