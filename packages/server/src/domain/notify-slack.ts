import { z } from 'zod';
import type { GatesResult } from '@panoptic/model/gates';
import { formatDuration, formatRate } from '@panoptic/model/svg-charts';
import type { Queryable } from '../db/database.js';
import type { Context } from './context.js';
import type { Run } from './runs-read.js';
import { newEventId } from './webhook-events.js';

// Chat notifications from the server: a Slack-compatible message ({text, blocks}; Mattermost,
// Rocket.Chat and Teams' Slack-compatible hooks read it too) when a complete run fails a quality
// gate or brings a new failure. It goes through the webhook delivery queue, so it is signed, retried
// and outlives a restart like any delivery; its body is the message itself, not the event envelope.
// The incoming-webhook URL is a secret: only the name of the variable holding it is in settings.

/** The delivery's event type; webhook-send.ts sends such a delivery's data as the body. */
export const SLACK_EVENT = 'notify.slack';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_LISTED = 10;

/** settings.enterprise.integration.slack as the server uses it (the suite's keys are validated by @panoptic/config). */
export const slackOptionsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  url_env: z.string().regex(ENV_NAME),
  /** Signs the deliveries when no integration.webhook (whose secret signs them otherwise) is configured. */
  secret_env: z.string().regex(ENV_NAME).optional(),
});

export type SlackOptions = z.infer<typeof slackOptionsSchema>;
export type SlackOptionsInput = z.input<typeof slackOptionsSchema>;

export interface SlackTarget {
  url: string;
  /** From secret_env; undefined: the webhook's secret signs. */
  secret: string | undefined;
}

/** The receiver from the environment, or undefined when not configured or disabled; a variable that is unset or not a URL refuses the start. */
export function slackTargetOf(options: SlackOptions | undefined, env: NodeJS.ProcessEnv): SlackTarget | undefined {
  if (!options?.enabled) return undefined;
  const url = env[options.url_env];
  const where = 'settings.enterprise.integration.slack';
  if (!url) throw new Error(`${where}.url_env names ${options.url_env}, which is not set: export the incoming-webhook URL in it before starting the server`);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`${where}.url_env: ${options.url_env} does not hold an http(s) URL`);
  const secret = options.secret_env === undefined ? undefined : env[options.secret_env];
  if (options.secret_env !== undefined && !secret) throw new Error(`${where}.secret_env names ${options.secret_env}, which is not set: export the signing secret in it`);
  return { url, secret };
}

/** settings.enterprise.integration.slack of a suite as option input. */
export function slackFromSettings(enterprise: { integration?: unknown }): SlackOptionsInput | undefined {
  const integration = enterprise.integration;
  if (typeof integration !== 'object' || integration === null || !('slack' in integration)) return undefined;
  const slack = integration.slack;
  if (typeof slack !== 'object' || slack === null) return undefined;
  // `url` was refused by the suite's validation (it is a secret) and never gets here.
  return Object.fromEntries(Object.entries(slack).filter(([key, value]) => value !== undefined && key !== 'url')) as SlackOptionsInput;
}

// The receiver of each running server's context, set when its deliveries start (webhook-dispatch.ts).
const targets = new WeakMap<Context, string>();

export function setSlackTarget(ctx: Context, url: string | undefined): void {
  if (url) targets.set(ctx, url);
  else targets.delete(ctx);
}

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** Slack reads `<`, `>` and `&` in mrkdwn as links and entities; titles and messages are users' text. */
const mrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const section = (text: string): Record<string, unknown> => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** The message for a complete run whose gates failed or that has new failures. */
export function slackMessage(project: string, run: Run, result: GatesResult): SlackMessage {
  const failed = result.gates.filter((gate) => !gate.passed);
  const fresh = result.newFailures;
  const headline = failed.length
    ? `${project}: quality gate${failed.length > 1 ? 's' : ''} failed (${failed.map((gate) => gate.gate).join(', ')})`
    : `${project}: ${fresh.length} new failure${fresh.length > 1 ? 's' : ''}`;
  const { counts } = run;
  const where = [run.branch && `branch ${run.branch}`, run.commit && `commit ${run.commit.slice(0, 12)}`].filter(Boolean).join(' · ');
  const blocks = [
    section(`*${mrkdwn(headline)}*`),
    section(
      `Run ${mrkdwn(run.run_id)}${where ? ` (${mrkdwn(where)})` : ''}: ${counts.expected} passed, ${counts.unexpected} failed, ${counts.flaky} flaky, ${counts.skipped} skipped · pass rate ${formatRate(run.pass_rate)} · ${formatDuration(run.duration_ms)}`,
    ),
  ];
  if (failed.length) blocks.push(section(failed.map((gate) => `• quality gate ${mrkdwn(gate.message)}`).join('\n')));
  if (fresh.length) {
    const since = result.previousRun ? `not failing in the run of ${result.previousRun}` : 'no earlier run to compare with';
    const listed = fresh.slice(0, MAX_LISTED).map((key) => `• ${mrkdwn(key)}`);
    if (fresh.length > MAX_LISTED) listed.push(`• … and ${fresh.length - MAX_LISTED} more`);
    blocks.push(section(`*New failures* (${since}):\n${listed.join('\n')}`));
  }
  if (run.ci_url && URL.canParse(run.ci_url)) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${run.ci_url}|CI run>` }] });
  return { text: headline, blocks };
}

/**
 * Queues the message when the run failed a gate or has new failures and a receiver is configured:
 * in the publish transaction, so it is queued exactly when the verdict is stored.
 */
export async function queueSlackNotification(q: Queryable, ctx: Context, project: string, run: Run, result: GatesResult): Promise<boolean> {
  const url = targets.get(ctx);
  if (!url || (result.passed && !result.newFailures.length)) return false;
  await q.query('INSERT INTO webhook_deliveries (event_id, event_type, event_time, data, url) VALUES ($1, $2, clock_timestamp(), $3, $4)', [
    newEventId(),
    SLACK_EVENT,
    { ...slackMessage(project, run, result) },
    url,
  ]);
  return true;
}
