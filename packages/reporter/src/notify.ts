import type { GatesResult } from '@panoptic/model/gates';
import { formatDuration, formatRate } from './format.js';
import type { Summary } from './summary.js';

/** A Slack incoming-webhook message; Mattermost, Rocket.Chat and Teams' Slack-compatible hooks read it too. */
export interface WebhookMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const MAX_LISTED = 10;
const TIMEOUT_MS = 10_000;

/** Slack reads `<`, `>` and `&` in mrkdwn as links and entities; titles and messages are users' text. */
function mrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const section = (text: string): Record<string, unknown> => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Where the run can be seen: the CI job when the run is on GitHub Actions or GitLab CI. */
function ciLink(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  return env.CI_JOB_URL || undefined;
}

/** The message for a run whose gates failed or that has new failures. `title` names the suite or project. */
export function gatesMessage(summary: Summary, gates: GatesResult, title: string, env: NodeJS.ProcessEnv = process.env): WebhookMessage {
  const failed = gates.gates.filter((gate) => !gate.passed);
  const headline = failed.length
    ? `${title}: quality gate${failed.length > 1 ? 's' : ''} failed (${failed.map((gate) => gate.gate).join(', ')})`
    : `${title}: ${gates.newFailures.length} new failure${gates.newFailures.length > 1 ? 's' : ''}`;
  const { totals, run } = summary;
  const blocks = [
    section(`*${mrkdwn(headline)}*`),
    section(
      `${totals.passed} passed, ${totals.failed} failed, ${totals.flaky} flaky, ${totals.skipped} skipped · pass rate ${formatRate(totals.successRate)} · ${formatDuration(run.durationMs)}`,
    ),
  ];
  if (failed.length) blocks.push(section(failed.map((gate) => `• quality gate ${mrkdwn(gate.message)}`).join('\n')));
  if (gates.newFailures.length) {
    const since = gates.previousRun ? `not failing in the run of ${gates.previousRun}` : 'no earlier run to compare with';
    const listed = gates.newFailures.slice(0, MAX_LISTED).map((key) => `• ${mrkdwn(key)}`);
    if (gates.newFailures.length > MAX_LISTED) listed.push(`• … and ${gates.newFailures.length - MAX_LISTED} more`);
    blocks.push(section(`*New failures* (${since}):\n${listed.join('\n')}`));
  }
  const link = ciLink(env);
  if (link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${link}|CI run>` }] });
  return { text: headline, blocks };
}

async function postOnce(url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  // Read to the end so the connection is released; Slack explains a refusal in the body.
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

/**
 * Posts the message, retrying once (a webhook receiver that drops one request should not lose the
 * message). Throws the last error; the caller makes it a warning, as a notification never fails a run.
 * The URL is never in the error: it is the secret that lets anyone post to the channel.
 */
export async function postWebhook(url: string, message: WebhookMessage): Promise<void> {
  const body = JSON.stringify(message);
  try {
    await postOnce(url, body);
  } catch (first) {
    try {
      await postOnce(url, body);
    } catch (second) {
      throw new Error(`the webhook refused or did not answer twice (${(first as Error).message}; then ${(second as Error).message})`, { cause: second });
    }
  }
}
