import fs from 'node:fs/promises';
import path from 'node:path';
import type { FullConfig } from '@playwright/test/reporter';
import type { RunPublish } from '@panoptic/model/run-publish';
import { ensureRunId } from '@panoptic/cloud/run-id';
import type { PanopticReporterOptions } from './options.js';
import { payloadOf } from './publish-payload.js';
import { sendRun } from './publish-send.js';
import type { Summary } from './summary.js';

// Publishing the run to the Panoptic server, when one is configured: the reporter's `server`
// option, else PANOPTIC_SERVER_URL (as `panoptic server publish` reads it), else the suite's
// `settings.enterprise.server_url`; the API key only ever from the
// environment. A server that is down or refuses never fails the run: the reporter warns, naming the
// server and the reason, and keeps the payload in the output folder for `panoptic server publish`.

export const DEFAULT_API_KEY_ENV = 'PANOPTIC_API_KEY';
/** Where unsent payloads wait, under the output folder. */
export const PUBLISH_DIR = path.join('.panoptic', 'publish');

export interface PublishTarget {
  url: string;
  project: string;
  apiKeyEnv: string;
}

interface SuiteServer {
  url: string;
  apiKeyEnv: string | undefined;
  suiteName: string;
}

function suiteFiles(config: FullConfig): string[] {
  const files = config.projects.map((project) => (project.metadata.panoptic as { suite?: unknown } | undefined)?.suite);
  return [...new Set(files.filter((file): file is string => typeof file === 'string'))];
}

/** settings.enterprise of the first suite that sets server_url, and every suite's secrets (to redact errors). */
async function suiteServer(config: FullConfig): Promise<{ server: SuiteServer | undefined; secrets: string[] }> {
  const files = suiteFiles(config);
  if (files.length === 0) return { server: undefined, secrets: [] };
  const { loadSuite, secretsOfSuite } = await import('@panoptic/config');
  let server: SuiteServer | undefined;
  const secrets: string[] = [];
  for (const file of files) {
    const { suite } = loadSuite(file);
    secrets.push(...secretsOfSuite(suite));
    const enterprise = suite.settings?.enterprise;
    if (!server && enterprise?.server_url) server = { url: enterprise.server_url, apiKeyEnv: enterprise.api_key_env, suiteName: suite.name || path.basename(file, path.extname(file)) };
  }
  return { server, secrets };
}

/** The server to publish to, or undefined when none is configured (or the option is false). */
export function targetOf(option: PanopticReporterOptions['server'], fromSuite: SuiteServer | undefined, env: NodeJS.ProcessEnv): PublishTarget | string | undefined {
  if (option === false) return undefined;
  const url = option?.url ?? (env.PANOPTIC_SERVER_URL || undefined) ?? fromSuite?.url;
  if (!url) return undefined;
  const project = option?.project ?? env.PANOPTIC_SERVER_PROJECT ?? fromSuite?.suiteName;
  if (!project) return `publishing to ${url} needs a project: set the reporter's server.project or PANOPTIC_SERVER_PROJECT`;
  return { url, project, apiKeyEnv: option?.apiKeyEnv ?? fromSuite?.apiKeyEnv ?? DEFAULT_API_KEY_ENV };
}

/** Text as it may leave this machine: the API key, the suites' secrets and credentials in URLs replaced. */
async function redactorOf(secrets: string[]): Promise<(text: string) => string> {
  const { redactSecrets, redactUrl } = await import('@panoptic/config');
  const { redactSecrets: redactSignatures } = await import('@panoptic/cloud');
  return (text) => redactSignatures(redactSecrets(redactUrl(text), secrets));
}

function payloadFile(outputDir: string, payload: RunPublish): string {
  const shard = payload.shard ? `-shard-${payload.shard.current}-of-${payload.shard.total}` : '';
  return path.join(outputDir, PUBLISH_DIR, `${payload.run_id}${shard}.json`);
}

export interface PublishInput {
  option: PanopticReporterOptions['server'];
  config: FullConfig;
  summary: Summary;
  outputDir: string;
  warn: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** What publishing decided about the run: the lines of the server's quality gates it failed (printed already). */
export interface PublishVerdict {
  failedGates: string[];
}

/**
 * Publishes the run when a server is configured; on any failure warns and saves the payload for
 * later. Prints the server's failed quality gates like local ones, naming the server, and returns
 * them so the run fails on them (a server that cannot be reached judges nothing).
 */
export async function publishToServer({ option, config, summary, outputDir, warn, env = process.env }: PublishInput): Promise<PublishVerdict | undefined> {
  if (option === false) return;
  const { server, secrets } = await suiteServer(config);
  const target = targetOf(option, server, env);
  if (target === undefined) return;
  if (typeof target === 'string') {
    warn(target);
    return undefined;
  }
  const apiKey = env[target.apiKeyEnv];
  const redact = await redactorOf(apiKey ? [apiKey, ...secrets] : secrets);
  const payload = payloadOf({ summary, runId: ensureRunId(env), env, redact, outputDir });
  const file = payloadFile(outputDir, payload);
  // A URL with a password in it is shown without.
  const shown = redact(target.url);
  const later = `the run is saved in ${path.relative(process.cwd(), file) || file}; send it with: panoptic server publish ${path.relative(process.cwd(), outputDir) || '.'} --url ${shown} --project ${target.project}`;
  try {
    if (!apiKey) throw new Error(`no API key: ${target.apiKeyEnv} is not set in the environment`);
    const run = await sendRun(target.url, target.project, apiKey, payload);
    await fs.rm(file, { force: true });
    process.stderr.write(`[panoptic-reporter] published run ${run.run_id} to ${shown} (project ${target.project}): ${payload.tests.length} tests${payload.shard ? `, shard ${payload.shard.current} of ${payload.shard.total}` : ''}\n`);
    const failedGates = (run.gates?.gates ?? []).filter((gate) => !gate.passed).map((gate) => `quality gate on the server ${shown} (project ${target.project}) ${gate.message}`);
    for (const line of failedGates) process.stderr.write(`[panoptic-reporter] ${line}\n`);
    return { failedGates };
  } catch (error) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(payload));
    warn(`could not publish the run to the server ${shown}: ${redact((error as Error).message)}; ${later}`);
    return undefined;
  }
}
